import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { BootstrapStack } from "./bootstrap";
import { CONFIG, ENVIRONMENTS, EnvironmentName } from "./config";
import { SynthJson, synthStack } from "../modules/internal/testing";
import { resolveReferences } from "../modules/internal/resolve-references";
import { ANY_POLICY, IamPrincipalPolicies, IamStatement, POWER_USER_ACCESS, evaluate } from "../modules/internal/iam-evaluator";

// Single-account mode: every environment in one account, one bootstrap. The IAM documents are
// evaluated as synthesized (role policy ∩ permissions boundary, conditions included), for every
// ordered pair of environments.
const ACCOUNT = "444444444444";
const REGION = "us-east-1";
const app = buildApp(Testing.app(), {}, { singleAccount: ACCOUNT });

type Json = Record<string, any>;

const resolved = (json: SynthJson): Json => resolveReferences(json, ACCOUNT, REGION);

const bootstrap = resolved(synthStack(BootstrapStack.forEnvironment(app, "prod")));
const stacks = Object.fromEntries(
  ENVIRONMENTS.map((env) => [env, resolved(synthStack(app.node.findChild(env) as TerraformStack))]),
) as Record<EnvironmentName, Json>;
const docOf = (policy: string): IamStatement[] => JSON.parse(policy).Statement;
const named = (json: Json, type: string, name: string) =>
  Object.entries<Json>(json.resource?.[type] ?? {}).find(([, r]) => r.name === name);

function inlinePolicies(roleName: string): IamStatement[][] {
  return Object.values<Json>(bootstrap.resource.aws_iam_role_policy)
    .filter((p) => p.role === roleName)
    .map((p) => docOf(p.policy));
}
function boundaryOf(env: string): IamStatement[] {
  return docOf(named(bootstrap, "aws_iam_policy", `fckdoomscroll-boundary-${env}`)![1].policy);
}
const STATE_BUCKET_POLICY: IamStatement[] = docOf(Object.values<Json>(bootstrap.resource.aws_s3_bucket_policy)[0].policy);

interface Principal {
  readonly name: string;
  readonly arn: string;
  readonly policies: IamPrincipalPolicies;
}
/** What can act for an environment: its two apply roles, and any role they create (worst case: any policy, under the boundary). */
function principalsOf(env: string): Principal[] {
  const role = (name: string): Principal => ({
    name,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    policies: { identity: [POWER_USER_ACCESS, ...inlinePolicies(name)] },
  });
  return [
    role(`fckdoomscroll-deploy-${env}-apply`),
    role(`fckdoomscroll-tfc-${env}-apply`),
    {
      name: `a role created by ${env}'s apply roles`,
      arn: `arn:aws:iam::${ACCOUNT}:role/fckdoomscroll-${env}-any`,
      policies: { identity: [ANY_POLICY], boundary: boundaryOf(env) },
    },
  ];
}

/** The environment's plan roles (pull requests, drift checks). */
function planRolesOf(env: string): Principal[] {
  return [`fckdoomscroll-deploy-${env}-plan`, `fckdoomscroll-tfc-${env}-plan`].map((name) => ({
    name,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    policies: { identity: inlinePolicies(name) },
  }));
}

/** One request against a resource of an environment. */
interface Probe {
  readonly what: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** Also refused to the environment's own roles (e.g. role chaining). @default false */
  readonly deniedToOwn?: boolean;
  readonly resourcePolicy?: IamStatement[];
}

