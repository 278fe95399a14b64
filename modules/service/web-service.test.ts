import { TerraformOutput, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { dataSources, findResources, policyOf, resource, resources, scratchStack, synth, TEST_NETWORK } from "../internal/testing";
import { errorsOf } from "../policy/engine";
import { policyReport } from "../policy/enforce";
import { ecsNoPublicIp } from "../policy/rules";
import { AUTH_SECRET_ARN, DATABASE, DB_SECRET_ARN, REPOSITORY, TOPICS, containerOf, synthWeb, webService } from "./testing";
import { FargateCluster, SPOT_CAPACITY } from "./fargate-cluster";
import { WebService } from "./web-service";
import { Network } from "../network/network";

const ref = (type: string, json: any, id?: string): string => {
  const names = Object.keys(resources(json, type));
  const name = id ? names.find((n) => n.includes(id)) : names[0];
  return `${type}.${name}`;
};
const statementsOf = (json: any, roleId: string): any[] => {
  const policy = findResources(json, "aws_iam_role_policy", (p) => p.role.includes(roleId))[0];
  return policyOf(policy).Statement;
};

describe("WebService defaults (no domain: HTTP only)", () => {
  const json = synthWeb();
  const service = resource(json, "aws_ecs_service");

  it("runs a 0.5 vCPU / 1 GB x86 Fargate task of one app container", () => {
    expect(resource(json, "aws_ecs_task_definition")).toMatchObject({
      family: "fckdoomscroll-test",
      cpu: "512",
      memory: "1024",
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
      runtime_platform: { cpu_architecture: "X86_64", operating_system_family: "LINUX" },
      skip_destroy: false,
    });
    const container = containerOf(json);
    expect(container).toMatchObject({
      name: "app",
      image: `${REPOSITORY.repositoryUrl}:latest`,
      essential: true,
      portMappings: [{ containerPort: 3000, hostPort: 3000, protocol: "tcp" }],
      stopTimeout: 30,
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": "ecs" } },
    });
    expect(container.privileged).toBeUndefined();
    expect(container.logConfiguration.options["awslogs-group"]).toBe(`\${${ref("aws_cloudwatch_log_group", json)}.name}`);
  });

  it("logs to /ecs/<name> for 30 days", () => {
    expect(resource(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "/ecs/fckdoomscroll-test", retention_in_days: 30 });
  });

  it("deploys 2 tasks in private subnets with rolling, rollback-protected deployments", () => {
    expect(service).toMatchObject({
      name: "fckdoomscroll-test",
      desired_count: 2,
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      platform_version: "LATEST",
      propagate_tags: "SERVICE",
      enable_execute_command: false,
      health_check_grace_period_seconds: 120,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1, base: 0 }],
      network_configuration: { assign_public_ip: false, subnets: [...TEST_NETWORK.privateSubnetIds] },
      lifecycle: { ignore_changes: ["desired_count"] },
    });
    expect(service.launch_type).toBeUndefined();
  });

  it("is created after the listener and the cluster's capacity providers", () => {
    expect(service.depends_on).toEqual(
      expect.arrayContaining([ref("aws_lb_listener", json, "HttpListener"), ref("aws_ecs_cluster_capacity_providers", json)]),
    );
    expect(service.load_balancer).toEqual([
      { container_name: "app", container_port: 3000, target_group_arn: `\${${ref("aws_lb_target_group", json)}.arn}` },
    ]);
  });

  it("checks targets like seed 001 on an ip target group replaced create-before-destroy", () => {
    expect(resource(json, "aws_lb_target_group")).toMatchObject({
      name_prefix: "app-",
      lifecycle: { create_before_destroy: true },
      target_type: "ip",
      protocol: "HTTP",
      port: 3000,
      vpc_id: TEST_NETWORK.vpcId,
      deregistration_delay: "60",
      stickiness: { enabled: false },
      health_check: { path: "/api/health", interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: "200" },
    });
  });

  it("serves plain HTTP on 80 without a certificate, open to anywhere", () => {
    const listener = resource(json, "aws_lb_listener");
    expect(listener).toMatchObject({ port: 80, protocol: "HTTP", default_action: [{ type: "forward" }] });
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r: any) => r.cidr_ipv4);
    expect(ingress).toEqual([expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", from_port: 80, to_port: 80 })]);
  });

  it("puts an internet-facing, protected load balancer in the public subnets", () => {
    expect(resource(json, "aws_lb")).toMatchObject({
      name: "fckdoomscroll-test",
      internal: false,
      load_balancer_type: "application",
      subnets: [...TEST_NETWORK.publicSubnetIds],
      drop_invalid_header_fields: true,
      enable_deletion_protection: true,
    });
    expect(resource(json, "aws_lb").access_logs).toBeUndefined();
  });

  it("scales 2-10 on CPU 70 % without a role_arn on the target", () => {
    const target = resource(json, "aws_appautoscaling_target");
    expect(target).toMatchObject({
      min_capacity: 2,
      max_capacity: 10,
      scalable_dimension: "ecs:service:DesiredCount",
      service_namespace: "ecs",
    });
    expect(target.role_arn).toBeUndefined();
    expect(target.resource_id).toMatch(/^service\/\$\{aws_ecs_cluster\..+\.name\}\/\$\{aws_ecs_service\..+\.name\}$/);
    expect(resource(json, "aws_appautoscaling_policy").target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 70,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
      predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
    });
    expect(resources(json, "aws_cloudwatch_metric_alarm")).toEqual({});
  });

  it("admits the container port only from the load balancer, and egresses 443 only", () => {
    const lbSg = ref("aws_security_group", json, "LoadBalancerSecurityGroup");
    const svcSg = ref("aws_security_group", json, "Web_SecurityGroup");
    const ingress = findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.security_group_id === `\${${svcSg}.id}`);
    expect(ingress).toEqual([expect.objectContaining({ referenced_security_group_id: `\${${lbSg}.id}`, from_port: 3000, to_port: 3000 })]);
    const egress = findResources(json, "aws_vpc_security_group_egress_rule", (r) => r.security_group_id === `\${${svcSg}.id}`);
    expect(egress).toEqual([expect.objectContaining({ cidr_ipv4: "0.0.0.0/0", from_port: 443, to_port: 443 })]);
    const lbEgress = findResources(json, "aws_vpc_security_group_egress_rule", (r) => r.security_group_id === `\${${lbSg}.id}`);
    expect(lbEgress).toEqual([expect.objectContaining({ referenced_security_group_id: `\${${svcSg}.id}`, from_port: 3000 })]);
  });
});

