import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { CONFIG, loadConfig, stagingSettings, validateConfig } from "./config";
import { buildProd } from "./prod";
import { buildStaging } from "./staging";
import { policyReport } from "../modules/policy";
import { NON_PRODUCTION_CHOICES } from "../modules/patterns/profile-choices";
import { SynthJson, resource, resources } from "../modules/internal/testing";

// One App, one synth per environment, shared by every assertion below (synths are the slow part).
const app = buildApp(Testing.app(), {});
const stacks = Object.fromEntries(["dev", "staging", "prod"].map((name) => [name, app.node.findChild(name) as TerraformStack])) as Record<
  "dev" | "staging" | "prod",
  TerraformStack
>;
// `true`: run validations, so the policy layer runs exactly as in `cdktf synth`.
const json = Object.fromEntries(
  Object.entries(stacks).map(([name, stack]) => [name, JSON.parse(Testing.synth(stack, true)) as SynthJson]),
) as Record<"dev" | "staging" | "prod", SynthJson>;

const topicArn = (j: SynthJson, kind: "Critical" | "Warning") =>
  `\${aws_sns_topic.${Object.keys(resources(j, "aws_sns_topic")).find((n) => n.includes(`Monitoring_${kind}Topic`))}.arn}`;
const TOPIC = { critical: topicArn(json.prod, "Critical"), warning: topicArn(json.prod, "Warning") };

/** The app's task definition (not the database admin task's). */
const appTask = (j: SynthJson): any => {
  const apps = Object.values(resources(j, "aws_ecs_task_definition")).filter((t: any) => !t.family.endsWith("-db-admin"));
  if (apps.length !== 1) throw new Error(`expected one app task definition, found ${apps.length}`);
  return apps[0];
};
/** The security group of the database admin task. */
const adminGroup = (j: SynthJson): string =>
  `\${aws_security_group.${Object.entries(resources(j, "aws_security_group")).find(([, g]: [string, any]) => g.name.endsWith("-db-admin"))![0]}.id}`;

function byName(j: SynthJson, type: string, key: string): Record<string, any> {
  return Object.fromEntries(Object.values(resources(j, type)).map((r: any) => [r[key], r]));
}

describe("every environment", () => {
  it.each(["dev", "staging", "prod"] as const)("%s passes every policy rule, with only reasoned suppressions", (env) => {
    const report = policyReport(stacks[env]);
    expect(report.failed.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.invalidSuppressions).toEqual([]);
    for (const s of report.suppressed) expect(s.reason.length).toBeGreaterThanOrEqual(10);
  });

  it("suppresses only what each environment explains: RDP on the public subnets' ACL, dev's and staging's plain-HTTP listener and public-IP task, the app's writable filesystem", () => {
    // The non-production profile's choices are accepted too (next test); the rest is listed here.
    const suppressed = (env: "dev" | "staging" | "prod") =>
      policyReport(stacks[env])
        .suppressed.filter((s) => !s.reason.startsWith("non-production profile:"))
        .map((s) => [s.ruleId, s.path]);
    const common = (env: string) => [
      ["NACL-NO-ADMIN-PORTS", `${env}/App/Network/PublicNetworkAcl`],
      ["ECS-READ-ONLY-ROOT-FS", `${env}/App/Web/TaskDefinition`],
      ["ECS-READ-ONLY-ROOT-FS", `${env}/App/DatabaseAdmin/TaskDefinition`],
    ];
    expect(suppressed("prod")).toEqual(expect.arrayContaining(common("prod")));
    expect(suppressed("prod")).toHaveLength(3);
    // Staging on Fargate is shaped like dev: a plain-HTTP listener and a public-IP task.
    for (const env of ["dev", "staging"] as const) {
      expect(suppressed(env)).toEqual(
        expect.arrayContaining([
          ...common(env),
          ["ALB-HTTPS-REDIRECT", `${env}/App/Web/HttpListener`],
          ["ECS-NO-PUBLIC-IP", `${env}/App/Web/Service`],
        ]),
      );
      expect(suppressed(env)).toHaveLength(5);
    }
  });

  it("prints no policy warning: the non-production profile's choices are accepted with their reason, production accepts none", () => {
    const profileChoices = (env: "dev" | "staging" | "prod") =>
      policyReport(stacks[env])
        .suppressed.filter((s) => s.reason.startsWith("non-production profile:"))
        .map((s) => s.ruleId);
    for (const env of ["dev", "staging", "prod"] as const) expect(policyReport(stacks[env]).failed).toEqual([]);
    expect(profileChoices("prod")).toEqual([]);
    for (const env of ["dev", "staging"] as const) {
      expect(profileChoices(env)).toEqual(
        expect.arrayContaining(["RDS-MULTI-AZ", "RDS-DELETION-PROTECTION", "LOG-GROUP-KMS", "ALB-DELETION-PROTECTION", "CLOUDFRONT-WAF"]),
      );
      for (const id of profileChoices(env)) expect(Object.keys(NON_PRODUCTION_CHOICES)).toContain(id);
    }
    const warnings = Object.values(stacks).flatMap((stack) =>
      stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn")),
    );
    expect(warnings).toEqual([]);
  });

  it.each(["dev", "staging", "prod"] as const)("%s gives operators the seed 004 outputs", (env) => {
    const outputs = Object.keys(json[env].output ?? {});
    expect(outputs).toEqual(expect.arrayContaining(["app_url", "ecr_repository_url", "rds_endpoint"]));
    expect(outputs).toEqual(expect.arrayContaining(["ecs_cluster_name", "ecs_service_name"]));
  });

  it.each(["dev", "staging", "prod"] as const)("%s keeps every secret value out of Terraform", (env) => {
    const text = JSON.stringify(json[env]);
    expect(resources(json[env], "aws_secretsmanager_secret_version")).toEqual({});
    expect(resource(json[env], "aws_db_instance")).toMatchObject({ manage_master_user_password: true });
    expect(resource(json[env], "aws_db_instance").password).toBeUndefined();
    expect(text).not.toMatch(/"(password|secret_string)"\s*:/);
  });

  it.each(["dev", "staging", "prod"] as const)("%s: the dashboard charts only resources of its own stack", (env) => {
    const body = JSON.parse(resource(json[env], "aws_cloudwatch_dashboard").dashboard_body);
    const refs = JSON.stringify(body).match(/\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)\./g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, type, name] = /\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)\./.exec(ref)!;
      expect(resources(json[env], type)[name], ref).toBeDefined();
    }
  });
});

