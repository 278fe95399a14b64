import { Aspects, Testing } from "cdktf";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { scratchStack } from "../internal/testing";
import { Network } from "../network/network";
import { PrivateBucket } from "../core/private-bucket";
import { errorsOf } from "./engine";
import { enforcePolicies, policyReport, policySummary } from "./enforce";
import { formatReport } from "./format";
import { statementsOf } from "./policy-documents";
import { ALL_RULES, rdsEncrypted, rdsMultiAz } from "./rules";
import { StackIndex, referencesIn } from "./stack-index";
import { suppress } from "../core/suppressions";

/** A database instance that passes every RDS rule except those the overrides break. */
function database(scope: Construct, id = "Db", overrides: Record<string, unknown> = {}): DbInstance {
  return new DbInstance(scope, id, {
    engine: "postgres",
    instanceClass: "db.t4g.micro",
    allocatedStorage: 20,
    storageEncrypted: true,
    multiAz: false,
    ...overrides,
  });
}

const RDS_RULES = [rdsEncrypted, rdsMultiAz];

describe("suppress", () => {
  it("rejects a suppression without a reason, naming the construct and the rule", () => {
    const db = database(scratchStack());
    expect(() => suppress(db, "RDS-MULTI-AZ", undefined as unknown as string)).toThrow(
      /test\/Db: suppression of RDS-MULTI-AZ needs a reason of at least 10 characters/,
    );
  });

  it("rejects a reason shorter than 10 characters", () => {
    const db = database(scratchStack());
    expect(() => suppress(db, "RDS-MULTI-AZ", "  too short ".slice(0, 11))).toThrow(/at least 10 characters.*got " {2}too short"/);
  });

  it("rejects a malformed rule id", () => {
    const db = database(scratchStack());
    expect(() => suppress(db, "rds multi az", "dev runs single-AZ to save cost")).toThrow(/test\/Db: suppress\(\) needs a rule id/);
  });

  it("lists suppressed findings with their reason in the report", () => {
    const stack = scratchStack();
    const db = database(stack);
    suppress(db, "RDS-MULTI-AZ", "staging runs single-AZ to halve its cost");
    const report = policyReport(stack, { tier: "baseline", rules: RDS_RULES });
    expect(report.failed).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "RDS-MULTI-AZ",
        path: "test/Db",
        reason: "staging runs single-AZ to halve its cost",
        suppressedAt: "test/Db",
      }),
    ]);
    expect(formatReport(report)).toMatch(/SUPPRESSED\n {2}RDS-MULTI-AZ {2}test\/Db .*staging runs single-AZ/);
  });

  it("applies to children only when asked", () => {
    const stack = scratchStack();
    const module = new Construct(stack, "Database");
    database(module, "Instance");
    suppress(module, "RDS-MULTI-AZ", "a module-wide decision, documented in the ADR");
    expect(policyReport(stack, { tier: "production", rules: RDS_RULES }).failed.map((f) => f.ruleId)).toEqual(["RDS-MULTI-AZ"]);
    suppress(module, "RDS-MULTI-AZ", "a module-wide decision, documented in the ADR", { applyToChildren: true });
    expect(policyReport(stack, { tier: "production", rules: RDS_RULES }).suppressed.map((s) => s.path)).toEqual(["test/Database/Instance"]);
  });

  it("refuses to suppress a data-protection rule in the production tier", () => {
    const stack = scratchStack();
    suppress(database(stack, "Db", { storageEncrypted: false, multiAz: true }), "RDS-ENCRYPTED", "legacy snapshot restored unencrypted");
    const prod = policyReport(stack, { tier: "production", rules: RDS_RULES });
    expect(errorsOf(prod)).toEqual([
      expect.objectContaining({
        ruleId: "RDS-ENCRYPTED",
        message: expect.stringMatching(/suppression refused.*cannot be suppressed in the production tier/),
      }),
    ]);
    expect(policyReport(stack, { tier: "baseline", rules: RDS_RULES }).suppressed).toHaveLength(1);
  });

  it("reports unknown rule ids as invalid and unused suppressions as stale", () => {
    const stack = scratchStack();
    const db = database(stack, "Db", { multiAz: true });
    suppress(db, "RDS-ENCRYPTD", "typo in the rule id must not hide anything");
    suppress(db, "RDS-MULTI-AZ", "no longer needed since multi-AZ is on");
    const report = policyReport(stack, { tier: "production", rules: RDS_RULES });
    expect(report.invalidSuppressions.map((s) => s.ruleId)).toEqual(["RDS-ENCRYPTD"]);
    expect(report.unusedSuppressions.map((s) => s.ruleId)).toEqual(["RDS-MULTI-AZ"]);
  });
});

