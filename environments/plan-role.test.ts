import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { BootstrapStack } from "./bootstrap";
import { ENVIRONMENTS } from "./config";
import { resources, synthStack } from "../modules/internal/testing";
import { resolveReferences } from "../modules/internal/resolve-references";
import { IamStatement, evaluate } from "../modules/internal/iam-evaluator";

// The plan roles as synthesized (one account per environment, the default), evaluated with the
// IAM evaluator: what `terraform plan` refreshes is allowed, application data is not.
const app = buildApp(Testing.app(), {});

/**
 * Resource and data-source type -> the calls the AWS provider makes to refresh it (read, tags).
 * A type the stacks start using without a row here fails the first test.
 */
const REFRESH: Record<string, string[]> = {
  aws_acm_certificate: ["acm:DescribeCertificate", "acm:ListTagsForCertificate"],
  aws_acm_certificate_validation: ["acm:DescribeCertificate"],
  aws_appautoscaling_policy: ["application-autoscaling:DescribeScalingPolicies"],
  aws_appautoscaling_scheduled_action: ["application-autoscaling:DescribeScheduledActions"],
  aws_appautoscaling_target: ["application-autoscaling:DescribeScalableTargets", "application-autoscaling:ListTagsForResource"],
  aws_apprunner_auto_scaling_configuration_version: ["apprunner:DescribeAutoScalingConfiguration", "apprunner:ListTagsForResource"],
  aws_apprunner_service: ["apprunner:DescribeService", "apprunner:ListTagsForResource"],
  aws_apprunner_vpc_connector: ["apprunner:DescribeVpcConnector", "apprunner:ListTagsForResource"],
  aws_budgets_budget: ["budgets:ViewBudget", "budgets:ListTagsForResource"],
  aws_cloudfront_distribution: ["cloudfront:GetDistribution", "cloudfront:ListTagsForResource"],
  aws_cloudfront_function: ["cloudfront:DescribeFunction", "cloudfront:GetFunction"],
  aws_cloudfront_origin_access_control: ["cloudfront:GetOriginAccessControl"],
  aws_cloudfront_response_headers_policy: ["cloudfront:GetResponseHeadersPolicy"],
  aws_cloudfront_vpc_origin: ["cloudfront:GetVpcOrigin", "cloudfront:ListTagsForResource"],
  aws_cloudwatch_dashboard: ["cloudwatch:GetDashboard"],
  aws_cloudwatch_log_delivery: ["logs:GetDelivery", "logs:ListTagsForResource"],
  aws_cloudwatch_log_delivery_destination: ["logs:GetDeliveryDestination", "logs:GetDeliveryDestinationPolicy", "logs:ListTagsForResource"],
  aws_cloudwatch_log_delivery_source: ["logs:GetDeliverySource", "logs:ListTagsForResource"],
  aws_cloudwatch_log_group: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
  aws_cloudwatch_metric_alarm: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
  aws_db_instance: ["rds:DescribeDBInstances", "rds:ListTagsForResource"],
  aws_db_parameter_group: ["rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", "rds:ListTagsForResource"],
  aws_db_subnet_group: ["rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"],
  aws_default_network_acl: ["ec2:DescribeNetworkAcls"],
  aws_default_security_group: ["ec2:DescribeSecurityGroups"],
  aws_ecr_lifecycle_policy: ["ecr:GetLifecyclePolicy"],
  aws_ecr_repository: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
  aws_ecs_cluster: ["ecs:DescribeClusters"],
  aws_ecs_cluster_capacity_providers: ["ecs:DescribeClusters"],
  aws_ecs_service: ["ecs:DescribeServices"],
  aws_ecs_task_definition: ["ecs:DescribeTaskDefinition"],
  aws_eip: ["ec2:DescribeAddresses"],
  aws_flow_log: ["ec2:DescribeFlowLogs"],
  aws_iam_role: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
  aws_iam_role_policy: ["iam:GetRolePolicy"],
  aws_iam_role_policy_attachment: ["iam:ListAttachedRolePolicies"],
  aws_instance: ["ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeVolumes"],
  aws_internet_gateway: ["ec2:DescribeInternetGateways"],
  aws_kms_alias: ["kms:ListAliases"],
  aws_kms_key: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
  aws_lb: [
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeTags",
  ],
  aws_lb_listener: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes"],
  aws_lb_target_group: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes"],
  aws_nat_gateway: ["ec2:DescribeNatGateways"],
  aws_network_acl: ["ec2:DescribeNetworkAcls"],
  aws_route: ["ec2:DescribeRouteTables"],
  aws_route53_record: ["route53:ListResourceRecordSets", "route53:GetHostedZone"],
  aws_route_table: ["ec2:DescribeRouteTables"],
  aws_route_table_association: ["ec2:DescribeRouteTables"],
  aws_s3_bucket: [
    "s3:ListBucket",
    "s3:GetBucketTagging",
    "s3:GetBucketPolicy",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketWebsite",
    "s3:GetBucketVersioning",
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketLogging",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
  ],
  aws_s3_bucket_lifecycle_configuration: ["s3:GetLifecycleConfiguration"],
  aws_s3_bucket_ownership_controls: ["s3:GetBucketOwnershipControls"],
  aws_s3_bucket_policy: ["s3:GetBucketPolicy"],
  aws_s3_bucket_public_access_block: ["s3:GetBucketPublicAccessBlock"],
  aws_s3_bucket_server_side_encryption_configuration: ["s3:GetEncryptionConfiguration"],
  aws_s3_bucket_versioning: ["s3:GetBucketVersioning"],
  aws_secretsmanager_secret: ["secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"],
  aws_security_group: ["ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"],
  aws_ses_template: ["ses:GetTemplate"],
  aws_sesv2_configuration_set: ["ses:GetConfigurationSet", "ses:ListTagsForResource"],
  aws_sesv2_configuration_set_event_destination: ["ses:GetConfigurationSetEventDestinations"],
  aws_sesv2_email_identity: ["ses:GetEmailIdentity", "ses:ListTagsForResource"],
  aws_sesv2_email_identity_mail_from_attributes: ["ses:GetEmailIdentity"],
  aws_sns_topic: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
  aws_sns_topic_policy: ["sns:GetTopicAttributes"],
  aws_sns_topic_subscription: ["sns:GetSubscriptionAttributes"],
  // A plain String parameter's value is configuration: GetParameter returns it without KMS.
  aws_ssm_parameter: ["ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"],
  aws_subnet: ["ec2:DescribeSubnets"],
  aws_vpc: ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"],
  aws_vpc_endpoint: ["ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"],
  aws_vpc_security_group_egress_rule: ["ec2:DescribeSecurityGroupRules"],
  aws_vpc_security_group_ingress_rule: ["ec2:DescribeSecurityGroupRules"],
  aws_wafv2_web_acl: ["wafv2:GetWebACL", "wafv2:ListTagsForResource"],
  aws_wafv2_web_acl_logging_configuration: ["wafv2:GetLoggingConfiguration"],
  terraform_data: [],
  // data sources
  aws_ami: ["ec2:DescribeImages"],
  aws_availability_zones: ["ec2:DescribeAvailabilityZones"],
  aws_caller_identity: [],
  aws_ec2_managed_prefix_list: ["ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"],
  aws_elb_service_account: [],
  aws_partition: [],
  aws_region: [],
};