describe("prod follows seed 001", () => {
  const prod = json.prod;

  it("lays out the VPC exactly, with one NAT gateway (seed 001; perAz is the opt-in)", () => {
    expect(resource(prod, "aws_vpc").cidr_block).toBe("10.0.0.0/16");
    const subnets = Object.values(resources(prod, "aws_subnet")).map((s: any) => [s.cidr_block, s.availability_zone]);
    expect(subnets).toEqual(
      expect.arrayContaining([
        ["10.0.1.0/24", "us-east-1a"],
        ["10.0.2.0/24", "us-east-1b"],
        ["10.0.10.0/24", "us-east-1a"],
        ["10.0.11.0/24", "us-east-1b"],
      ]),
    );
    expect(Object.keys(resources(prod, "aws_nat_gateway"))).toHaveLength(1);
  });

  it("runs a Multi-AZ, protected PostgreSQL 16", () => {
    expect(resource(prod, "aws_db_instance")).toMatchObject({
      engine: "postgres",
      instance_class: "db.t4g.micro",
      multi_az: true,
      deletion_protection: true,
      storage_encrypted: true,
      storage_type: "gp3",
      allocated_storage: 20,
      max_allocated_storage: 100,
      backup_retention_period: 7,
      backup_window: "03:00-04:00",
      publicly_accessible: false,
      skip_final_snapshot: false,
      db_name: "fckdoomscroll",
      username: "fckadmin",
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(prod, "aws_db_instance").engine_version).toMatch(/^16/);
  });

  it("runs 0.5 vCPU / 1 GB tasks, 2 of them, scaling 2-10 on CPU 70 %", () => {
    expect(appTask(prod)).toMatchObject({ cpu: "512", memory: "1024", requires_compatibilities: ["FARGATE"] });
    expect(resource(prod, "aws_ecs_service")).toMatchObject({
      desired_count: 2,
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
    });
    expect(resource(prod, "aws_appautoscaling_target")).toMatchObject({ min_capacity: 2, max_capacity: 10 });
    const cpu = Object.values(resources(prod, "aws_appautoscaling_policy")).find(
      (p: any) =>
        p.target_tracking_scaling_policy_configuration?.predefined_metric_specification?.predefined_metric_type ===
        "ECSServiceAverageCPUUtilization",
    ) as any;
    expect(cpu.target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 70,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
    });
  });

  it("redirects HTTP to HTTPS and serves TLS 1.3 from an ACM certificate", () => {
    const listeners = byName(prod, "aws_lb_listener", "port");
    expect(listeners[80].default_action[0]).toMatchObject({
      type: "redirect",
      redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" },
    });
    expect(listeners[443]).toMatchObject({ protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(listeners[443].certificate_arn).toMatch(/aws_acm_certificate_validation/);
    expect(resource(prod, "aws_lb")).toMatchObject({ drop_invalid_header_fields: true, enable_deletion_protection: true });
    expect(resource(prod, "aws_lb_target_group").health_check).toMatchObject({
      path: "/api/health",
      interval: 30,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
      matcher: "200",
    });
  });

  it("admits the database only from the web service's and the admin task's security groups", () => {
    const dbSg = resource(prod, "aws_db_instance").vpc_security_group_ids[0];
    const ingress = Object.values(resources(prod, "aws_vpc_security_group_ingress_rule")).filter(
      (r: any) => r.security_group_id === dbSg,
    ) as any[];
    expect(ingress.map((r) => r.referenced_security_group_id).sort()).toEqual(
      [resource(prod, "aws_ecs_service").network_configuration.security_groups[0], adminGroup(prod)].sort(),
    );
    for (const r of ingress) {
      expect(r).toMatchObject({ from_port: 5432, to_port: 5432, ip_protocol: "tcp" });
      expect(r.cidr_ipv4).toBeUndefined();
    }
  });

  it("notifies the critical and warning topics exactly as seed 001 lists", () => {
    const alarms = Object.values(resources(prod, "aws_cloudwatch_metric_alarm")) as any[];
    const find = (metric: string, threshold: number) => alarms.find((a) => a.metric_name === metric && a.threshold === threshold);
    const expectAlarm = (metric: string, threshold: number, op: string, minutes: number, topic: string) => {
      const a = find(metric, threshold);
      expect(a, `${metric} ${threshold}`).toBeDefined();
      expect(a.comparison_operator).toBe(op);
      expect((a.period * a.evaluation_periods) / 60).toBe(minutes);
      expect(a.alarm_actions).toEqual([topic]);
    };
    // Critical
    expectAlarm("CPUUtilization", 80, "GreaterThanThreshold", 5, TOPIC.critical); // ECS CPU > 80 % for 5 min
    expectAlarm("MemoryUtilization", 85, "GreaterThanThreshold", 5, TOPIC.critical); // ECS memory > 85 % for 5 min
    expectAlarm("HTTPCode_Target_5XX_Count", 10, "GreaterThanThreshold", 1, TOPIC.critical); // ALB 5XX > 10 per minute
    expectAlarm("CPUUtilization", 75, "GreaterThanThreshold", 10, TOPIC.critical); // RDS CPU > 75 % for 10 min
    expectAlarm("FreeStorageSpace", 5 * 1024 ** 3, "LessThanThreshold", 5, TOPIC.critical); // RDS free space < 5 GB
    // Warning
    expectAlarm("TargetResponseTime", 1, "GreaterThanThreshold", 5, TOPIC.warning); // ALB response time > 1 s
    expectAlarm("FreeStorageSpace", 10 * 1024 ** 3, "LessThanThreshold", 5, TOPIC.warning); // RDS free space < 10 GB
    expectAlarm("DatabaseConnections", 80, "GreaterThanThreshold", 10, TOPIC.warning); // connections > 80 % of 100
    // Beyond seed 001: CloudFront's 5xx error rate, critical.
    expectAlarm("5xxErrorRate", 5, "GreaterThanThreshold", 5, TOPIC.critical);
    const running = alarms.find((a) => a.metric_query);
    expect(running.alarm_actions).toEqual([TOPIC.warning]); // running < desired for 5 min
    expect(running.evaluation_periods).toBe(5);
  });

  it("puts CloudFront with WAF, the static bucket and the domain in front of the load balancer", () => {
    const distribution = resource(prod, "aws_cloudfront_distribution");
    expect(distribution.aliases).toEqual(["fckdoomscroll.example.com"]);
    expect(distribution.web_acl_id).toMatch(/aws_wafv2_web_acl/);
    const app = distribution.origin.find((o: any) => o.origin_id === "app");
    expect(app.domain_name).toBe("origin.fckdoomscroll.example.com");
    expect(app.vpc_origin_config.vpc_origin_id).toMatch(/aws_cloudfront_vpc_origin\./);
  });

  it("has no internet path to the load balancer: internal, in private subnets, no open ingress", () => {
    const lb = resource(prod, "aws_lb");
    expect(lb.internal).toBe(true);
    const privateSubnets = Object.entries(resources(prod, "aws_subnet"))
      .filter(([, s]: [string, any]) => s.map_public_ip_on_launch !== true && /10\.0\.1[01]\./.test(s.cidr_block))
      .map(([n]) => `\${aws_subnet.${n}.id}`);
    expect([...lb.subnets].sort()).toEqual(privateSubnets.sort());
    const open = Object.values(resources(prod, "aws_vpc_security_group_ingress_rule")).filter(
      (r: any) => r.cidr_ipv4 === "0.0.0.0/0" || r.cidr_ipv6 === "::/0",
    );
    expect(open).toEqual([]);
    const vpcOrigin = resource(prod, "aws_cloudfront_vpc_origin");
    expect([vpcOrigin.vpc_origin_endpoint_config].flat()[0].arn).toMatch(/aws_lb\..*\.arn/);
  });

  it("never gives the app the master credentials: it logs in as app_user with an IAM token over verified TLS", () => {
    const container = JSON.parse(appTask(prod).container_definitions)[0];
    const env = Object.fromEntries(container.environment.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ DB_USER: "app_user", PGSSLMODE: "verify-full", DB_NAME: "fckdoomscroll" });
    expect(env.DB_SECRET_ARN).toBeUndefined();
    const masterSecret = "master_user_secret";
    expect(JSON.stringify(container)).not.toContain(masterSecret);
    const taskPolicies = Object.values(resources(prod, "aws_iam_role_policy")).filter((p: any) => p.role.includes("Web_TaskRole")) as any[];
    const statements = taskPolicies.flatMap((p) => JSON.parse(p.policy).Statement);
    expect(JSON.stringify(statements)).not.toContain(masterSecret);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: "rds-db:connect",
        Resource: expect.stringMatching(/:dbuser:\$\{aws_db_instance\..*\.resource_id\}\/app_user$/),
      }),
    );
  });

  it("sends email from the domain, through the task role only", () => {
    const [identityKey] = Object.entries(resources(prod, "aws_sesv2_email_identity")).find(
      ([, r]: [string, any]) => r.email_identity === "fckdoomscroll.example.com",
    )!;
    const sends = (p: any) => JSON.parse(p.policy).Statement.some((s: any) => [s.Action].flat().includes("ses:SendEmail"));
    const senders = Object.values(resources(prod, "aws_iam_role_policy")).filter(sends) as any[];
    expect(senders).toHaveLength(1);
    expect(senders[0].role).toContain("Web_TaskRole");
    const send = JSON.parse(senders[0].policy).Statement.find((s: any) => [s.Action].flat().includes("ses:SendEmail"));
    expect(send.Resource).not.toContain("*");
    expect([send.Resource].flat()).toContain(`\${aws_sesv2_email_identity.${identityKey}.arn}`);
    expect(send.Condition).toEqual({ StringLike: { "ses:FromAddress": ["noreply@fckdoomscroll.example.com"] } });
  });
});