describe("WebService for prod (seed 001, behind CloudFront)", () => {
  const json = synthWeb(
    {
      name: "fckdoomscroll-prod",
      cpu: 512,
      memoryMiB: 1024,
      desiredCount: 2,
      minCapacity: 2,
      maxCapacity: 10,
      cpuTargetPercent: 70,
      memoryTargetPercent: 80,
      requestsPerTargetPerMinute: 2000,
      domain: { name: "origin.fckdoomscroll.example.com", hostedZoneId: "Z0EXAMPLE0ZONE0ID" },
      ingress: "cloudfront",
      originVerifyHeader: { name: "X-Origin-Verify", value: "0123456789abcdef0123" },
      alarms: TOPICS,
      environment: { NODE_ENV: "production", AUTH_TRUST_HOST: "true" },
      secrets: {
        AUTH_SECRET: AUTH_SECRET_ARN,
        POSTGRES_URL: { arn: DB_SECRET_ARN, jsonKey: "url" },
        POSTGRES_PASSWORD: { arn: DB_SECRET_ARN, jsonKey: "password" },
      },
      routes: [{ name: "ws", priority: 10, pathPatterns: ["/ws/*"], stickySessions: true }],
    },
    (web) => {
      web.connectToDatabase(DATABASE);
      web.taskRole.grantInvokeBedrock({ inferenceProfileIds: ["us.anthropic.claude-3-5-haiku-20241022-v1:0"] });
    },
  );
  const listeners = Object.values(resources(json, "aws_lb_listener")) as any[];
  const https = listeners.find((l) => l.port === 443);

  it("redirects HTTP to HTTPS with a 301", () => {
    expect(listeners.find((l) => l.port === 80)).toMatchObject({
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    });
  });

  it("terminates TLS 1.2/1.3 with the DNS-validated certificate", () => {
    expect(https).toMatchObject({ protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(https.certificate_arn).toBe(`\${${ref("aws_acm_certificate_validation", json)}.certificate_arn}`);
    expect(resource(json, "aws_acm_certificate")).toMatchObject({
      domain_name: "origin.fckdoomscroll.example.com",
      validation_method: "DNS",
    });
    const validation = findResources(json, "aws_route53_record", (r) => r.for_each !== undefined)[0];
    expect(validation).toMatchObject({ zone_id: "Z0EXAMPLE0ZONE0ID", name: "${each.value.resource_record_name}" });
    expect(resource(json, "aws_acm_certificate_validation").validation_record_fqdns).toContain("fqdn");
  });

  it("points origin.<domain> at the load balancer and reports an https URL", () => {
    const alias = findResources(json, "aws_route53_record", (r) => r.type === "A")[0];
    expect(alias).toMatchObject({ name: "origin.fckdoomscroll.example.com", alias: { evaluate_target_health: true } });
    expect(alias.alias.name).toContain(".dns_name}");
  });

  it("answers 403 unless CloudFront's origin header is present", () => {
    expect(https.default_action).toEqual([
      expect.objectContaining({ type: "fixed-response", fixed_response: expect.objectContaining({ status_code: "403" }) }),
    ]);
    const rules = Object.values(resources(json, "aws_lb_listener_rule")) as any[];
    const header = { http_header: { http_header_name: "X-Origin-Verify", values: ["0123456789abcdef0123"] } };
    expect(rules.find((r) => r.priority === 50000)).toMatchObject({ condition: [header], action: [{ type: "forward" }] });
    expect(rules.find((r) => r.priority === 10).condition).toEqual([{ path_pattern: { values: ["/ws/*"] } }, header]);
  });

  it("admits only CloudFront's origin-facing prefix list, on 443", () => {
    expect(Object.values(dataSources(json, "aws_ec2_managed_prefix_list"))).toEqual([
      expect.objectContaining({ name: "com.amazonaws.global.cloudfront.origin-facing" }),
    ]);
    const publicRules = findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.prefix_list_id || r.cidr_ipv4 || r.cidr_ipv6);
    expect(publicRules).toEqual([expect.objectContaining({ from_port: 443, to_port: 443 })]);
    expect(publicRules[0].prefix_list_id).toContain("data.aws_ec2_managed_prefix_list.");
  });

  it("routes /ws/* to a sticky target group of the same tasks", () => {
    const ws = findResources(json, "aws_lb_target_group", (t) => t.name_prefix === "rt-")[0];
    expect(ws).toMatchObject({ port: 3000, stickiness: { type: "lb_cookie", enabled: true, cookie_duration: 86400 } });
    expect(resource(json, "aws_ecs_service").load_balancer).toHaveLength(2);
  });

  it("opens both sides of the path to the database in one call", () => {
    const svcSg = `\${${ref("aws_security_group", json, "Web_SecurityGroup")}.id}`;
    expect(findResources(json, "aws_vpc_security_group_egress_rule", (r) => r.from_port === 5432)).toEqual([
      expect.objectContaining({ security_group_id: svcSg, referenced_security_group_id: DATABASE.securityGroupId, to_port: 5432 }),
    ]);
    expect(findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.from_port === 5432)).toEqual([
      expect.objectContaining({ security_group_id: DATABASE.securityGroupId, referenced_security_group_id: svcSg, to_port: 5432 }),
    ]);
  });

  it("scopes the execution role to this repository, log group and the referenced secrets", () => {
    const statements = statementsOf(json, "ExecutionRole");
    for (const s of statements) expect([s.Action].flat().every((a: string) => a !== "*" && !a.endsWith(":*"))).toBe(true);
    const wildcard = statements.filter((s) => s.Resource === "*");
    expect(wildcard).toEqual([expect.objectContaining({ Action: "ecr:GetAuthorizationToken" })]);
    expect(statements.find((s) => s.Sid === "EcrPull")).toMatchObject({
      Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
      Resource: REPOSITORY.repositoryArn,
    });
    expect(statements.find((s) => s.Sid === "WriteLogs").Resource).toMatch(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/);
    expect(statements.find((s) => s.Sid === "ReadSecrets").Resource).toEqual([AUTH_SECRET_ARN, DB_SECRET_ARN]);
  });

  it("trusts only ECS tasks of this account, for both roles", () => {
    const roles = Object.values(resources(json, "aws_iam_role")) as any[];
    expect(roles.map((r) => r.name).sort()).toEqual(["fckdoomscroll-prod-execution", "fckdoomscroll-prod-task"]);
    for (const role of roles) {
      expect(policyOf(role, "assume_role_policy").Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Condition: { StringEquals: { "aws:SourceAccount": expect.stringContaining("data.aws_caller_identity") } },
        }),
      ]);
    }
  });

  it("grants the task role Bedrock on the inference profile only", () => {
    const statements = statementsOf(json, "TaskRole");
    expect(statements.map((s: any) => s.Sid)).toEqual(["InvokeBedrockProfiles", "InvokeBedrockProfileModels"]);
    for (const s of statements) expect(s.Action).toEqual(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]);
    expect(statements[0].Resource).toMatch(/:inference-profile\/us\.anthropic\.claude-3-5-haiku-20241022-v1:0$/);
    expect(statements[1].Condition.StringEquals["bedrock:InferenceProfileArn"]).toEqual([statements[0].Resource]);
  });

  it("injects secrets as valueFrom references only", () => {
    const container = containerOf(json);
    expect(container.secrets).toEqual([
      { name: "AUTH_SECRET", valueFrom: AUTH_SECRET_ARN },
      { name: "POSTGRES_PASSWORD", valueFrom: `${DB_SECRET_ARN}:password::` },
      { name: "POSTGRES_URL", valueFrom: `${DB_SECRET_ARN}:url::` },
    ]);
    expect(JSON.stringify(container.environment)).not.toContain("secretsmanager");
  });

  it("also scales on memory 80 % and 2000 requests per target", () => {
    const policies = Object.values(resources(json, "aws_appautoscaling_policy")) as any[];
    const spec = (type: string) =>
      policies.find((p) => p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type === type);
    expect(spec("ECSServiceAverageMemoryUtilization").target_tracking_scaling_policy_configuration.target_value).toBe(80);
    const requests = spec("ALBRequestCountPerTarget").target_tracking_scaling_policy_configuration;
    expect(requests.target_value).toBe(2000);
    expect(requests.predefined_metric_specification.resource_label).toMatch(
      /^\$\{aws_lb\..+\.arn_suffix\}\/\$\{aws_lb_target_group\..+\.arn_suffix\}$/,
    );
  });

  it("raises seed 001's alarms on the right topics", () => {
    const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm")) as any[];
    const byName = (suffix: string) => alarms.find((a) => a.alarm_name === `fckdoomscroll-prod-${suffix}`);
    expect(alarms).toHaveLength(8);
    expect(byName("cpu-high")).toMatchObject({
      threshold: 80,
      period: 60,
      evaluation_periods: 5,
      alarm_actions: [TOPICS.criticalTopicArn],
    });
    expect(byName("memory-high")).toMatchObject({ threshold: 85, evaluation_periods: 5, alarm_actions: [TOPICS.criticalTopicArn] });
    expect(byName("alb-5xx")).toMatchObject({
      metric_name: "HTTPCode_Target_5XX_Count",
      statistic: "Sum",
      threshold: 10,
      period: 60,
      alarm_actions: [TOPICS.criticalTopicArn],
    });
    expect(byName("alb-latency")).toMatchObject({
      metric_name: "TargetResponseTime",
      threshold: 1,
      alarm_actions: [TOPICS.warningTopicArn],
    });
    expect(byName("alb-unhealthy-hosts")).toMatchObject({
      metric_name: "UnHealthyHostCount",
      threshold: 0,
      alarm_actions: [TOPICS.warningTopicArn],
    });
    // What the load balancer answers itself (no target, timeouts): on the load balancer dimension alone.
    const elb5xx = byName("alb-elb-5xx");
    expect(elb5xx).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metric_name: "HTTPCode_ELB_5XX_Count",
      statistic: "Sum",
      comparison_operator: "GreaterThanThreshold",
      threshold: 10,
      period: 60,
      alarm_actions: [TOPICS.criticalTopicArn],
    });
    expect(Object.keys(elb5xx.dimensions)).toEqual(["LoadBalancer"]);
    expect(elb5xx.dimensions.LoadBalancer).toBe(byName("alb-5xx").dimensions.LoadBalancer);
    const none = byName("alb-no-healthy-hosts");
    expect(none).toMatchObject({
      metric_name: "HealthyHostCount",
      statistic: "Minimum",
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      evaluation_periods: 2,
      treat_missing_data: "breaching",
      alarm_actions: [TOPICS.criticalTopicArn],
    });
    expect(none.dimensions).toEqual(byName("alb-5xx").dimensions);
    const running = byName("running-below-desired");
    expect(running).toMatchObject({ threshold: 0, evaluation_periods: 5, alarm_actions: [TOPICS.warningTopicArn] });
    expect(running.metric_query.map((q: any) => q.metric?.metric_name ?? q.expression)).toEqual([
      "RunningTaskCount",
      "DesiredTaskCount",
      "desired - running",
    ]);
  });
});