const tagged = (env: string) => ({ "aws:ResourceTag/Environment": env });
const ec2 =
  (kind: string) =>
  (env: string, id: string): Probe[] => [
    { what: `${kind} ${id}`, action: "ec2:DeleteTags", resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:${kind}/${id}`, context: tagged(env) },
  ];

/**
 * Resource type -> the requests that read or change it, with the ARN and the tags IAM sees. Only
 * tags of services that authorize on `aws:ResourceTag` are put in the context: S3 buckets,
 * dashboards, budgets, SES templates and Route 53 records must be guarded without them.
 */
const PROBES: Record<string, (env: string, id: string, r: Json) => Probe[]> = {
  aws_secretsmanager_secret: (env: string, _id: string, r: Json) =>
    [
      "secretsmanager:GetSecretValue",
      "secretsmanager:PutSecretValue",
      "secretsmanager:DeleteSecret",
      "secretsmanager:PutResourcePolicy",
    ].map((action) => ({
      what: `secret ${r.name}`,
      action,
      resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${r.name}-AbCdEf`,
      context: tagged(env),
    })),
  aws_kms_key: (env: string, id: string, r: Json) =>
    ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CreateGrant"].map(
      (action) => ({
        what: `key ${r.description}`,
        action,
        resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`,
        context: tagged(env),
      }),
    ),
  aws_kms_alias: (_env: string, _id: string, r: Json) =>
    ["kms:UpdateAlias", "kms:DeleteAlias"].map((action) => ({
      what: `alias ${r.name}`,
      action,
      resource: `arn:aws:kms:${REGION}:${ACCOUNT}:${r.name}`,
    })),
  aws_s3_bucket: (_env: string, _id: string, r: Json) => [
    ...["s3:GetObject", "s3:PutObject", "s3:DeleteObject"].map((action) => ({
      what: `object of ${r.bucket}`,
      action,
      resource: `arn:aws:s3:::${r.bucket}/any/key`,
    })),
    ...["s3:PutBucketPolicy", "s3:DeleteBucket", "s3:ListBucket", "s3:PutBucketWebsite"].map((action) => ({
      what: `bucket ${r.bucket}`,
      action,
      resource: `arn:aws:s3:::${r.bucket}`,
    })),
  ],
  aws_cloudwatch_log_group: (env: string, _id: string, r: Json) =>
    [
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
      "logs:StartQuery",
      "logs:DeleteLogGroup",
      "logs:PutRetentionPolicy",
      "logs:PutLogEvents",
    ].flatMap((action) =>
      [`log-group:${r.name}`, `log-group:${r.name}:log-stream:s`].map((suffix) => ({
        what: `log group ${r.name}`,
        action,
        resource: `arn:aws:logs:${REGION}:${ACCOUNT}:${suffix}`,
        context: tagged(env),
      })),
    ),
  aws_cloudwatch_dashboard: (_env: string, _id: string, r: Json) =>
    ["cloudwatch:GetDashboard", "cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"].map((action) => ({
      what: `dashboard ${r.dashboard_name}`,
      action,
      resource: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${r.dashboard_name}`,
    })),
  aws_cloudwatch_metric_alarm: (env: string, _id: string, r: Json) =>
    ["cloudwatch:DeleteAlarms", "cloudwatch:PutMetricAlarm", "cloudwatch:DisableAlarmActions"].map((action) => ({
      what: `alarm ${r.alarm_name}`,
      action,
      resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${r.alarm_name}`,
      context: tagged(env),
    })),
  aws_budgets_budget: (_env: string, _id: string, r: Json) =>
    ["budgets:ViewBudget", "budgets:ModifyBudget"].map((action) => ({
      what: `budget ${r.name}`,
      action,
      resource: `arn:aws:budgets::${ACCOUNT}:budget/${r.name}`,
    })),
  aws_ses_template: (_env: string, _id: string, r: Json) =>
    ["ses:GetTemplate", "ses:UpdateTemplate", "ses:DeleteTemplate"].map((action) => ({
      what: `email template ${r.name}`,
      action,
      resource: `arn:aws:ses:${REGION}:${ACCOUNT}:template/${r.name}`,
    })),
  aws_sesv2_configuration_set: (env: string, _id: string, r: Json) =>
    ["ses:DeleteConfigurationSet", "ses:PutConfigurationSetSendingOptions"].map((action) => ({
      what: `configuration set ${r.configuration_set_name}`,
      action,
      resource: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${r.configuration_set_name}`,
      context: tagged(env),
    })),
  aws_sesv2_email_identity: (env: string, _id: string, r: Json) =>
    ["ses:SendEmail", "ses:DeleteEmailIdentity", "ses:PutEmailIdentityDkimAttributes"].map((action) => ({
      what: `email identity ${r.email_identity}`,
      action,
      resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${r.email_identity}`,
      context: tagged(env),
    })),
  aws_ecs_cluster: (env: string, _id: string, r: Json) => [
    ...["ecs:DeleteCluster", "ecs:UpdateCluster", "ecs:PutClusterCapacityProviders"].map((action) => ({
      what: `cluster ${r.name}`,
      action,
      resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${r.name}`,
      context: tagged(env),
    })),
  ],
  aws_ecs_task_definition: (env: string, _id: string, r: Json) => [
    {
      what: `task definition ${r.family}`,
      action: "ecs:RunTask",
      resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${r.family}:1`,
      context: { ...tagged(env), "ecs:cluster": `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/fckdoomscroll-${env}` },
    },
    {
      what: `task definition ${r.family}`,
      action: "ecs:DeregisterTaskDefinition",
      resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${r.family}:1`,
      context: tagged(env),
    },
  ],
  aws_ecs_service: (env: string, _id: string, r: Json) =>
    ["ecs:UpdateService", "ecs:DeleteService"].map((action) => ({
      what: `service ${r.name}`,
      action,
      resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${r.cluster.split("/").pop()}/${r.name}`,
      context: tagged(env),
    })),
  aws_iam_role: (env: string, _id: string, r: Json) => [
    ...[
      "iam:PassRole",
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:DeleteRole",
      "iam:DeleteRolePermissionsBoundary",
    ].map((action) => ({
      what: `role ${r.name}`,
      action,
      resource: `arn:aws:iam::${ACCOUNT}:role/${r.name}`,
      // What the own apply role may do: give permissions only within its boundary; never drop it.
      context: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/fckdoomscroll-boundary-${env}` },
      deniedToOwn: action === "iam:DeleteRolePermissionsBoundary",
    })),
    { what: `role ${r.name}`, action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/${r.name}`, deniedToOwn: true },
  ],
  aws_sns_topic: (env: string, _id: string, r: Json) =>
    ["sns:Publish", "sns:Subscribe", "sns:SetTopicAttributes", "sns:DeleteTopic"].map((action) => ({
      what: `topic ${r.name}`,
      action,
      resource: `arn:aws:sns:${REGION}:${ACCOUNT}:${r.name}`,
      context: tagged(env),
    })),
  aws_ssm_parameter: (env: string, _id: string, r: Json) =>
    ["ssm:GetParameter", "ssm:GetParameters", "ssm:PutParameter", "ssm:DeleteParameter"].map((action) => ({
      what: `parameter ${r.name}`,
      action,
      resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${r.name}`,
      context: tagged(env),
    })),
  aws_ecr_repository: (env: string, _id: string, r: Json) =>
    ["ecr:BatchGetImage", "ecr:PutImage", "ecr:DeleteRepository", "ecr:SetRepositoryPolicy"].map((action) => ({
      what: `repository ${r.name}`,
      action,
      resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${r.name}`,
      context: tagged(env),
    })),
  aws_db_instance: (env: string, _id: string, r: Json) => [
    ...["rds:ModifyDBInstance", "rds:DeleteDBInstance", "rds:CreateDBSnapshot", "rds:RebootDBInstance"].map((action) => ({
      what: `database ${r.identifier}`,
      action,
      resource: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${r.identifier}`,
      context: tagged(env),
    })),
  ],
  aws_db_parameter_group: (env: string, _id: string, r: Json) => [
    {
      what: `parameter group ${r.name}`,
      action: "rds:ModifyDBParameterGroup",
      resource: `arn:aws:rds:${REGION}:${ACCOUNT}:pg:${r.name}`,
      context: tagged(env),
    },
  ],
  aws_db_subnet_group: (env: string, _id: string, r: Json) => [
    {
      what: `subnet group ${r.name}`,
      action: "rds:ModifyDBSubnetGroup",
      resource: `arn:aws:rds:${REGION}:${ACCOUNT}:subgrp:${r.name}`,
      context: tagged(env),
    },
  ],
  aws_lb: (env: string, _id: string, r: Json) =>
    ["elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes"].map((action) => ({
      what: `load balancer ${r.name}`,
      action,
      resource: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/${r.name}/0123456789abcdef`,
      context: tagged(env),
    })),
  aws_lb_target_group: (env: string, _id: string, r: Json) => [
    {
      what: `target group ${r.name}`,
      action: "elasticloadbalancing:RegisterTargets",
      resource: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${r.name}/0123456789abcdef`,
      context: tagged(env),
    },
  ],
  aws_lb_listener: (env, id) => [
    {
      what: `listener ${id}`,
      action: "elasticloadbalancing:ModifyListener",
      resource: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/x/0/${id}`,
      context: tagged(env),
    },
  ],
  aws_acm_certificate: (env, id) =>
    ["acm:DeleteCertificate", "acm:ExportCertificate"].map((action) => ({
      what: `certificate ${id}`,
      action,
      resource: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}`,
      context: tagged(env),
    })),
  aws_cloudfront_distribution: (env, id) =>
    ["cloudfront:UpdateDistribution", "cloudfront:CreateInvalidation", "cloudfront:DeleteDistribution"].map((action) => ({
      what: `distribution ${id}`,
      action,
      resource: `arn:aws:cloudfront::${ACCOUNT}:distribution/${id}`,
      context: tagged(env),
    })),
  aws_cloudfront_vpc_origin: (env, id) => [
    {
      what: `VPC origin ${id}`,
      action: "cloudfront:UpdateVpcOrigin",
      resource: `arn:aws:cloudfront::${ACCOUNT}:vpcorigin/${id}`,
      context: tagged(env),
    },
  ],
  aws_cloudfront_function: (_env: string, _id: string, r: Json) =>
    ["cloudfront:UpdateFunction", "cloudfront:PublishFunction"].map((action) => ({
      what: `function ${r.name}`,
      action,
      resource: `arn:aws:cloudfront::${ACCOUNT}:function/${r.name}`,
    })),
  aws_wafv2_web_acl: (env: string, id: string, r: Json) => [
    {
      what: `web ACL ${r.name}`,
      action: "wafv2:UpdateWebACL",
      resource: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/${r.name}/${id}`,
      context: tagged(env),
    },
  ],
  aws_appautoscaling_target: (env, id) =>
    ["application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget"].map((action) => ({
      what: `scalable target ${id}`,
      action,
      resource: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/${id}`,
      context: tagged(env),
    })),
  aws_cloudwatch_log_delivery_source: (env: string, _id: string, r: Json) => [
    {
      what: `delivery source ${r.name}`,
      action: "logs:DeleteDeliverySource",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:delivery-source:${r.name}`,
      context: tagged(env),
    },
  ],
  aws_cloudwatch_log_delivery_destination: (env: string, _id: string, r: Json) => [
    {
      what: `delivery destination ${r.name}`,
      action: "logs:DeleteDeliveryDestination",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:delivery-destination:${r.name}`,
      context: tagged(env),
    },
  ],
  aws_cloudwatch_log_delivery: (env, id) => [
    {
      what: `delivery ${id}`,
      action: "logs:DeleteDelivery",
      resource: `arn:aws:logs:${REGION}:${ACCOUNT}:delivery:${id}`,
      context: tagged(env),
    },
  ],
  aws_apprunner_service: (env: string, _id: string, r: Json) =>
    ["apprunner:UpdateService", "apprunner:DeleteService"].map((action) => ({
      what: `App Runner service ${r.service_name}`,
      action,
      resource: `arn:aws:apprunner:${REGION}:${ACCOUNT}:service/${r.service_name}/x`,
      context: tagged(env),
    })),
  aws_apprunner_vpc_connector: (env: string, _id: string, r: Json) => [
    {
      what: `VPC connector ${r.vpc_connector_name}`,
      action: "apprunner:DeleteVpcConnector",
      resource: `arn:aws:apprunner:${REGION}:${ACCOUNT}:vpcconnector/${r.vpc_connector_name}/1/x`,
      context: tagged(env),
    },
  ],
  aws_apprunner_auto_scaling_configuration_version: (env: string, _id: string, r: Json) => [
    {
      what: `scaling configuration ${r.auto_scaling_configuration_name}`,
      action: "apprunner:DeleteAutoScalingConfiguration",
      resource: `arn:aws:apprunner:${REGION}:${ACCOUNT}:autoscalingconfiguration/${r.auto_scaling_configuration_name}/1/x`,
      context: tagged(env),
    },
  ],
  aws_vpc: ec2("vpc"),
  aws_subnet: ec2("subnet"),
  aws_security_group: (env, id) => [
    {
      what: `security group ${id}`,
      action: "ec2:AuthorizeSecurityGroupIngress",
      resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}`,
      context: tagged(env),
    },
  ],
  aws_default_security_group: ec2("security-group"),
  aws_route_table: ec2("route-table"),
  aws_internet_gateway: ec2("internet-gateway"),
  aws_nat_gateway: ec2("natgateway"),
  aws_eip: ec2("elastic-ip"),
  aws_network_acl: ec2("network-acl"),
  aws_default_network_acl: ec2("network-acl"),
  aws_vpc_endpoint: ec2("vpc-endpoint"),
  aws_flow_log: ec2("vpc-flow-log"),
  aws_instance: (env, id) =>
    ["ec2:StopInstances", "ec2:TerminateInstances"].map((action) => ({
      what: `instance ${id}`,
      action,
      resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`,
      context: tagged(env),
    })),
};