type Json = Record<string, any>;
const stacks = Object.fromEntries(ENVIRONMENTS.map((env) => [env, synthStack(app.node.findChild(env) as TerraformStack) as Json]));

function planPolicies(env: string, pipeline: "deploy" | "tfc"): IamStatement[][] {
  const json = resolveReferences(synthStack(BootstrapStack.forEnvironment(app, env)), "111111111111", "us-east-1");
  const name = `fckdoomscroll-${pipeline}-${env}-plan`;
  const [id, role] = Object.entries<Json>(json.resource.aws_iam_role).find(([, r]) => r.name === name)!;
  // No AWS managed policy (no ReadOnlyAccess): the inline policy is all the role has.
  expect(
    Object.values(resources(json, "aws_iam_role_policy_attachment")).filter((a: Json) => a.role === name),
    id,
  ).toEqual([]);
  return Object.values<Json>(json.resource.aws_iam_role_policy)
    .filter((p) => p.role === role.name)
    .map((p) => JSON.parse(p.policy).Statement);
}

const ARN = "arn:aws:service:us-east-1:111111111111:resource/any";

describe("plan roles read configuration, not data", () => {
  it("know the refresh calls of every resource and data source type the stacks contain", () => {
    for (const env of ENVIRONMENTS) {
      const types = [...Object.keys(stacks[env].resource), ...Object.keys(stacks[env].data ?? {})];
      expect(
        types.filter((t) => !(t in REFRESH)),
        env,
      ).toEqual([]);
    }
  });

  it.each(ENVIRONMENTS)("%s: both plan roles may make every refresh call of the stack's types", (env) => {
    const types = [...Object.keys(stacks[env].resource), ...Object.keys(stacks[env].data ?? {})];
    const actions = [...new Set(types.flatMap((t) => REFRESH[t]))];
    expect(actions.length).toBeGreaterThan(40);
    for (const pipeline of ["deploy", "tfc"] as const) {
      const identity = planPolicies(env, pipeline);
      const refused = actions.filter((action) => evaluate({ identity }, { action, resource: ARN }) !== "allow");
      expect(refused, pipeline).toEqual([]);
    }
  });

  it.each(ENVIRONMENTS)("%s: no plan role reads application data, only its own state object", (env) => {
    const s3 = stacks[env].terraform.backend.s3;
    const stateArn = `arn:aws:s3:::${s3.bucket}/${s3.key}`;
    const assets = `arn:aws:s3:::fckdoomscroll-${env}-static-assets/index.html`;
    const data: [string, string][] = [
      ["s3:GetObject", assets],
      ["s3:GetObjectVersion", assets],
      ["s3:GetObject", `arn:aws:s3:::${s3.bucket}/fckdoomscroll/other.tfstate`],
      ["logs:GetLogEvents", `arn:aws:logs:us-east-1:111111111111:log-group:/ecs/fckdoomscroll-${env}:log-stream:s`],
      ["logs:FilterLogEvents", `arn:aws:logs:us-east-1:111111111111:log-group:/ecs/fckdoomscroll-${env}`],
      ["logs:StartQuery", `arn:aws:logs:us-east-1:111111111111:log-group:/ecs/fckdoomscroll-${env}`],
      ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:111111111111:secret:fckdoomscroll/${env}/AUTH_SECRET-AbCdEf`],
      ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111111111111:secret:rds!db-1234-AbCdEf"],
      // A SecureString's value needs KMS: denied, so GetParameter returns no decrypted value.
      ["kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/any"],
      ["ecr:BatchGetImage", `arn:aws:ecr:us-east-1:111111111111:repository/fckdoomscroll/${env}/app`],
      ["rds:DownloadDBLogFilePortion", `arn:aws:rds:us-east-1:111111111111:db:fckdoomscroll-${env}-db`],
      ["wafv2:GetSampledRequests", "arn:aws:wafv2:us-east-1:111111111111:global/webacl/x/y"],
    ];
    for (const pipeline of ["deploy", "tfc"] as const) {
      const identity = planPolicies(env, pipeline);
      for (const [action, resource] of data)
        expect(evaluate({ identity }, { action, resource }), `${pipeline} ${action} ${resource}`).not.toBe("allow");
      // Nothing to change either.
      expect(evaluate({ identity }, { action: "ec2:TerminateInstances", resource: ARN })).not.toBe("allow");
    }
    expect(evaluate({ identity: planPolicies(env, "deploy") }, { action: "s3:GetObject", resource: stateArn })).toBe("allow");
    expect(evaluate({ identity: planPolicies(env, "tfc") }, { action: "s3:GetObject", resource: stateArn })).not.toBe("allow");
  });
});