describe("per-finding suppressions", () => {
  /** A task definition whose container "app" has two plain-text secrets. */
  function taskWithTwoSecrets(scope: Construct): EcsTaskDefinition {
    const environment = [
      { name: "DEMO_API_KEY", value: "public-demo-key" },
      { name: "DB_PASSWORD", value: "hunter2hunter2" },
    ];
    return new EcsTaskDefinition(scope, "Task", {
      family: "t",
      containerDefinitions: JSON.stringify([{ name: "app", image: "x", environment }]),
    });
  }
  const SECRET_RULES = ALL_RULES.filter((r) => r.id === "NO-PLAINTEXT-SECRETS");

  it("accept one variable of one container, with its reason, while the other still fails", () => {
    const stack = scratchStack();
    const task = taskWithTwoSecrets(stack);
    suppress(task, "NO-PLAINTEXT-SECRETS", "the demo key is public by design (documented)", { subject: "app/DEMO_API_KEY" });
    const report = policyReport(stack, { tier: "baseline", rules: SECRET_RULES });
    expect(report.failed.map((f) => [f.path, f.subject])).toEqual([["test/Task", "app/DB_PASSWORD"]]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ path: "test/Task", subject: "app/DEMO_API_KEY", reason: "the demo key is public by design (documented)" }),
    ]);
    const text = formatReport(report);
    expect(text).toMatch(/error {3}NO-PLAINTEXT-SECRETS {2}test\/Task \[app\/DB_PASSWORD\]/);
    expect(text).toMatch(
      /SUPPRESSED\n {2}NO-PLAINTEXT-SECRETS {2}test\/Task \[app\/DEMO_API_KEY\] {2}\(at test\/Task\): the demo key is public/,
    );
  });

  it("name the subject in the synth error line", () => {
    const stack = scratchStack();
    taskWithTwoSecrets(stack);
    enforcePolicies(stack, { tier: "baseline", rules: SECRET_RULES });
    expect(() => Testing.synth(stack, true)).toThrow(
      /NO-PLAINTEXT-SECRETS test\/Task \[app\/DB_PASSWORD\]: container "app": DB_PASSWORD is named like a credential/,
    );
  });

  it("report a subject that matches no finding as unused, and accept nothing with it", () => {
    const stack = scratchStack();
    const task = taskWithTwoSecrets(stack);
    suppress(task, "NO-PLAINTEXT-SECRETS", "a typo in the variable name must not hide the others", { subject: "app/DB_PASSWD" });
    const report = policyReport(stack, { tier: "baseline", rules: SECRET_RULES });
    expect(report.failed).toHaveLength(2);
    expect(report.unusedSuppressions.map((s) => s.problem)).toEqual([
      "suppression of NO-PLAINTEXT-SECRETS [app/DB_PASSWD] matched no finding; delete it",
    ]);
    expect(formatReport(report)).toMatch(/, 2 errors, 0 warnings, 0 suppressed, 1 unused suppressions\n/);
    expect(formatReport(report)).toMatch(
      /UNUSED SUPPRESSIONS\n {2}test\/Task: suppression of NO-PLAINTEXT-SECRETS \[app\/DB_PASSWD\] matched no finding/,
    );
  });

  it("prefer the suppression naming the finding over one for the whole resource", () => {
    const stack = scratchStack();
    const task = taskWithTwoSecrets(stack);
    suppress(task, "NO-PLAINTEXT-SECRETS", "legacy task definition, migration tracked in OPS-12");
    suppress(task, "NO-PLAINTEXT-SECRETS", "the demo key is public by design (documented)", { subject: "app/DEMO_API_KEY" });
    const report = policyReport(stack, { tier: "baseline", rules: SECRET_RULES });
    expect(report.suppressed.map((s) => [s.subject, s.reason.slice(0, 10)])).toEqual([
      ["app/DEMO_API_KEY", "the demo k"],
      ["app/DB_PASSWORD", "legacy tas"],
    ]);
    expect(report.unusedSuppressions).toEqual([]);
  });

  it("let the Network's public ACL skip RDP only: an override admitting SSH still fails", () => {
    const stack = scratchStack();
    const network = new Network(stack, "Network", { name: "acme-qa", availabilityZones: ["us-east-1a", "us-east-1b"] });
    const rules = ALL_RULES.filter((r) => r.id === "NACL-NO-ADMIN-PORTS");
    const before = policyReport(stack, { tier: "production", rules });
    expect(before.failed).toEqual([]);
    expect(before.suppressed.map((f) => [f.path, f.subject])).toEqual([["test/Network/PublicNetworkAcl", "tcp/3389"]]);
    network.publicNetworkAcl!.addOverride("ingress.0.action", "allow"); // rule 10 stops denying SSH
    expect(policyReport(stack, { tier: "production", rules }).failed.map((f) => f.subject)).toEqual(["tcp/22"]);
  });

  it("refuse an empty subject", () => {
    const task = taskWithTwoSecrets(scratchStack());
    expect(() => suppress(task, "NO-PLAINTEXT-SECRETS", "a reason long enough", { subject: " " })).toThrow(
      /test\/Task: suppression of NO-PLAINTEXT-SECRETS needs a non-empty subject/,
    );
  });

  it("let a baseline service run tasks with a public IP for a recorded reason, never a production one", () => {
    const stack = scratchStack();
    const service = new EcsService(stack, "Service", { name: "s", networkConfiguration: { subnets: ["subnet-1"], assignPublicIp: true } });
    const rules = ALL_RULES.filter((r) => r.id === "ECS-NO-PUBLIC-IP");
    expect(policyReport(stack, { tier: "baseline", rules }).failed.map((f) => f.ruleId)).toEqual(["ECS-NO-PUBLIC-IP"]);
    suppress(service, "ECS-NO-PUBLIC-IP", "non-production tasks run in public subnets: no NAT gateway to pay for");
    expect(policyReport(stack, { tier: "baseline", rules }).suppressed.map((s) => s.reason)).toEqual([
      "non-production tasks run in public subnets: no NAT gateway to pay for",
    ]);
    expect(errorsOf(policyReport(stack, { tier: "production", rules }))).toEqual([
      expect.objectContaining({
        ruleId: "ECS-NO-PUBLIC-IP",
        message: expect.stringMatching(/suppression refused: ECS-NO-PUBLIC-IP cannot be suppressed in the production tier/),
      }),
    ]);
  });
});