/** Types authorized through their parent's ARN (probed there) or no AWS resource at all. */
const VIA_PARENT: Record<string, string> = {
  aws_s3_bucket_lifecycle_configuration: "bucket",
  aws_s3_bucket_ownership_controls: "bucket",
  aws_s3_bucket_policy: "bucket",
  aws_s3_bucket_public_access_block: "bucket",
  aws_s3_bucket_server_side_encryption_configuration: "bucket",
  aws_s3_bucket_versioning: "bucket",
  aws_sns_topic_policy: "topic",
  aws_sns_topic_subscription: "topic",
  aws_ecr_lifecycle_policy: "repository",
  aws_ecs_cluster_capacity_providers: "cluster",
  aws_iam_role_policy: "role",
  aws_iam_role_policy_attachment: "role",
  aws_route: "route table",
  aws_route_table_association: "route table",
  aws_vpc_security_group_egress_rule: "security group",
  aws_vpc_security_group_ingress_rule: "security group",
  aws_appautoscaling_policy: "scalable target",
  aws_appautoscaling_scheduled_action: "scalable target",
  aws_acm_certificate_validation: "no API call (waits)",
  aws_sesv2_configuration_set_event_destination: "configuration set",
  aws_sesv2_email_identity_mail_from_attributes: "email identity",
  aws_wafv2_web_acl_logging_configuration: "web ACL",
  terraform_data: "no AWS resource",
};