describe("WebService options", () => {
  it("renders environment variables in a stable, sorted order", () => {
    const a = synthWeb({
      environment: { NODE_ENV: "production", AUTH_TRUST_HOST: "true", AWS_REGION: "us-east-1", AUTH_URL: "https://x.example.com" },
    });
    const b = synthWeb({
      environment: { AUTH_URL: "https://x.example.com", AWS_REGION: "us-east-1", NODE_ENV: "production", AUTH_TRUST_HOST: "true" },
    });
    const defs = (json: any) => resource(json, "aws_ecs_task_definition").container_definitions;
    expect(defs(a)).toBe(defs(b));
    expect(containerOf(a).environment.map((e: any) => e.name)).toEqual(["AUTH_TRUST_HOST", "AUTH_URL", "AWS_REGION", "NODE_ENV"]);
  });

  it("leaves the image to the pipeline when imageManagedBy is pipeline", () => {
    const json = synthWeb({ imageManagedBy: "pipeline", imageTag: "bootstrap" });
    expect(resource(json, "aws_ecs_service").lifecycle.ignore_changes).toEqual(["desired_count", "task_definition"]);
    expect(resource(json, "aws_ecs_task_definition").skip_destroy).toBe(true);
    expect(containerOf(json).image).toBe(`${REPOSITORY.repositoryUrl}:bootstrap`);
  });

  it("uses a given certificate, exec, ARM64, a health check, access logs, an image URI and no ECR grant", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100";
    const json = synthWeb({
      repository: undefined,
      imageUri: "public.ecr.aws/docker/library/node:22-alpine",
      certificateArn,
      enableExecuteCommand: true,
      cpuArchitecture: "ARM64",
      stopTimeoutSeconds: 60,
      containerHealthCheck: { command: ["CMD-SHELL", "wget -qO- http://localhost:3000/api/health || exit 1"] },
      accessLogsBucket: "fckdoomscroll-test-alb-logs",
      deletionProtection: false,
      stickySessions: true,
      healthCheckGracePeriodSeconds: 90,
    });
    expect(resources(json, "aws_acm_certificate")).toEqual({});
    expect(findResources(json, "aws_lb_listener", (l) => l.port === 443)[0].certificate_arn).toBe(certificateArn);
    expect(resource(json, "aws_lb")).toMatchObject({
      enable_deletion_protection: false,
      access_logs: { bucket: "fckdoomscroll-test-alb-logs", enabled: true },
    });
    expect(resource(json, "aws_ecs_service")).toMatchObject({ enable_execute_command: true, health_check_grace_period_seconds: 90 });
    expect(resource(json, "aws_ecs_task_definition").runtime_platform.cpu_architecture).toBe("ARM64");
    expect(containerOf(json)).toMatchObject({
      image: "public.ecr.aws/docker/library/node:22-alpine",
      stopTimeout: 60,
      healthCheck: { interval: 30, timeout: 5, retries: 3, startPeriod: 60 },
    });
    expect(findResources(json, "aws_lb_target_group", () => true)[0].stickiness).toMatchObject({ enabled: true, cookie_duration: 86400 });
    const exec = statementsOf(json, "ExecutionRole").map((s) => s.Sid);
    expect(exec).toEqual(["WriteLogs"]);
    expect(statementsOf(json, "TaskRole")[0].Action).toContain("ssmmessages:OpenDataChannel");
    expect(
      findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.cidr_ipv4)
        .map((r) => r.from_port)
        .sort(),
    ).toEqual([443, 80]);
  });

  it("mounts the root filesystem read-only when asked (ECS Exec off)", () => {
    expect(containerOf(synthWeb({ readonlyRootFilesystem: true })).readonlyRootFilesystem).toBe(true);
    expect(containerOf(synthWeb()).readonlyRootFilesystem).toBeUndefined();
  });

  it("runs ARM64 tasks on Fargate Spot (AWS accepts ARM64 on FARGATE_SPOT from platform 1.4.0)", () => {
    const json = synthWeb({ cpuArchitecture: "ARM64", capacityProviderStrategy: SPOT_CAPACITY });
    expect(resource(json, "aws_ecs_task_definition").runtime_platform.cpu_architecture).toBe("ARM64");
    expect(resource(json, "aws_ecs_service")).toMatchObject({
      platform_version: "LATEST",
      capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
    });
  });

  describe("assignPublicIp (tasks in public subnets, no NAT needed)", () => {
    it("places tasks in the public subnets with a public IP, still admitting only the load balancer", () => {
      const json = synthWeb({ assignPublicIp: true });
      const service = resource(json, "aws_ecs_service");
      expect(service.network_configuration).toMatchObject({ subnets: [...TEST_NETWORK.publicSubnetIds], assign_public_ip: true });
      const [taskGroup] = service.network_configuration.security_groups;
      const ingress = findResources(
        json,
        "aws_vpc_security_group_ingress_rule",
        (r) => r.security_group_id === taskGroup.replace(/\.arn\}$|\.id\}$/, ".id}"),
      );
      expect(ingress).toHaveLength(1);
      expect(ingress[0].referenced_security_group_id).toMatch(/LoadBalancerSecurityGroup/);
      expect(ingress[0].cidr_ipv4).toBeUndefined();
    });

    it("keeps tasks in private subnets without a public IP by default", () => {
      expect(resource(synthWeb(), "aws_ecs_service").network_configuration).toMatchObject({
        subnets: [...TEST_NETWORK.privateSubnetIds],
        assign_public_ip: false,
      });
    });

    it("is accepted with its recorded reason in the baseline policy tier and refused in production", () => {
      const stack = scratchStack();
      webService(stack, { assignPublicIp: true });
      const baseline = policyReport(stack, { tier: "baseline", rules: [ecsNoPublicIp] });
      expect(baseline.failed).toEqual([]);
      expect(baseline.suppressed).toEqual([
        expect.objectContaining({ ruleId: "ECS-NO-PUBLIC-IP", reason: expect.stringMatching(/instead of paying for a NAT/) }),
      ]);
      const production = policyReport(stack, { tier: "production", rules: [ecsNoPublicIp] });
      expect(errorsOf(production)).toEqual([
        expect.objectContaining({ ruleId: "ECS-NO-PUBLIC-IP", message: expect.stringMatching(/suppression refused/) }),
      ]);
    });
  });

  it("passes load balancer and target group tuning through", () => {
    const json = synthWeb({
      idleTimeoutSeconds: 300,
      deregistrationDelaySeconds: 0,
      stickySessions: true,
      stickinessDurationSeconds: 3600,
      accessLogsBucket: "fckdoomscroll-test-alb-logs",
      accessLogsPrefix: "alb/web",
      healthCheck: {
        path: "/healthz",
        intervalSeconds: 10,
        timeoutSeconds: 3,
        healthyThreshold: 3,
        unhealthyThreshold: 5,
        matcher: "200-299",
      },
    });
    expect(resource(json, "aws_lb")).toMatchObject({
      idle_timeout: 300,
      access_logs: { bucket: "fckdoomscroll-test-alb-logs", prefix: "alb/web", enabled: true },
    });
    expect(resource(json, "aws_lb_target_group")).toMatchObject({
      deregistration_delay: "0",
      stickiness: { type: "lb_cookie", enabled: true, cookie_duration: 3600 },
      health_check: {
        path: "/healthz",
        interval: 10,
        timeout: 3,
        healthy_threshold: 3,
        unhealthy_threshold: 5,
        matcher: "200-299",
        port: "traffic-port",
      },
    });
  });

  it("prefixes access logs with the service name by default", () => {
    expect(resource(synthWeb({ accessLogsBucket: "fckdoomscroll-test-alb-logs" }), "aws_lb").access_logs.prefix).toBe("fckdoomscroll-test");
  });

  it("uses fixed target group names without create-before-destroy, and routes inherit the health check", () => {
    const json = synthWeb({
      targetGroupName: "fds-test-app",
      healthCheck: { path: "/ready" },
      routes: [{ name: "api", priority: 20, hostHeaders: ["api.example.com"], targetGroupName: "fds-test-api" }],
    });
    const groups = Object.values(resources(json, "aws_lb_target_group")) as any[];
    expect(groups.map((g) => g.name).sort()).toEqual(["fds-test-api", "fds-test-app"]);
    for (const g of groups) {
      expect(g.name_prefix).toBeUndefined();
      expect(g.lifecycle).toBeUndefined();
      expect(g.health_check.path).toBe("/ready");
    }
    expect(resource(json, "aws_lb_listener_rule").condition).toEqual([{ host_header: { values: ["api.example.com"] } }]);
  });

  it("accepts the path and host patterns ELB takes: suffix wildcards, ELB's punctuation, 128 characters, wildcard hosts", () => {
    const paths = ["*.png", "/api/v?/*", "/user/@me/~files/a+b:c$d'e\"f&g", `/${"a".repeat(127)}`];
    const hosts = ["*.example.com", "api-?.example.co", `${"a".repeat(120)}.example`];
    const json = synthWeb({
      routes: [
        { name: "api", priority: 20, pathPatterns: paths.slice(0, 2), hostHeaders: hosts.slice(0, 2) },
        { name: "files", priority: 21, pathPatterns: paths.slice(2), hostHeaders: hosts.slice(2) },
      ],
    });
    const conditions = Object.values(resources(json, "aws_lb_listener_rule")).flatMap((r: any) => r.condition);
    expect(conditions.flatMap((c: any) => c.path_pattern?.values ?? []).sort()).toEqual([...paths].sort());
    expect(conditions.flatMap((c: any) => c.host_header?.values ?? []).sort()).toEqual([...hosts].sort());
  });

  it("sits in the private subnets when internal, so a network without public subnets still takes one", () => {
    const json = synthWeb({ scheme: "internal", network: { ...TEST_NETWORK, publicSubnetIds: [] } });
    expect(resource(json, "aws_lb")).toMatchObject({ internal: true, subnets: [...TEST_NETWORK.privateSubnetIds] });
  });

  it("refuses dual-stack on a Network construct, whose subnets are IPv4-only", () => {
    const scope = scratchStack();
    const network = new Network(scope, "Network", { name: "fckdoomscroll-test", availabilityZones: ["us-east-1a", "us-east-1b"] });
    expect(() => webService(scope, { network, dualStack: true })).toThrow(/test\/Web: dualStack needs subnets with IPv6 CIDR blocks/);
    expect(
      resource(
        synth((s) =>
          webService(s, {
            network: new Network(s, "Network", { name: "fckdoomscroll-test", availabilityZones: ["us-east-1a", "us-east-1b"] }),
          }),
        ),
        "aws_lb",
      ).ip_address_type,
    ).toBe("ipv4");
  });

  it("serves IPv6 too when dual-stack on IPv6 subnets: AAAA alias and ::/0 ingress", () => {
    const json = synthWeb({
      dualStack: true,
      network: { ...TEST_NETWORK, ipv6Subnets: true },
      domain: { name: "app.example.com", hostedZoneId: "Z0EXAMPLE0ZONE0ID" },
    });
    expect(resource(json, "aws_lb").ip_address_type).toBe("dualstack");
    expect(
      findResources(json, "aws_route53_record", (r) => r.alias)
        .map((r) => r.type)
        .sort(),
    ).toEqual(["A", "AAAA"]);
    const v6 = findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.cidr_ipv6 === "::/0");
    expect(v6.map((r) => r.from_port).sort()).toEqual([443, 80]);
  });

  it("encrypts logs with the given key and lets the execution role decrypt the secrets' keys", () => {
    const logsKey = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    const secretsKey = "arn:aws:kms:us-east-1:123456789012:key/66666666-7777-8888-9999-000000000000";
    const json = synthWeb({ logsKmsKeyArn: logsKey, secrets: { AUTH_SECRET: AUTH_SECRET_ARN }, secretsKmsKeyArns: [secretsKey] });
    expect(resource(json, "aws_cloudwatch_log_group").kms_key_id).toBe(logsKey);
    expect(statementsOf(json, "ExecutionRole").find((s) => s.Sid === "DecryptSecrets")).toMatchObject({
      Action: "kms:Decrypt",
      Resource: secretsKey,
    });
  });

  it("keeps the load balancer 5XX alarm but drops the no-healthy-target alarm when a schedule may run no task", () => {
    const names = (json: any) =>
      (Object.values(resources(json, "aws_cloudwatch_metric_alarm")) as any[]).map((a) =>
        a.alarm_name.replace(/^.*-prod-|^[a-z]+-[a-z]+-/, ""),
      );
    const nightly = synthWeb({
      alarms: TOPICS,
      scheduledCapacity: [{ name: "night", schedule: "cron(0 20 * * ? *)", minCapacity: 0, maxCapacity: 0 }],
    });
    expect(names(nightly)).toContain("alb-elb-5xx");
    expect(names(nightly)).not.toContain("alb-no-healthy-hosts");
    const always = synthWeb({
      alarms: TOPICS,
      scheduledCapacity: [{ name: "day", schedule: "cron(0 8 * * ? *)", minCapacity: 1, maxCapacity: 4 }],
    });
    expect(names(always)).toContain("alb-no-healthy-hosts");
  });

  it("accepts rate and at schedules, in UTC by default", () => {
    const json = synthWeb({
      scheduledCapacity: [
        { name: "hourly", schedule: "rate(1 hour)", minCapacity: 2, maxCapacity: 10 },
        { name: "launch", schedule: "at(2030-01-01T08:00:00)", minCapacity: 4, maxCapacity: 10 },
      ],
    });
    const actions = Object.values(resources(json, "aws_appautoscaling_scheduled_action")) as any[];
    expect(actions.map((a) => [a.schedule, a.timezone])).toEqual([
      ["rate(1 hour)", "UTC"],
      ["at(2030-01-01T08:00:00)", "UTC"],
    ]);
    expect(resource(json, "aws_appautoscaling_target").lifecycle).toEqual({ ignore_changes: ["min_capacity", "max_capacity"] });
  });

  it("takes any RFC 7230 token of up to 40 characters as the origin header name", () => {
    const name = `X_Origin.Verify~${"a".repeat(24)}`;
    const json = synthWeb({ originVerifyHeader: { name, value: "0123456789abcdef0123" } });
    const rule = findResources(json, "aws_lb_listener_rule", (r) => r.priority === 50000)[0];
    expect(rule.condition).toEqual([{ http_header: { http_header_name: name, values: ["0123456789abcdef0123"] } }]);
  });

  it("scales up to ECS's 5,000 tasks per service", () => {
    const json = synthWeb({ minCapacity: 2, maxCapacity: 5000 });
    expect(resource(json, "aws_appautoscaling_target").max_capacity).toBe(5000);
  });

  it("accepts the edge values and wildcards of every cron field, and canonical zones", () => {
    const schedules = [
      ["edges", "cron(59 23 31 12 ? 2199)", "Etc/GMT+9"],
      ["lows", "cron(0 0 1 1 ? 1970)", "America/Argentina/Buenos_Aires"],
      ["names", "cron(0/15 8-18 ? jan-dec MON-FRI *)", "Europe/Amsterdam"],
      ["lists", "cron(0,30 6,18 ? * SUN,SAT *)", "Asia/Kolkata"],
      ["last-day", "cron(0 3 L * ? *)", "Pacific/Tahiti"],
      ["weekday", "cron(0 3 15W * ? *)", "UTC"],
      ["nth", "cron(0 3 ? * 6#3 *)", "Europe/Kyiv"],
      ["last-friday", "cron(0 3 ? * FRIL *)", "Australia/Sydney"],
    ] as const;
    const json = synthWeb({
      scheduledCapacity: schedules.map(([name, schedule, timezone]) => ({ name, schedule, timezone, minCapacity: 2, maxCapacity: 10 })),
    });
    const actions = Object.values(resources(json, "aws_appautoscaling_scheduled_action")) as any[];
    expect(actions.map((a) => [a.schedule, a.timezone]).sort()).toEqual(
      schedules.map(([, schedule, timezone]) => [schedule, timezone]).sort(),
    );
  });
});