describe("prod access logs", () => {
  it("lets the load balancer write exactly where it logs, once the bucket policy exists", () => {
    const lb = resource(json.prod, "aws_lb");
    const policy = resources(json.prod, "aws_s3_bucket_policy");
    const logsPolicyName = Object.keys(policy).find((k) => k.includes("LoadBalancerLogs"))!;
    expect(lb.depends_on).toContain(`aws_s3_bucket_policy.${logsPolicyName}`);
    const writes = JSON.parse(policy[logsPolicyName].policy).Statement.filter((s: any) => s.Action === "s3:PutObject");
    expect(lb.access_logs.prefix).toBe("fckdoomscroll-prod");
    expect(writes).toHaveLength(2);
    for (const w of writes) expect(w.Resource).toContain(`/${lb.access_logs.prefix}/AWSLogs/`);
  });

  it('requires the origin-verify header on both sides of a public load balancer (originAccess: "public")', () => {
    const secret = "s".repeat(40);
    const stack = buildProd(
      Testing.app(),
      loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: secret }, { ...CONFIG.prod, originAccess: "public" }),
    );
    const p = JSON.parse(Testing.synth(stack)) as SynthJson;
    const origin = resource(p, "aws_cloudfront_distribution").origin.find((o: any) => o.domain_name.startsWith("origin."));
    expect(origin.custom_header).toEqual([{ name: "X-Origin-Verify", value: secret }]);
    const rule = resource(p, "aws_lb_listener_rule");
    expect(rule.condition).toEqual([{ http_header: { http_header_name: "X-Origin-Verify", values: [secret] } }]);
  });
});