/**
 * Types IAM cannot tell apart between environments of one account: their ARNs carry only an
 * AWS-generated id and they take no tags. Documented (docs/security.md); one account per
 * environment, the default, is what separates them.
 */
const UNGUARDED: Record<string, string> = {
  aws_cloudfront_origin_access_control: "ARN has an id only; no tags",
  aws_cloudfront_response_headers_policy: "ARN has an id only; no tags",
};

function probesOf(env: EnvironmentName): Probe[] {
  const json = stacks[env];
  const probes: Probe[] = [];
  for (const [type, byId] of Object.entries<Record<string, Json>>(json.resource)) {
    const build = PROBES[type];
    if (!build) continue;
    for (const [id, r] of Object.entries(byId)) probes.push(...build(env, id, r));
  }
  // DNS: the zone and the record names.
  for (const [id, r] of Object.entries<Json>(json.resource.aws_route53_record ?? {})) {
    // Names known only at apply (DKIM tokens, certificate validation) are under the domain.
    const rest = String(r.name).split("}").pop()!.replace(/^\./, "");
    const domain = String(r.name).includes("${") ? `_token.${rest || CONFIG[env].domain!.name}` : String(r.name);
    probes.push({
      what: `DNS record ${id}`,
      action: "route53:ChangeResourceRecordSets",
      resource: `arn:aws:route53:::hostedzone/${r.zone_id}`,
      context: { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [domain.toLowerCase()] },
    });
  }
  // The state object and its lock file (the bucket policy applies too).
  const s3 = json.terraform.backend.s3;
  for (const key of [s3.key, `${s3.key}.tflock`]) {
    for (const action of ["s3:GetObject", "s3:PutObject"]) {
      probes.push({ what: `state ${key}`, action, resource: `arn:aws:s3:::${s3.bucket}/${key}`, resourcePolicy: STATE_BUCKET_POLICY });
    }
  }
  return probes;
}