describe("WebService wiring", () => {
  it("lists each resource once in the service's depends_on", () => {
    class TwiceAttached extends WebService {
      public attachAgain(): void {
        this.attachToTargetGroup(this.targetGroup.arn, 3000, [this.httpListener, this.httpListener]);
      }
    }
    const json = synth((s) => {
      const cluster = new FargateCluster(s, "Cluster", { name: "fckdoomscroll-test" });
      const again = new TwiceAttached(s, "Again", { name: "fckdoomscroll-again", cluster, network: TEST_NETWORK, repository: REPOSITORY });
      again.attachAgain();
    });
    const service = findResources(json, "aws_ecs_service", (svc) => svc.name === "fckdoomscroll-again")[0];
    expect(service.depends_on).toEqual([...new Set(service.depends_on)]);
    expect(service.depends_on.filter((d: string) => d.includes("HttpListener"))).toHaveLength(1);
  });

  it("opens a database path once per database, however often it is connected", () => {
    const other = { securityGroupId: "sg-0db0000000000000b", port: 5432, address: "other.internal" };
    const json = synthWeb({}, (web) => {
      web.connectToDatabase(DATABASE);
      web.connectToDatabase(DATABASE);
      web.connectToDatabase(other);
    });
    const egress = findResources(json, "aws_vpc_security_group_egress_rule", (r) => r.from_port === 5432);
    expect(egress.map((r) => r.referenced_security_group_id).sort()).toEqual([DATABASE.securityGroupId, other.securityGroupId]);
    expect(findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.from_port === 5432)).toHaveLength(2);
  });

  /** Synthesize a web service and the given attributes as outputs, resolved as Terraform sees them. */
  const exposed = (
    overrides: Record<string, unknown>,
    pick: (web: WebService) => Record<string, string>,
  ): { web: WebService; out: Record<string, string> } => {
    let web!: WebService;
    const json = synth((s) => {
      web = webService(s, overrides);
      for (const [key, value] of Object.entries(pick(web))) new TerraformOutput(s, key, { value });
    });
    const out = Object.fromEntries(Object.entries(json.output ?? {}).map(([k, v]) => [k, (v as any).value]));
    return { web, out };
  };

  it("exposes the URL, DNS name, names and metric dimensions", () => {
    const plain = exposed({}, (w) => ({ url: w.url, dnsName: w.dnsName }));
    expect(plain.out.url).toMatch(/^http:\/\/\$\{aws_lb\..+\.dns_name\}$/);
    expect(plain.out.dnsName).toMatch(/^\$\{aws_lb\..+\.dns_name\}$/);
    expect(plain.web.httpsListener).toBeUndefined();
    const secure = exposed({ domain: { name: "app.example.com", hostedZoneId: "Z0EXAMPLE0ZONE0ID" } }, (w) => ({
      url: w.url,
      clusterName: w.clusterName,
      serviceName: w.serviceName,
      loadBalancerArnSuffix: w.loadBalancerArnSuffix,
      targetGroupArnSuffix: w.targetGroupArnSuffix,
      serviceSecurityGroupId: w.serviceSecurityGroupId,
      loadBalancerSecurityGroupId: w.loadBalancerSecurityGroupId,
      httpsListenerPort: Token.asString(w.httpsListener!.port),
      certificateDomain: w.certificate!.domainName,
      taskRoleArn: w.taskRole.roleArn,
      executionRoleArn: w.executionRole.roleArn,
      logGroupName: w.logGroup.name,
      family: w.taskDefinition.family,
      scalableTargetMax: Token.asString(w.scalableTarget.maxCapacity),
    }));
    expect(secure.out).toMatchObject({
      url: "https://app.example.com",
      clusterName: expect.stringMatching(/^\$\{aws_ecs_cluster\..+\.name\}$/),
      serviceName: expect.stringMatching(/^\$\{aws_ecs_service\..+\.name\}$/),
      loadBalancerArnSuffix: expect.stringMatching(/^\$\{aws_lb\..+\.arn_suffix\}$/),
      targetGroupArnSuffix: expect.stringMatching(/^\$\{aws_lb_target_group\..+\.arn_suffix\}$/),
      // Exact logical ids: a pattern that also matched the other group would prove nothing.
      serviceSecurityGroupId: expect.stringMatching(/^\$\{aws_security_group\.Web_SecurityGroup_[0-9A-F]+\.id\}$/),
      loadBalancerSecurityGroupId: expect.stringMatching(/^\$\{aws_security_group\.Web_LoadBalancerSecurityGroup_[0-9A-F]+\.id\}$/),
    });
    // The exposed pieces are the resources the service created, not look-alikes.
    expect(secure.out).toMatchObject({
      httpsListenerPort: expect.stringMatching(/^\$\{aws_lb_listener\.Web_HttpsListener_[0-9A-F]+\.port\}$/),
      certificateDomain: expect.stringMatching(/^\$\{aws_acm_certificate\.Web_Certificate_[0-9A-F]+\.domain_name\}$/),
      taskRoleArn: expect.stringMatching(/^\$\{aws_iam_role\.Web_TaskRole_[0-9A-F]+\.arn\}$/),
      executionRoleArn: expect.stringMatching(/^\$\{aws_iam_role\.Web_ExecutionRole_[0-9A-F]+\.arn\}$/),
      logGroupName: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.Web_LogGroup_[0-9A-F]+\.name\}$/),
      family: expect.stringMatching(/^\$\{aws_ecs_task_definition\.Web_TaskDefinition_[0-9A-F]+\.family\}$/),
      scalableTargetMax: expect.stringMatching(/^\$\{aws_appautoscaling_target\.Web_ScalableTarget_[0-9A-F]+\.max_capacity\}$/),
    });
    expect(secure.web.containerPort).toBe(3000);
  });

  it("serves HTTPS on the load balancer's own name with a given certificate and no domain", () => {
    const { out } = exposed({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" }, (w) => ({ url: w.url }));
    expect(out.url).toMatch(/^https:\/\/\$\{aws_lb\..+\.dns_name\}$/);
  });
});

describe("WebService as a WebCompute", () => {
  it("adds environment variables after construction, rendered sorted with the others", () => {
    const json = synthWeb({ environment: { NODE_ENV: "production" } }, (web) => web.addEnvironment("APP_URL", "https://app.example.com"));
    expect(containerOf(json).environment).toEqual([
      { name: "APP_URL", value: "https://app.example.com" },
      { name: "NODE_ENV", value: "production" },
    ]);
  });

  it("refuses a variable added twice", () => {
    expect(() =>
      synthWeb({}, (web) => {
        web.addEnvironment("APP_URL", "a");
        web.addEnvironment("APP_URL", "b");
      }),
    ).toThrow(/test\/Web: addEnvironment\(APP_URL\) was already added/);
  });

  it("hands a CDN the load balancer itself, so protocol, host and header are derived from one place", () => {
    let origin: any;
    let lb: any;
    synthWeb({}, (web) => {
      origin = web.cdnOrigin;
      lb = web.origin;
    });
    expect(origin).toEqual({ loadBalancer: lb });
    expect(lb).toMatchObject({ protocol: "http", port: 80 });
  });
});