describe("tier-aware severity", () => {
  it("makes a production rule an error in the production tier and a warning in the baseline", () => {
    const stack = scratchStack();
    database(stack);
    const severity = (tier: "baseline" | "production") =>
      policyReport(stack, { tier, rules: RDS_RULES }).failed.map((f) => `${f.ruleId}:${f.severity}`);
    expect(severity("production")).toEqual(["RDS-MULTI-AZ:error"]);
    expect(severity("baseline")).toEqual(["RDS-MULTI-AZ:warning"]);
  });

  it("does not evaluate production-only rules in the baseline tier", () => {
    const stack = scratchStack();
    const report = policyReport(stack, { tier: "baseline" });
    expect(report.rules.find((r) => r.ruleId === "LOG-RETENTION-1Y")).toMatchObject({ level: "off", checked: 0 });
    expect(report.rules.find((r) => r.ruleId === "RDS-ENCRYPTED")).toMatchObject({ level: "error" });
  });
});

describe("enforcePolicies", () => {
  it("fails synth with one line per finding: rule id, resource path, message", () => {
    const stack = scratchStack();
    database(stack, "Db", { storageEncrypted: false, publiclyAccessible: true });
    enforcePolicies(stack, { tier: "baseline" });
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Validation failed/);
    expect(message).toMatch(
      /\[test\] RDS-ENCRYPTED test\/Db: storage_encrypted is not true.*Fix: `PostgresDatabase` always encrypts \(prop `kmsKeyArn`/,
    );
    expect(message).toMatch(/RDS-NOT-PUBLIC test\/Db: publicly_accessible is true/);
    expect(message).toMatch(/RDS-BACKUP-RETENTION test\/Db/);
    expect(message).not.toMatch(/RDS-MULTI-AZ/); // a warning in dev
  });

  it("fails app.synth() too", () => {
    const stack = scratchStack();
    database(stack, "Db", { storageEncrypted: false });
    enforcePolicies(stack, { tier: "production", rules: RDS_RULES });
    expect(() => (stack.node.scope as any).synth()).toThrow(/RDS-ENCRYPTED test\/Db[\s\S]*RDS-MULTI-AZ test\/Db/);
  });

  it("lets warnings through and records them as construct warnings", () => {
    const stack = scratchStack();
    const db = database(stack);
    enforcePolicies(stack, { tier: "baseline", rules: RDS_RULES });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const warnings = db.node.metadata.filter((m) => m.type === "@cdktf/warn" || String(m.type).includes("warn")).map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^\[policy\] RDS-MULTI-AZ test\/Db: multi_az is not true/)]);
  });

  it("prints one summary line per stack, naming where the detail is, and counts accepted findings instead of printing them", () => {
    const stack = scratchStack();
    suppress(database(stack), "RDS-MULTI-AZ", "a scratch database with no standby, by choice");
    database(stack, "Other");
    enforcePolicies(stack, { tier: "baseline", rules: RDS_RULES, reportCommand: "make policy" });
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    const infos = stack.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data));
    expect(infos).toEqual(["policy (baseline tier): 0 errors, 1 warning, 2 checks passed, 1 accepted with a reason; details: make policy"]);
    const warnings = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path} ${m.data}`));
    expect(warnings).toEqual([expect.stringMatching(/^test\/Other \[policy\] RDS-MULTI-AZ test\/Other: multi_az is not true/)]);
  });

  it("summarises errors and the default report command", () => {
    const stack = scratchStack();
    database(stack, "Db", { storageEncrypted: false });
    expect(policySummary(policyReport(stack, { tier: "production", rules: RDS_RULES }))).toBe(
      "policy (production tier): 2 errors, 0 warnings, 0 checks passed, 0 accepted with a reason; details: npm run policy:report",
    );
  });

  it("does not call an optional suppression that matches nothing stale (a choice the user overrode)", () => {
    const stack = scratchStack();
    const db = database(stack, "Db", { multiAz: true });
    suppress(stack, "RDS-MULTI-AZ", "a profile's default, overridden on this database", { applyToChildren: true, optional: true });
    suppress(db, "RDS-ENCRYPTED", "a plain suppression that matches nothing is stale");
    const report = policyReport(stack, { tier: "baseline", rules: RDS_RULES });
    expect(report.unusedSuppressions.map((u) => u.ruleId)).toEqual(["RDS-ENCRYPTED"]);
  });

  it("resolves the stack once for the policy and the synth after it, never serving a stale JSON", async () => {
    const stack = scratchStack();
    database(stack, "Db", { multiAz: true });
    enforcePolicies(stack, { tier: "production", rules: RDS_RULES });
    const checked = JSON.parse(Testing.synth(stack, true));
    expect(checked).toEqual(JSON.parse(Testing.synth(stack)));
    // A validation run by hand, then a change: the next resolve sees the change.
    stack.node.validate();
    database(stack, "Added", { multiAz: true });
    expect(Object.keys((stack.toTerraform() as any).resource.aws_db_instance)).toHaveLength(2);
    // Unused, the shortcut is gone after the synchronous run that made it.
    stack.node.validate();
    await Promise.resolve();
    expect(Object.prototype.hasOwnProperty.call(stack, "toTerraform")).toBe(false);
  });

  it("fails synth on a suppression of an unknown rule", () => {
    const stack = scratchStack();
    suppress(database(stack, "Db", { multiAz: true }), "RDS-ENCRYPTD", "typo in the rule id must not hide anything");
    enforcePolicies(stack, { tier: "production", rules: RDS_RULES });
    expect(() => Testing.synth(stack, true)).toThrow(/POLICY-SUPPRESSION test\/Db: suppresses unknown rule RDS-ENCRYPTD/);
  });

  it("works for stacks of any environment name, by tier", () => {
    const stacks = { qa: scratchStack("qa"), live: scratchStack("live") };
    for (const [name, tier] of [
      ["qa", "baseline"],
      ["live", "production"],
    ] as const) {
      database(stacks[name]);
      enforcePolicies(stacks[name], { tier, rules: RDS_RULES });
      expect(policyReport(stacks[name])).toMatchObject({ tier, stack: name });
    }
    expect(() => Testing.synth(stacks.qa, true)).not.toThrow();
    expect(() => Testing.synth(stacks.live, true)).toThrow(/RDS-MULTI-AZ live\/Db/);
  });

  it("refuses an unknown tier, naming the old environment option, and a second registration", () => {
    const stack = scratchStack();
    expect(() => enforcePolicies(stack, { tier: "prod" as "production" })).toThrow(
      /policy tier must be one of baseline, production, got "prod"$/,
    );
    expect(() => enforcePolicies(stack, { environment: "qa" } as unknown as { tier: "baseline" })).toThrow(
      /got undefined \(environment names are not used: pass \{ tier: "baseline" \} or \{ tier: "production" \} instead of \{ environment: "qa" \}\)/,
    );
    enforcePolicies(stack, { tier: "production" });
    expect(() => enforcePolicies(stack, { tier: "production" })).toThrow(/already called/);
    expect(policyReport(stack).tier).toBe("production");
  });

  it("reports on the stack as its aspects leave it, including aspects added on the app", () => {
    const stack = scratchStack();
    database(stack, "Db", { storageEncrypted: false, multiAz: true });
    expect(policyReport(stack, { tier: "production", rules: RDS_RULES }).failed.map((f) => f.ruleId)).toEqual(["RDS-ENCRYPTED"]);
    Aspects.of(stack.node.scope!).add({
      visit: (node) => {
        if (node instanceof DbInstance) node.storageEncrypted = true;
      },
    });
    expect(policyReport(stack, { tier: "production", rules: RDS_RULES }).failed).toEqual([]);
  });

  it("uses only cdktf's public entry point (no cdktf/lib/... internals)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const sources = readdirSync(__dirname).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(sources).toContain("enforce.ts");
    for (const f of sources) expect(readFileSync(`${__dirname}/${f}`, "utf8"), f).not.toMatch(/from "cdktf\//);
  });

  it("needs a tier for a report of an unregistered stack", () => {
    expect(() => policyReport(scratchStack())).toThrow(/policyReport\(\) needs \{ tier \}/);
  });
});

describe("the library's PrivateBucket", () => {
  it("passes every S3 rule in prod", () => {
    const stack = scratchStack();
    new PrivateBucket(stack, "Site", { bucketName: "fckdoomscroll-prod-site" });
    const report = policyReport(stack, { tier: "production", rules: ALL_RULES.filter((r) => r.id.startsWith("S3-")) });
    expect(report.failed).toEqual([]);
    expect(report.passed.filter((p) => p.path === "test/Site/Bucket")).toHaveLength(6);
  });
});

describe("formatReport", () => {
  it("prints the summary, failures with fixes, and the per-rule table", () => {
    const stack = scratchStack();
    database(stack, "Db", { storageEncrypted: false });
    const text = formatReport(policyReport(stack, { tier: "production", rules: RDS_RULES }));
    expect(text).toMatch(/^Policy report: test \(production tier\)\n {2}2 rules, 0 passed checks, 2 errors, 0 warnings, 0 suppressed/);
    expect(text).toMatch(
      /FAILED\n {2}error {3}RDS-ENCRYPTED {2}test\/Db\n {10}storage_encrypted is not true.*\n {10}Fix: `PostgresDatabase` always encrypts/,
    );
    expect(text).toMatch(
      /RULES\n {2}FAIL RDS-ENCRYPTED +error +checked 1, failed 1, suppressed 0 {2}\[FSBP RDS.3, CKV_AWS_16, AVD-AWS-0080\]/,
    );
  });
});

describe("reference and document helpers", () => {
  it("finds resource and data references inside interpolations", () => {
    expect(
      referencesIn(["arn:${aws_s3_bucket.Site_1A.arn}/*", { x: "${data.aws_iam_policy_document.Doc.json}" }, "aws_s3_bucket.literal"]).map(
        (r) => r.address,
      ),
    ).toEqual(["aws_s3_bucket.Site_1A", "data.aws_iam_policy_document.Doc"]);
  });

  it("treats documents built at apply time as unreadable, not as compliant statements", () => {
    const stack = new StackIndex({});
    expect(statementsOf('${jsonencode({"Statement" = []})}', stack)).toBeUndefined();
    expect(statementsOf('{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', stack)).toEqual([
      expect.objectContaining({ effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] }),
    ]);
  });
});

describe("JSON shapes of the real provider classes", () => {
  it("are read as the rules expect (nested blocks, listeners, origins, settings)", async () => {
    const { EcsCluster } = await import("@cdktf/provider-aws/lib/ecs-cluster");
    const { EcsService } = await import("@cdktf/provider-aws/lib/ecs-service");
    const { Lb } = await import("@cdktf/provider-aws/lib/lb");
    const { LbListener } = await import("@cdktf/provider-aws/lib/lb-listener");
    const { SecurityGroup } = await import("@cdktf/provider-aws/lib/security-group");
    const { VpcSecurityGroupIngressRule } = await import("@cdktf/provider-aws/lib/vpc-security-group-ingress-rule");
    const { CloudfrontDistribution } = await import("@cdktf/provider-aws/lib/cloudfront-distribution");
    const { Sesv2ConfigurationSet } = await import("@cdktf/provider-aws/lib/sesv2-configuration-set");
    const { EcrRepository } = await import("@cdktf/provider-aws/lib/ecr-repository");
    const { DbParameterGroup } = await import("@cdktf/provider-aws/lib/db-parameter-group");
    const stack = scratchStack();
    new EcsCluster(stack, "Cluster", { name: "c", setting: [{ name: "containerInsights", value: "enabled" }] });
    new EcsService(stack, "Service", { name: "s", networkConfiguration: { subnets: ["subnet-1"], assignPublicIp: false } });
    const sg = new SecurityGroup(stack, "AlbSg", { name: "alb", description: "Load balancer from the internet", vpcId: "vpc-1" });
    new VpcSecurityGroupIngressRule(stack, "Https", {
      securityGroupId: sg.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS from anywhere",
    });
    const lb = new Lb(stack, "Alb", { securityGroups: [sg.id], subnets: ["subnet-1", "subnet-2"], dropInvalidHeaderFields: true });
    new LbListener(stack, "Http", {
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    new LbListener(stack, "HttpsListener", {
      loadBalancerArn: lb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
      defaultAction: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1" }],
    });
    new CloudfrontDistribution(stack, "Cdn", {
      enabled: true,
      origin: [
        {
          originId: "app",
          domainName: lb.dnsName,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: "app",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
    });
    new Sesv2ConfigurationSet(stack, "Mail", { configurationSetName: "m", deliveryOptions: { tlsPolicy: "REQUIRE" } });
    new EcrRepository(stack, "Repo", { name: "r", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } });
    new DbParameterGroup(stack, "Params", { family: "postgres16", parameter: [{ name: "rds.force_ssl", value: "1" }] });
    database(stack, "Db", {
      multiAz: true,
      backupRetentionPeriod: 7,
      enabledCloudwatchLogsExports: ["postgresql"],
      iamDatabaseAuthenticationEnabled: true,
      parameterGroupName: (stack.node.findChild("Params") as InstanceType<typeof DbParameterGroup>).name,
    });
    const ids = [
      "ECS-CONTAINER-INSIGHTS",
      "ECS-NO-PUBLIC-IP",
      "SG-OPEN-INGRESS",
      "SG-DESCRIPTION",
      "ALB-DROP-INVALID-HEADERS",
      "ALB-HTTPS-REDIRECT",
      "ALB-TLS13-POLICY",
      "CLOUDFRONT-HTTPS",
      "CLOUDFRONT-TLS-VERSION",
      "CLOUDFRONT-ORIGIN-HTTPS",
      "CLOUDFRONT-S3-OAC",
      "SES-REQUIRE-TLS",
      "ECR-IMMUTABLE-TAGS",
      "ECR-SCAN-ON-PUSH",
      "RDS-FORCE-SSL",
      "RDS-ENCRYPTED",
      "RDS-MULTI-AZ",
      "RDS-BACKUP-RETENTION",
      "RDS-LOG-EXPORTS",
      "RDS-IAM-AUTH",
    ];
    const report = policyReport(stack, { tier: "production", rules: ALL_RULES.filter((r) => ids.includes(r.id)) });
    expect(report.failed.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(report.rules.every((r) => r.checked > 0)).toBe(true);
  });
});

describe("the package entry point", () => {
  it("exports what every stack uses at top level and the rest of the policy layer in the policy namespace", async () => {
    const pkg = await import("../index");
    const tier: import("../index").PolicyTier = "production";
    expect(typeof pkg.enforcePolicies).toBe("function");
    expect(typeof pkg.suppress).toBe("function");
    expect(pkg.policy.POLICY_TIERS).toEqual(["baseline", tier]);
    expect(pkg.policy.PRODUCTION_ONLY).toEqual({ baseline: "off", production: "error" });
    expect(pkg.policy.looksLikeSecret("CLIENT_SECRET", "x")?.kind).toBe("name");
    expect(pkg.policy.looksLikeSecret("AUTH_URL", "https://app.example.com")).toBeUndefined();
    expect(pkg.policy.rules.rdsMultiAz.id).toBe("RDS-MULTI-AZ");
    expect(pkg.policy.rules.ALL_RULES).toHaveLength(72);
    // Rule objects and engine internals are not top-level names.
    expect(Object.keys(pkg)).not.toContain("rdsMultiAz");
    expect(Object.keys(pkg)).not.toContain("StackIndex");
  });
});