describe("single-account mode: the synthesized IAM keeps every environment off the others", () => {
  it("synthesizes one account and probes every resource type the environments contain", () => {
    expect(BootstrapStack.all(app).map((s) => s.node.id)).toEqual(["bootstrap"]);
    for (const env of ENVIRONMENTS) {
      const types = Object.keys(stacks[env].resource);
      expect(
        types.filter((t) => !(t in PROBES) && !(t in VIA_PARENT) && !(t in UNGUARDED) && t !== "aws_route53_record"),
        env,
      ).toEqual([]);
    }
    expect(probesOf("prod").length).toBeGreaterThan(200);
  });

  it("every document fits IAM's size quotas with all three environments' guards", () => {
    // Managed policies 6,144 characters; a role's inline policies 10,240 together (whitespace not counted).
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    for (const policy of Object.values<Json>(bootstrap.resource.aws_iam_policy))
      expect(policy.policy.length, policy.name).toBeLessThanOrEqual(6144);
    const inline = new Map<string, number>();
    for (const p of Object.values<Json>(bootstrap.resource.aws_iam_role_policy))
      inline.set(p.role, (inline.get(p.role) ?? 0) + p.policy.length);
    expect(inline.size).toBe(12);
    // IAM refuses an S3 ARN with a region or account (MalformedPolicyDocument).
    const documents = [
      ...Object.values<Json>(bootstrap.resource.aws_iam_policy),
      ...Object.values<Json>(bootstrap.resource.aws_iam_role_policy),
    ].map((p) => docOf(p.policy));
    const s3Arns = documents
      .flat()
      .flatMap((st) => [st.Resource, st.NotResource].flat())
      .filter((r): r is string => typeof r === "string" && r.startsWith("arn:aws:s3:"));
    expect(s3Arns.length).toBeGreaterThan(10);
    expect(s3Arns.filter((r) => !r.startsWith("arn:aws:s3:::"))).toEqual([]);
    for (const [role, size] of inline) expect(size, role).toBeLessThanOrEqual(10240);
  });

  it("each environment's secrets, master secret included, are encrypted with a key of that environment", () => {
    for (const env of ENVIRONMENTS) {
      const keys = Object.keys(stacks[env].resource.aws_kms_key).map((id) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`);
      const secretKeys = [
        ...Object.values<Json>(stacks[env].resource.aws_secretsmanager_secret).map((s) => s.kms_key_id),
        ...Object.values<Json>(stacks[env].resource.aws_db_instance).map((d) => d.master_user_secret_kms_key_id),
      ];
      expect(secretKeys.length, env).toBeGreaterThanOrEqual(4);
      for (const key of secretKeys) expect(keys, `${env}: ${key}`).toContain(key);
    }
  });

  it("no resource policy of an environment grants an AWS principal other than the account", () => {
    for (const env of ENVIRONMENTS) {
      const documents = Object.values<Record<string, Json>>(stacks[env].resource).flatMap((byId) =>
        Object.values(byId).flatMap((r) => (typeof r.policy === "string" && r.policy.startsWith("{") ? (docOf(r.policy) ?? []) : [])),
      );
      expect(documents.length, env).toBeGreaterThan(0);
      for (const s of documents) {
        const aws = [s.Principal && s.Principal !== "*" ? s.Principal.AWS : undefined].flat().filter((p) => p !== undefined);
        // The account (delegating to IAM), or Elastic Load Balancing's own account writing access logs.
        for (const p of aws)
          expect(
            p === `arn:aws:iam::${ACCOUNT}:root` || /^\$\{data\.aws_elb_service_account\.\w+\.arn\}$/.test(p),
            `${env} ${s.Sid}: ${p}`,
          ).toBe(true);
        if (s.Effect === "Allow" && s.Principal === "*") expect(s.Condition, `${env} ${s.Sid}`).toBeDefined();
      }
    }
  });

  const pairs = ENVIRONMENTS.flatMap((a) => ENVIRONMENTS.filter((b) => b !== a).map((b) => [a, b] as const));
  it.each(pairs)("%s's apply roles and every role they create can neither read nor change %s's resources", (a, b) => {
    const allowed: string[] = [];
    for (const principal of principalsOf(a)) {
      for (const probe of probesOf(b)) {
        const decision = evaluate(
          principal.policies,
          { action: probe.action, resource: probe.resource, context: probe.context, principalArn: principal.arn },
          probe.resourcePolicy,
        );
        if (decision === "allow") allowed.push(`${principal.name}: ${probe.action} on ${probe.what}`);
      }
    }
    expect(allowed).toEqual([]);
  });

  it.each(pairs)("%s's plan roles can neither read nor change %s's resources (configuration included)", (a, b) => {
    const allowed: string[] = [];
    for (const principal of planRolesOf(a)) {
      for (const probe of probesOf(b)) {
        const decision = evaluate(
          principal.policies,
          { action: probe.action, resource: probe.resource, context: probe.context, principalArn: principal.arn },
          probe.resourcePolicy,
        );
        if (decision === "allow") allowed.push(`${principal.name}: ${probe.action} on ${probe.what}`);
      }
    }
    expect(allowed).toEqual([]);
  });

  it.each(pairs)("%s's roles cannot run a task of their own on %s's cluster, nor tag a new resource for it", (a, b) => {
    const ownTaskDefinition = Object.values<Json>(stacks[a].resource.aws_ecs_task_definition)[0].family;
    for (const principal of principalsOf(a)) {
      const runTask = evaluate(principal.policies, {
        action: "ecs:RunTask",
        resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${ownTaskDefinition}:1`,
        context: { ...tagged(a), "ecs:cluster": `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/fckdoomscroll-${b}` },
      });
      expect(runTask, principal.name).toBe("explicitDeny");
      const tagForB = evaluate(principal.policies, {
        action: "secretsmanager:CreateSecret",
        resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:fckdoomscroll/${a}/NEW-AbCdEf`,
        context: { "aws:RequestTag/Environment": b },
      });
      expect(tagForB, principal.name).toBe("explicitDeny");
    }
  });

  it.each(ENVIRONMENTS)("%s's apply roles can still deploy it: every probe of its own resources is allowed", (env) => {
    const refused: string[] = [];
    for (const principal of principalsOf(env).slice(0, 2)) {
      for (const probe of probesOf(env)) {
        // The state object itself is never deleted; every other own request must pass.
        const decision = evaluate(
          principal.policies,
          { action: probe.action, resource: probe.resource, context: probe.context, principalArn: principal.arn },
          probe.resourcePolicy,
        );
        const expected = probe.deniedToOwn ? "explicitDeny" : "allow";
        if (decision !== expected && !(principal.name.includes("-tfc-") && probe.what.startsWith("state ")))
          refused.push(`${principal.name}: ${probe.action} on ${probe.what} -> ${decision}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it.each(ENVIRONMENTS)("roles %s's apply roles create reach none of the state bucket, their own state included", (env) => {
    const created = principalsOf(env)[2];
    const s3 = stacks[env].terraform.backend.s3;
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]) {
      const resource = action === "s3:ListBucket" ? `arn:aws:s3:::${s3.bucket}` : `arn:aws:s3:::${s3.bucket}/${s3.key}`;
      expect(evaluate(created.policies, { action, resource }), action).toBe("explicitDeny");
    }
  });
});