describe("dev", () => {
  it("runs one Spot task with a public IP (no NAT) behind CloudFront, with a database that can be destroyed but keeps a final snapshot", () => {
    expect(resource(json.dev, "aws_ecs_service").capacity_provider_strategy).toEqual([
      expect.objectContaining({ capacity_provider: "FARGATE_SPOT", weight: 1 }),
    ]);
    expect(resource(json.dev, "aws_appautoscaling_target")).toMatchObject({ min_capacity: 1 });
    expect(resource(json.dev, "aws_lb").enable_deletion_protection).toBe(false);
    expect(resource(json.dev, "aws_db_instance")).toMatchObject({
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: false,
    });
    expect(resource(json.dev, "aws_db_instance").lifecycle).toBeUndefined();
    expect(resources(json.dev, "aws_nat_gateway")).toEqual({});
    expect(resources(json.dev, "aws_instance")).toEqual({});
    expect(resource(json.dev, "aws_ecs_service").network_configuration.assign_public_ip).toBe(true);
  });

  it.each(["dev", "staging"] as const)(
    "%s reaches the app through CloudFront as prod does: HTTPS on *.cloudfront.net, an internal load balancer",
    (env) => {
      const dist = resource(json[env], "aws_cloudfront_distribution");
      expect(dist.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
      expect(dist.default_cache_behavior.viewer_protocol_policy).toBe("redirect-to-https");
      expect(resource(json[env], "aws_lb").internal).toBe(true);
      expect(resource(json[env], "aws_cloudfront_vpc_origin").vpc_origin_endpoint_config[0].origin_protocol_policy).toBe("http-only");
      // Nothing on the internet reaches the load balancer: no rule admits 0.0.0.0/0 or ::/0.
      const open = Object.values(resources(json[env], "aws_vpc_security_group_ingress_rule")).filter(
        (r: any) => r.cidr_ipv4 === "0.0.0.0/0" || r.cidr_ipv6 === "::/0",
      );
      expect(open).toEqual([]);
      expect(json[env].output?.app_url.value).toMatch(/^https:\/\/\$\{aws_cloudfront_distribution\./);
    },
  );
});

describe("staging (Fargate, the default: any account)", () => {
  it("runs on one Fargate Spot task with a public IP, scaled to zero at night, and no NAT", () => {
    const s = json.staging;
    // `npm run synth` gives a staging with no App Runner resource of any type.
    expect(Object.keys(s.resource ?? {}).filter((type) => type.startsWith("aws_apprunner_"))).toEqual([]);
    expect(resource(s, "aws_ecs_service").capacity_provider_strategy).toEqual([
      expect.objectContaining({ capacity_provider: "FARGATE_SPOT", weight: 1 }),
    ]);
    expect(resource(s, "aws_lb").enable_deletion_protection).toBe(false);
    // No NAT: the task has a public IP (a NAT instance is only for App Runner's connector).
    expect(resources(s, "aws_instance")).toEqual({});
    expect(resources(s, "aws_nat_gateway")).toEqual({});
    expect(resource(s, "aws_ecs_service").network_configuration.assign_public_ip).toBe(true);
    const actions = Object.values(resources(s, "aws_appautoscaling_scheduled_action")) as any[];
    expect(actions.map((a) => a.scalable_target_action)).toEqual(
      expect.arrayContaining([expect.objectContaining({ min_capacity: "0", max_capacity: "0" })]),
    );
    // The night action sets min/max to 0: Terraform must not scale staging back up.
    expect(resource(s, "aws_appautoscaling_target").lifecycle).toEqual({ ignore_changes: ["min_capacity", "max_capacity"] });
    expect(resource(s, "aws_db_instance")).toMatchObject({ multi_az: false, instance_class: "db.t4g.micro", deletion_protection: false });
  });
});

describe("staging on App Runner (one checked-in line, for accounts that already use App Runner)", () => {
  const stack = buildStaging(Testing.app(), validateConfig(stagingSettings("apprunner")));
  const s = JSON.parse(Testing.synth(stack, true)) as SynthJson;

  it("passes every policy rule, suppressing only the public ACL's RDP, the NAT instance's egress and the admin task's writable filesystem (besides the profile's choices)", () => {
    const report = policyReport(stack);
    expect(report.failed.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.suppressed.filter((x) => !x.reason.startsWith("non-production profile:")).map((x) => [x.ruleId, x.path])).toEqual([
      ["ECS-READ-ONLY-ROOT-FS", "staging/App/DatabaseAdmin/TaskDefinition"],
      ["NACL-NO-ADMIN-PORTS", "staging/App/Network/PublicNetworkAcl"],
      ["SG-EGRESS-ALL-PORTS", "staging/App/Network/NatInstanceEgress"],
    ]);
  });

  it("sends App Runner's egress through a NAT instance instead of a NAT gateway", () => {
    expect(resources(s, "aws_nat_gateway")).toEqual({});
    expect(resource(s, "aws_instance")).toMatchObject({ instance_type: "t4g.nano", source_dest_check: false });
  });

  it("runs App Runner (seed 003): 1 vCPU / 2 GB, 1-3 instances, no load balancer or ECS service", () => {
    expect(resource(s, "aws_apprunner_service").instance_configuration).toMatchObject({ cpu: "1024", memory: "2048" });
    expect(resource(s, "aws_apprunner_auto_scaling_configuration_version")).toMatchObject({
      max_concurrency: 100,
      min_size: 1,
      max_size: 3,
    });
    expect(resources(s, "aws_lb")).toEqual({});
    expect(resources(s, "aws_ecs_service")).toEqual({});
    expect(Object.keys(s.output ?? {})).toEqual(
      expect.arrayContaining(["app_url", "ecr_repository_url", "rds_endpoint", "apprunner_service_url"]),
    );
  });

  it("gives App Runner no master credentials: the instance role may connect as app_user", () => {
    const service = resource(s, "aws_apprunner_service");
    expect(JSON.stringify(service)).not.toContain("master_user_secret");
    expect(service.source_configuration.image_repository.image_configuration.runtime_environment_variables).toMatchObject({
      DB_USER: "app_user",
      PGSSLMODE: "verify-full",
    });
    const statements = Object.values(resources(s, "aws_iam_role_policy"))
      .filter((p: any) => p.role.includes("App_InstanceRole"))
      .flatMap((p: any) => JSON.parse(p.policy).Statement);
    expect(statements.map((st: any) => st.Action)).toContain("rds-db:connect");
  });

  it("reaches the database through the VPC connector's security group", () => {
    const connectorSg = resource(s, "aws_apprunner_vpc_connector").security_groups[0];
    const dbSg = resource(s, "aws_db_instance").vpc_security_group_ids[0];
    const ingress = Object.values(resources(s, "aws_vpc_security_group_ingress_rule")).filter((r: any) => r.security_group_id === dbSg);
    expect(ingress.map((r: any) => r.referenced_security_group_id).sort()).toEqual([connectorSg, adminGroup(s)].sort());
  });

  it("grants App Runner no KMS statement without resources when there are no application secrets", () => {
    const bare = buildStaging(Testing.app(), { ...validateConfig(stagingSettings("apprunner")), appSecrets: [] });
    const j = JSON.parse(Testing.synth(bare)) as SynthJson;
    const statements = Object.values(resources(j, "aws_iam_role_policy")).flatMap((p: any) => JSON.parse(p.policy).Statement);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((st: any) => [st.Resource].flat().length === 0)).toEqual([]);
    expect(statements.map((st: any) => st.Sid)).not.toContain("DecryptAppSecrets");
  });
});

describe("resource addresses", () => {
  // Construct ids are part of the public contract: a renamed id is a new Terraform address,
  // and Terraform then destroys and recreates the resource (a database included) in every
  // user's state. This snapshot makes any such change visible in review; update it with
  // `npx vitest run -u` only when the move is intended (and add a `moved` block for users).
  it.each(["dev", "staging", "prod"] as const)("%s keeps its resource addresses", (env) => {
    const addresses = Object.entries(json[env].resource ?? {})
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .sort();
    expect(addresses.length).toBeGreaterThan(50);
    expect(addresses).toMatchSnapshot();
  });
});
