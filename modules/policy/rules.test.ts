import { describe, expect, it } from "vitest";
import { evaluate } from "./engine";
import { ALL_RULES } from "./rules";
import { Rule } from "./types";
import { TerraformJson } from "./stack-index";

type Resources = Record<string, Record<string, Record<string, any>>>;

/** Wrap resource blocks as synthesized JSON, with `//` metadata paths `test/<name>`. */
function stackJson(resources: Resources, data: Resources = {}): TerraformJson {
  const withMeta = (blocksByType: Resources): Resources =>
    Object.fromEntries(
      Object.entries(blocksByType).map(([type, named]) => [
        type,
        Object.fromEntries(
          Object.entries(named).map(([name, config]) => [name, { ...config, "//": { metadata: { path: `test/${name}` } } }]),
        ),
      ]),
    );
  return { resource: withMeta(resources), data: withMeta(data) };
}

const tlsDeny = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["${aws_s3_bucket.site.arn}", "${aws_s3_bucket.site.arn}/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
});

const kmsPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
    {
      Sid: "Logs",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*"],
      Resource: "*",
    },
  ],
});

const snsPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: "${aws_sns_topic.alarms.arn}",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    },
  ],
});

const trustPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    },
  ],
});

const publicAllow = (resource: string) =>
  JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: resource }] });

const containers = JSON.stringify([
  {
    name: "web",
    image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:abc123",
    readonlyRootFilesystem: true,
    environment: [
      { name: "NODE_ENV", value: "production" },
      { name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" },
    ],
    secrets: [{ name: "DB_PASSWORD", valueFrom: "${aws_secretsmanager_secret.db.arn}" }],
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "${aws_cloudwatch_log_group.app.name}" } },
  },
]);

/** Resources of a stack that passes every rule in prod. Returns a fresh copy each call. */
function secureResources(): Resources {
  return structuredClone({
    aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
    aws_default_security_group: { default_sg: { vpc_id: "${aws_vpc.vpc.id}" } },
    aws_flow_log: { flow: { vpc_id: "${aws_vpc.vpc.id}", traffic_type: "ALL", log_destination: "${aws_cloudwatch_log_group.app.arn}" } },
    aws_subnet: { public_a: { vpc_id: "${aws_vpc.vpc.id}", cidr_block: "10.0.0.0/24" } },
    aws_kms_key: { key: { description: "logs and secrets", enable_key_rotation: true, policy: kmsPolicy } },
    aws_default_network_acl: {
      default_acl: {
        default_network_acl_id: "${aws_vpc.vpc.default_network_acl_id}",
        ingress: [
          { rule_no: 10, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
          { rule_no: 11, action: "deny", protocol: "tcp", from_port: 3389, to_port: 3389, cidr_block: "0.0.0.0/0" },
          { rule_no: 12, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, ipv6_cidr_block: "::/0" },
          { rule_no: 13, action: "deny", protocol: "tcp", from_port: 3389, to_port: 3389, ipv6_cidr_block: "::/0" },
          { rule_no: 100, action: "allow", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" },
          { rule_no: 101, action: "allow", protocol: "-1", from_port: 0, to_port: 0, ipv6_cidr_block: "::/0" },
        ],
        egress: [{ rule_no: 100, action: "allow", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" }],
      },
    },
    aws_cloudwatch_metric_alarm: { cpu: { alarm_name: "cpu", alarm_actions: ["${aws_sns_topic.alarms.arn}"] } },
    aws_sns_topic_policy: { alarms_policy: { arn: "${aws_sns_topic.alarms.arn}", policy: snsPolicy } },
    aws_acm_certificate: { cert: { domain_name: "app.example.com", validation_method: "DNS", lifecycle: { create_before_destroy: true } } },
    aws_cloudfront_response_headers_policy: {
      headers: {
        name: "security-headers",
        security_headers_config: {
          strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, override: true, preload: false },
          content_type_options: { override: true },
        },
      },
    },
    aws_cloudwatch_log_group: { app: { name: "/app/web", retention_in_days: 365, kms_key_id: "${aws_kms_key.key.arn}" } },
    aws_security_group: {
      alb_sg: { name: "alb", description: "Load balancer: HTTP/HTTPS from the internet", vpc_id: "${aws_vpc.vpc.id}" },
      app_sg: {
        name: "app",
        description: "Web service tasks",
        vpc_id: "${aws_vpc.vpc.id}",
        ingress: [
          {
            description: "App port from the load balancer",
            from_port: 8080,
            to_port: 8080,
            protocol: "tcp",
            security_groups: ["${aws_security_group.alb_sg.id}"],
          },
        ],
      },
    },
    aws_vpc_security_group_ingress_rule: {
      https_in: {
        security_group_id: "${aws_security_group.alb_sg.id}",
        cidr_ipv4: "0.0.0.0/0",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        description: "HTTPS from the internet",
      },
      http_in: {
        security_group_id: "${aws_security_group.alb_sg.id}",
        cidr_ipv6: "::/0",
        ip_protocol: "tcp",
        from_port: 80,
        to_port: 80,
        description: "HTTP (redirect) from the internet",
      },
    },
    aws_security_group_rule: {
      app_out: {
        type: "egress",
        security_group_id: "${aws_security_group.app_sg.id}",
        from_port: 443,
        to_port: 443,
        protocol: "tcp",
        cidr_blocks: ["0.0.0.0/0"],
        description: "HTTPS to AWS APIs",
      },
    },
    aws_lb: {
      alb: {
        internal: false,
        load_balancer_type: "application",
        security_groups: ["${aws_security_group.alb_sg.id}"],
        drop_invalid_header_fields: true,
        enable_deletion_protection: true,
        access_logs: { enabled: true, bucket: "${aws_s3_bucket.site.id}" },
      },
    },
    aws_wafv2_web_acl_association: { alb_waf: { resource_arn: "${aws_lb.alb.arn}", web_acl_arn: "${aws_wafv2_web_acl.acl.arn}" } },
    aws_lb_listener: {
      http: {
        load_balancer_arn: "${aws_lb.alb.arn}",
        port: 80,
        protocol: "HTTP",
        default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
      },
      https: {
        load_balancer_arn: "${aws_lb.alb.arn}",
        port: 443,
        protocol: "HTTPS",
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.tg.arn}" }],
      },
    },
    aws_ecs_cluster: { cluster: { name: "app", setting: [{ name: "containerInsights", value: "enabled" }] } },
    aws_ecs_task_definition: {
      task: {
        family: "web",
        network_mode: "awsvpc",
        execution_role_arn: "${aws_iam_role.execution.arn}",
        task_role_arn: "${aws_iam_role.role.arn}",
        container_definitions: containers,
      },
    },
    aws_lb_target_group: {
      tg: { port: 8080, protocol: "HTTP", target_type: "ip", health_check: { enabled: true, path: "/health", matcher: "200" } },
    },
    aws_ecs_service: { svc: { name: "web", network_configuration: { assign_public_ip: false, subnets: ["subnet-1"] } } },
    aws_ecr_repository: { repo: { name: "app", image_tag_mutability: "IMMUTABLE", image_scanning_configuration: { scan_on_push: true } } },
    aws_ecr_lifecycle_policy: { repo_lifecycle: { repository: "${aws_ecr_repository.repo.name}", policy: "{}" } },
    aws_apprunner_service: {
      runner: {
        source_configuration: { image_repository: { image_configuration: { runtime_environment_variables: { NODE_ENV: "production" } } } },
      },
    },
    aws_db_parameter_group: { pg: { name: "app-pg16", family: "postgres16", parameter: [{ name: "rds.force_ssl", value: "1" }] } },
    aws_db_instance: {
      db: {
        engine: "postgres",
        storage_encrypted: true,
        publicly_accessible: false,
        deletion_protection: true,
        multi_az: true,
        backup_retention_period: 14,
        enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
        iam_database_authentication_enabled: true,
        parameter_group_name: "${aws_db_parameter_group.pg.name}",
        monitoring_interval: 60,
        monitoring_role_arn: "${aws_iam_role.role.arn}",
        copy_tags_to_snapshot: true,
        performance_insights_enabled: true,
        performance_insights_kms_key_id: "${aws_kms_key.key.arn}",
        manage_master_user_password: true,
        master_user_secret_kms_key_id: "${aws_kms_key.key.arn}",
        ca_cert_identifier: "rds-ca-rsa2048-g1",
      },
    },
    aws_s3_bucket: { site: { bucket: "app-site" } },
    aws_s3_bucket_public_access_block: {
      site_pab: {
        bucket: "${aws_s3_bucket.site.id}",
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      site_sse: { bucket: "${aws_s3_bucket.site.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] },
    },
    aws_s3_bucket_versioning: { site_versioning: { bucket: "app-site", versioning_configuration: { status: "Enabled" } } },
    aws_s3_bucket_ownership_controls: {
      site_ownership: { bucket: "${aws_s3_bucket.site.id}", rule: { object_ownership: "BucketOwnerEnforced" } },
    },
    aws_s3_bucket_policy: { site_policy: { bucket: "${aws_s3_bucket.site.id}", policy: tlsDeny } },
    aws_s3_bucket_lifecycle_configuration: {
      site_lifecycle: {
        bucket: "${aws_s3_bucket.site.id}",
        rule: [{ id: "abort", status: "Enabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }],
      },
    },
    aws_cloudfront_distribution: {
      cdn: {
        enabled: true,
        web_acl_id: "${aws_wafv2_web_acl.acl.arn}",
        origin: [
          {
            origin_id: "site",
            domain_name: "${aws_s3_bucket.site.bucket_regional_domain_name}",
            origin_access_control_id: "${aws_cloudfront_origin_access_control.oac.id}",
          },
          {
            origin_id: "app",
            domain_name: "origin.example.com",
            custom_origin_config: {
              origin_protocol_policy: "https-only",
              origin_ssl_protocols: ["TLSv1.2"],
              http_port: 80,
              https_port: 443,
            },
          },
        ],
        default_cache_behavior: {
          target_origin_id: "app",
          viewer_protocol_policy: "redirect-to-https",
          response_headers_policy_id: "67f7725c-6f97-4210-82d7-5512b31e9d03",
        },
        ordered_cache_behavior: [
          {
            path_pattern: "/assets/*",
            target_origin_id: "site",
            viewer_protocol_policy: "https-only",
            response_headers_policy_id: "67f7725c-6f97-4210-82d7-5512b31e9d03",
          },
        ],
        viewer_certificate: {
          acm_certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
          ssl_support_method: "sni-only",
          minimum_protocol_version: "TLSv1.2_2021",
        },
        logging_config: { bucket: "logs.s3.amazonaws.com" },
      },
    },
    aws_wafv2_web_acl: {
      acl: {
        scope: "CLOUDFRONT",
        visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "acl", sampled_requests_enabled: true },
        rule: [
          {
            name: "bad-inputs",
            statement: { managed_rule_group_statement: { vendor_name: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
            visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "bad-inputs", sampled_requests_enabled: true },
          },
        ],
      },
    },
    aws_wafv2_web_acl_logging_configuration: {
      acl_logs: { resource_arn: "${aws_wafv2_web_acl.acl.arn}", log_destination_configs: ["${aws_cloudwatch_log_group.app.arn}"] },
    },
    aws_sesv2_configuration_set: { mail: { configuration_set_name: "app", delivery_options: { tls_policy: "REQUIRE" } } },
    aws_sns_topic: { alarms: { name: "alarms", kms_master_key_id: "${aws_kms_key.key.id}" } },
    aws_secretsmanager_secret: { db: { name: "db", kms_key_id: "${aws_kms_key.key.arn}" } },
    aws_iam_role: {
      role: { name: "task", assume_role_policy: trustPolicy },
      execution: { name: "execution", assume_role_policy: trustPolicy },
    },
    aws_iam_role_policy: {
      role_policy: {
        role: "${aws_iam_role.role.id}",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "${aws_secretsmanager_secret.db.arn}" }],
        }),
      },
    },
    aws_iam_policy: { doc_policy: { name: "from-data", policy: "${data.aws_iam_policy_document.doc.json}" } },
    aws_iam_role_policy_attachment: {
      monitoring: { role: "${aws_iam_role.role.name}", policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
    },
  });
}

/** Data sources of the secure stack. */
function secureData(): Resources {
  return structuredClone({
    aws_iam_policy_document: {
      doc: { statement: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.site.arn}/*"] }] },
    },
  });
}

/** A stack-level mutation that makes one rule fail. */
type Mutation = (r: Resources, d: Resources) => void;

const del = (obj: any, key: string): void => {
  delete obj[key];
};

/**
 * Per rule: mutations of the secure stack, each of which must produce a finding of that rule.
 * Where a rule has several branches, a mutation comes with the message every finding must match,
 * so a variant cannot pass by tripping another branch than the one it is meant to test.
 */
const NON_COMPLIANT: Record<string, (Mutation | [Mutation, RegExp])[]> = {
  "RDS-ENCRYPTED": [(r) => (r.aws_db_instance.db.storage_encrypted = false)],
  "RDS-NOT-PUBLIC": [(r) => (r.aws_db_instance.db.publicly_accessible = true)],
  "RDS-DELETION-PROTECTION": [(r) => del(r.aws_db_instance.db, "deletion_protection")],
  "RDS-MULTI-AZ": [(r) => (r.aws_db_instance.db.multi_az = false)],
  "RDS-BACKUP-RETENTION": [
    (r) => (r.aws_db_instance.db.backup_retention_period = 3),
    (r) => del(r.aws_db_instance.db, "backup_retention_period"),
  ],
  "RDS-LOG-EXPORTS": [
    (r) => del(r.aws_db_instance.db, "enabled_cloudwatch_logs_exports"),
    (r) => (r.aws_db_instance.db.enabled_cloudwatch_logs_exports = ["upgrade"]),
  ],
  "RDS-IAM-AUTH": [(r) => del(r.aws_db_instance.db, "iam_database_authentication_enabled")],
  "RDS-FORCE-SSL": [
    [
      (r) => (r.aws_db_parameter_group.pg.parameter = [{ name: "rds.force_ssl", value: "0" }]),
      /^parameter group test\/pg does not set rds\.force_ssl=1$/,
    ],
    [(r) => del(r.aws_db_instance.db, "parameter_group_name"), /^no parameter group attached/],
    [
      (r) => (r.aws_db_instance.db.parameter_group_name = "default.postgres16"),
      /^parameter group default\.postgres16 is not defined in this stack/,
    ],
  ],
  "RDS-ENHANCED-MONITORING": [
    [(r) => (r.aws_db_instance.db.monitoring_interval = 0), /^monitoring_interval is 0: enhanced monitoring is off$/],
    [(r) => del(r.aws_db_instance.db, "monitoring_role_arn"), /^monitoring_interval is set but monitoring_role_arn is missing$/],
  ],
  "RDS-COPY-TAGS-TO-SNAPSHOT": [(r) => del(r.aws_db_instance.db, "copy_tags_to_snapshot")],
  "RDS-PERFORMANCE-INSIGHTS": [
    [(r) => del(r.aws_db_instance.db, "performance_insights_enabled"), /^performance_insights_enabled is not true$/],
    [(r) => del(r.aws_db_instance.db, "performance_insights_kms_key_id"), /^performance_insights_kms_key_id is unset/],
  ],
  "RDS-AUTO-MINOR-UPGRADE": [(r) => (r.aws_db_instance.db.auto_minor_version_upgrade = false)],
  "S3-PUBLIC-ACCESS-BLOCK": [
    (r) => del(r, "aws_s3_bucket_public_access_block"),
    (r) => (r.aws_s3_bucket_public_access_block.site_pab.restrict_public_buckets = false),
  ],
  "S3-ENCRYPTION": [(r) => del(r, "aws_s3_bucket_server_side_encryption_configuration")],
  "S3-VERSIONING": [(r) => (r.aws_s3_bucket_versioning.site_versioning.versioning_configuration.status = "Suspended")],
  "S3-TLS-ONLY": [
    (r) => del(r, "aws_s3_bucket_policy"),
    (r) =>
      (r.aws_s3_bucket_policy.site_policy.policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
      })),
  ],
  "S3-OWNERSHIP-ENFORCED": [(r) => (r.aws_s3_bucket_ownership_controls.site_ownership.rule.object_ownership = "ObjectWriter")],
  "S3-LIFECYCLE": [
    [(r) => del(r, "aws_s3_bucket_lifecycle_configuration"), /has no enabled lifecycle rule$/],
    [
      (r) =>
        (r.aws_s3_bucket_lifecycle_configuration.site_lifecycle.rule = [{ id: "expire", status: "Enabled", expiration: [{ days: 90 }] }]),
      /has no enabled lifecycle rule aborting incomplete multipart uploads$/,
    ],
  ],
  "ALB-DROP-INVALID-HEADERS": [(r) => del(r.aws_lb.alb, "drop_invalid_header_fields")],
  "ALB-HTTPS-REDIRECT": [
    (r) => (r.aws_lb_listener.http.default_action = [{ type: "forward", target_group_arn: "${aws_lb_target_group.tg.arn}" }]),
  ],
  "ALB-TLS13-POLICY": [
    (r) => (r.aws_lb_listener.https.ssl_policy = "ELBSecurityPolicy-2016-08"),
    (r) => del(r.aws_lb_listener.https, "ssl_policy"),
  ],
  "ALB-DELETION-PROTECTION": [(r) => (r.aws_lb.alb.enable_deletion_protection = false)],
  "ALB-ACCESS-LOGS": [(r) => del(r.aws_lb.alb, "access_logs")],
  "ALB-DESYNC-MITIGATION": [(r) => (r.aws_lb.alb.desync_mitigation_mode = "monitor")],
  "ALB-WAF": [(r) => del(r, "aws_wafv2_web_acl_association")],
  "ALB-ORIGIN-VERIFY": [
    [
      (r) =>
        (r.aws_vpc_security_group_ingress_rule.cloudfront_in = {
          security_group_id: "${aws_security_group.alb_sg.id}",
          prefix_list_id: "${data.aws_ec2_managed_prefix_list.cloudfront.id}",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        }),
      /^listener on port 443 forwards every request although the load balancer admits CloudFront's origin-facing prefix list/,
    ],
    (r) => (r.aws_security_group.alb_sg.ingress = [{ from_port: 443, to_port: 443, protocol: "tcp", prefix_list_ids: ["pl-3b927c52"] }]),
  ],
  "CLOUDFRONT-HTTPS": [(r) => (r.aws_cloudfront_distribution.cdn.ordered_cache_behavior[0].viewer_protocol_policy = "allow-all")],
  "CLOUDFRONT-TLS-VERSION": [
    [
      (r) => (r.aws_cloudfront_distribution.cdn.viewer_certificate.minimum_protocol_version = "TLSv1.2_2019"),
      /^viewer_certificate\.minimum_protocol_version is TLSv1\.2_2019$/,
    ],
    [
      (r) => (r.aws_cloudfront_distribution.cdn.viewer_certificate.ssl_support_method = "vip"),
      /^viewer_certificate\.ssl_support_method is vip, not sni-only$/,
    ],
  ],
  "CLOUDFRONT-S3-OAC": [
    [
      (r) => del(r.aws_cloudfront_distribution.cdn.origin[0], "origin_access_control_id"),
      /^S3 origin site has no origin_access_control_id$/,
    ],
    // A literal S3 REST domain with a legacy OAI (and an OAC id, so only the OAI branch can fire).
    [
      (r) =>
        (r.aws_cloudfront_distribution.cdn.origin[0] = {
          origin_id: "site",
          domain_name: "app-site.s3.us-east-1.amazonaws.com",
          origin_access_control_id: "${aws_cloudfront_origin_access_control.oac.id}",
          s3_origin_config: { origin_access_identity: "origin-access-identity/cloudfront/E1" },
        }),
      /^S3 origin site uses a legacy origin access identity$/,
    ],
    [
      (r) => (r.aws_cloudfront_distribution.cdn.origin[0].domain_name = "${aws_s3_bucket.site.website_endpoint}"),
      /^origin site is an S3 website endpoint/,
    ],
  ],
  "CLOUDFRONT-ORIGIN-HTTPS": [
    [
      (r) => (r.aws_cloudfront_distribution.cdn.origin[1].custom_origin_config.origin_protocol_policy = "http-only"),
      /^origin app has origin_protocol_policy http-only$/,
    ],
    [
      (r) => (r.aws_cloudfront_distribution.cdn.origin[1].custom_origin_config.origin_ssl_protocols = ["TLSv1.1", "TLSv1.2"]),
      /^origin app allows TLSv1\.1$/,
    ],
  ],
  "CLOUDFRONT-WAF": [(r) => del(r.aws_cloudfront_distribution.cdn, "web_acl_id")],
  "CLOUDFRONT-LOGGING": [(r) => del(r.aws_cloudfront_distribution.cdn, "logging_config")],
  "CLOUDFRONT-SECURITY-HEADERS": [(r) => del(r.aws_cloudfront_distribution.cdn.default_cache_behavior, "response_headers_policy_id")],
  "WAF-KNOWN-BAD-INPUTS": [(r) => (r.aws_wafv2_web_acl.acl.rule = [])],
  "WAF-LOGGING": [(r) => del(r, "aws_wafv2_web_acl_logging_configuration")],
  "ECS-CONTAINER-INSIGHTS": [
    (r) => (r.aws_ecs_cluster.cluster.setting = [{ name: "containerInsights", value: "disabled" }]),
    (r) => del(r.aws_ecs_cluster.cluster, "setting"),
  ],
  "ECS-NO-PUBLIC-IP": [(r) => (r.aws_ecs_service.svc.network_configuration.assign_public_ip = true)],
  "ECS-NO-PRIVILEGED": [(r) => editContainer(r, (c) => (c.privileged = true))],
  "ECS-LOGGING": [(r) => editContainer(r, (c) => delete c.logConfiguration)],
  "ECS-READ-ONLY-ROOT-FS": [(r) => editContainer(r, (c) => delete c.readonlyRootFilesystem)],
  "NO-PLAINTEXT-SECRETS": [
    (r) => editContainer(r, (c) => c.environment.push({ name: "DB_PASSWORD", value: "hunter2hunter2" })),
    (r) => editContainer(r, (c) => c.environment.push({ name: "UPSTREAM", value: "https://user:pa55word@example.com" })),
    (r) =>
      (r.aws_apprunner_service.runner.source_configuration.image_repository.image_configuration.runtime_environment_variables.STRIPE_API_KEY =
        "sk_live_x"),
  ],
  "ECR-IMMUTABLE-TAGS": [(r) => del(r.aws_ecr_repository.repo, "image_tag_mutability")],
  "ECR-SCAN-ON-PUSH": [(r) => (r.aws_ecr_repository.repo.image_scanning_configuration.scan_on_push = false)],
  "ECR-LIFECYCLE-POLICY": [(r) => del(r, "aws_ecr_lifecycle_policy")],
  "SG-DESCRIPTION": [
    (r) => del(r.aws_security_group.alb_sg, "description"),
    (r) => del(r.aws_security_group.app_sg.ingress[0], "description"),
    (r) => del(r.aws_vpc_security_group_ingress_rule.https_in, "description"),
  ],
  "SG-OPEN-INGRESS": [
    (r) => (r.aws_vpc_security_group_ingress_rule.https_in.from_port = r.aws_vpc_security_group_ingress_rule.https_in.to_port = 22),
    (r) => (r.aws_vpc_security_group_ingress_rule.https_in.security_group_id = "${aws_security_group.app_sg.id}"),
    (r) => (r.aws_lb.alb.internal = true),
    (r) =>
      r.aws_security_group.app_sg.ingress.push({
        description: "all",
        from_port: 0,
        to_port: 0,
        protocol: "-1",
        cidr_blocks: ["0.0.0.0/0"],
      }),
  ],
  "DEFAULT-SG-CLOSED": [
    [(r) => del(r, "aws_default_security_group"), /^VPC has no aws_default_security_group/],
    [
      (r) => (r.aws_default_security_group.default_sg.egress = [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] }]),
      /^default security group has 1 rule\(s\)$/,
    ],
  ],
  "VPC-FLOW-LOGS": [
    [(r) => del(r, "aws_flow_log"), /^VPC has no aws_flow_log$/],
    [(r) => (r.aws_flow_log.flow.traffic_type = "ACCEPT"), /^flow log traffic_type is neither ALL nor REJECT$/],
  ],
  "SUBNET-NO-AUTO-PUBLIC-IP": [(r) => (r.aws_subnet.public_a.map_public_ip_on_launch = true)],
  "LOG-RETENTION": [(r) => del(r.aws_cloudwatch_log_group.app, "retention_in_days")],
  "LOG-RETENTION-1Y": [(r) => (r.aws_cloudwatch_log_group.app.retention_in_days = 30)],
  "LOG-GROUP-KMS": [(r) => del(r.aws_cloudwatch_log_group.app, "kms_key_id")],
  "IAM-NO-WILDCARD-ACTIONS": [
    (r) =>
      (r.aws_iam_role_policy.role_policy.policy = JSON.stringify({
        Statement: { Effect: "Allow", Action: "s3:*", Resource: "${aws_s3_bucket.site.arn}" },
      })),
    (_r, d) => (d.aws_iam_policy_document.doc.statement[0].actions = ["*"]),
    (r) =>
      (r.aws_iam_role.role.inline_policy = [
        { name: "x", policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }) },
      ]),
  ],
  "IAM-NO-ADMIN-STATEMENTS": [
    (r) => (r.aws_iam_role_policy.role_policy.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })),
  ],
  "IAM-NO-ADMINISTRATOR-ACCESS": [
    (r) => (r.aws_iam_role_policy_attachment.monitoring.policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"),
    (r) => (r.aws_iam_role.role.managed_policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]),
  ],
  "SES-REQUIRE-TLS": [
    (r) => (r.aws_sesv2_configuration_set.mail.delivery_options.tls_policy = "OPTIONAL"),
    (r) => del(r.aws_sesv2_configuration_set.mail, "delivery_options"),
  ],
  "SNS-ENCRYPTED": [
    [(r) => del(r.aws_sns_topic.alarms, "kms_master_key_id"), /^kms_master_key_id is unset$/],
    [(r) => (r.aws_sns_topic.alarms.kms_master_key_id = "alias/aws/sns"), /^kms_master_key_id is the AWS managed alias\/aws\/sns key/],
  ],
  "SECRETS-CMK": [
    [(r) => del(r.aws_secretsmanager_secret.db, "kms_key_id"), /^kms_key_id is unset/],
    [
      (r) => del(r.aws_db_instance.db, "master_user_secret_kms_key_id"),
      /^manage_master_user_password without master_user_secret_kms_key_id/,
    ],
  ],
  "KMS-ROTATION": [(r) => (r.aws_kms_key.key.enable_key_rotation = false)],
  "KMS-KEY-POLICY": [(r) => del(r.aws_kms_key.key, "policy")],
  "NO-PUBLIC-RESOURCE-POLICY": [
    (r) => (r.aws_s3_bucket_policy.site_policy.policy = publicAllow("${aws_s3_bucket.site.arn}/*")),
    (r) =>
      (r.aws_sns_topic_policy.alarms_policy.policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }],
      })),
    (r) =>
      (r.aws_kms_key.key.policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "kms:Decrypt", Resource: "*" }],
      })),
    (r) =>
      (r.aws_iam_role.role.assume_role_policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
      })),
  ],
  "CLOUDWATCH-ALARM-ACTIONS": [
    [(r) => (r.aws_cloudwatch_metric_alarm.cpu.actions_enabled = false), /^actions_enabled is false$/],
    [(r) => (r.aws_cloudwatch_metric_alarm.cpu.alarm_actions = []), /^alarm_actions is empty$/],
  ],
  "CLOUDFRONT-HSTS": [
    (r) => del(r.aws_cloudfront_response_headers_policy.headers.security_headers_config, "strict_transport_security"),
    (r) =>
      (r.aws_cloudfront_response_headers_policy.headers.security_headers_config.strict_transport_security.access_control_max_age_sec = 86400),
    (r) => (r.aws_cloudfront_response_headers_policy.headers.security_headers_config.strict_transport_security.include_subdomains = false),
    (r) => (r.aws_cloudfront_response_headers_policy.headers.security_headers_config.strict_transport_security.override = false),
  ],
  "ECS-NO-HOST-NAMESPACES": [
    (r) => (r.aws_ecs_task_definition.task.pid_mode = "host"),
    (r) => (r.aws_ecs_task_definition.task.network_mode = "host"),
    (r) => (r.aws_ecs_task_definition.task.ipc_mode = "host"),
  ],
  "ECS-SEPARATE-ROLES": [(r) => (r.aws_ecs_task_definition.task.execution_role_arn = r.aws_ecs_task_definition.task.task_role_arn)],
  "ALB-TARGET-HEALTH-CHECK": [
    [(r) => del(r.aws_lb_target_group.tg, "health_check"), /^health_check is not defined$/],
    [(r) => (r.aws_lb_target_group.tg.health_check.enabled = false), /^health_check is disabled$/],
    [(r) => del(r.aws_lb_target_group.tg.health_check, "path"), /^health_check has no path$/],
  ],
  "WAF-METRICS": [
    (r) => (r.aws_wafv2_web_acl.acl.visibility_config.cloudwatch_metrics_enabled = false),
    (r) => (r.aws_wafv2_web_acl.acl.rule[0].visibility_config.cloudwatch_metrics_enabled = false),
  ],
  "RDS-CA-CERT": [(r) => (r.aws_db_instance.db.ca_cert_identifier = "rds-ca-2019")],
  "ACM-CREATE-BEFORE-DESTROY": [(r) => del(r.aws_acm_certificate.cert, "lifecycle")],
  "ACM-TRANSPARENCY-LOGGING": [(r) => (r.aws_acm_certificate.cert.options = { certificate_transparency_logging_preference: "DISABLED" })],
  "SG-EGRESS-ALL-PORTS": [
    (r) => (r.aws_security_group_rule.app_out.protocol = "-1"),
    (r) =>
      (r.aws_security_group.app_sg.egress = [{ description: "all", from_port: 0, to_port: 0, protocol: "-1", ipv6_cidr_blocks: ["::/0"] }]),
    (r) =>
      (r.aws_vpc_security_group_egress_rule = {
        all_out: { security_group_id: "${aws_security_group.app_sg.id}", ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0", description: "all" },
      }),
  ],
  "NACL-NO-ADMIN-PORTS": [
    (r) => del(r, "aws_default_network_acl"),
    (r) => r.aws_default_network_acl.default_acl.ingress.splice(0, 1),
    (r) => r.aws_default_network_acl.default_acl.ingress.splice(2, 2),
    (r) =>
      (r.aws_network_acl = {
        custom: {
          vpc_id: "${aws_vpc.vpc.id}",
          ingress: [{ rule_no: 100, action: "allow", protocol: "tcp", from_port: 0, to_port: 65535, cidr_block: "0.0.0.0/0" }],
        },
      }),
  ],
};

function editContainer(r: Resources, edit: (c: any) => void): void {
  const task = r.aws_ecs_task_definition.task;
  const defs = JSON.parse(task.container_definitions);
  edit(defs[0]);
  task.container_definitions = JSON.stringify(defs);
}

/** The README table row of a rule, as the README must spell it. */
function readmeRow(rule: Rule): string {
  const { baseline, production } = rule.severity;
  const levels =
    baseline === production
      ? `${baseline} in both tiers`
      : baseline === "off"
        ? `production only (${production})`
        : `${baseline} in baseline, ${production} in production`;
  const marks = rule.dataProtection
    ? " · data protection"
    : rule.suppressible === "baseline-only"
      ? " · not suppressible in production"
      : "";
  const types = rule.resourceTypes.map((t) => `\`${t}\``).join(", ");
  return `| \`${rule.id}\` | ${rule.cites.join(", ")} | ${levels}${marks} | ${types} | ${rule.description} |`;
}

function findingsOf(rule: Rule, resources: Resources, data: Resources = secureData()) {
  return evaluate(stackJson(resources, data), { tier: "production", rules: [rule] });
}

describe("the secure reference stack", () => {
  it.each(["baseline", "production"] as const)("passes every rule in the %s tier with no finding", (tier) => {
    const report = evaluate(stackJson(secureResources(), secureData()), { tier, rules: ALL_RULES });
    expect(report.failed.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });
});

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
  it("passes a compliant resource", () => {
    const report = findingsOf(rule, secureResources());
    expect(report.rules[0].checked).toBeGreaterThan(0);
    expect(report.failed).toEqual([]);
  });

  it.each((NON_COMPLIANT[id] ?? []).map((m, i) => [i + 1, m] as const))("fails non-compliant variant %i", (_i, variant) => {
    const [mutate, message] = Array.isArray(variant) ? variant : [variant, undefined];
    const resources = secureResources();
    const data = secureData();
    mutate(resources, data);
    const report = findingsOf(rule, resources, data);
    expect(report.failed.length).toBeGreaterThan(0);
    for (const f of report.failed) {
      expect(f.ruleId).toBe(id);
      expect(f.path).toMatch(/^test\//);
      expect(f.message.length).toBeGreaterThan(5);
      if (message) expect(f.message).toMatch(message);
    }
  });
});

describe("rule set", () => {
  it("documents every rule: a cited check, a description, a fix and the resource types it reads", () => {
    const undocumented = ALL_RULES.filter(
      (r) => r.cites.length === 0 || r.description.length <= 20 || r.fix.length <= 10 || r.resourceTypes.length === 0,
    ).map((r) => r.id);
    expect(undocumented).toEqual([]);
  });

  it("tests every rule with at least one non-compliant variant in this file", () => {
    expect(ALL_RULES.filter((r) => (NON_COMPLIANT[r.id]?.length ?? 0) === 0).map((r) => r.id)).toEqual([]);
  });

  it("has unique, upper-kebab ids", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it("lists every rule in the README table: cites, tier severities, resources, description", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(`${__dirname}/README.md`, "utf8");
    for (const rule of ALL_RULES) {
      const row = readme.split("\n").find((l) => l.startsWith(`| \`${rule.id}\``));
      expect(row, `README row for ${rule.id}`).toBe(readmeRow(rule));
    }
  });
});

describe("unexpected JSON shapes", () => {
  it("are skipped, not crashed on: null entries, non-object statements and containers, values known only at apply", () => {
    const r = secureResources();
    const db = r.aws_db_instance.db;
    db.enabled_cloudwatch_logs_exports = "${var.log_exports}";
    db.monitoring_interval = "${var.monitoring_interval}";
    const cdn = r.aws_cloudfront_distribution.cdn;
    cdn.origin[1].custom_origin_config.origin_ssl_protocols = "${var.origin_ssl_protocols}";
    cdn.ordered_cache_behavior = [null, ...cdn.ordered_cache_behavior];
    r.aws_cloudfront_response_headers_policy.headers.security_headers_config.strict_transport_security.access_control_max_age_sec =
      "${var.hsts_max_age}";
    r.aws_ecs_cluster.cluster.setting = [null, ...r.aws_ecs_cluster.cluster.setting];
    r.aws_lb_listener.http.default_action = [null, ...r.aws_lb_listener.http.default_action];
    r.aws_security_group.app_sg.ingress = [null, ...r.aws_security_group.app_sg.ingress];
    r.aws_apprunner_service.runner.source_configuration.image_repository.image_configuration.runtime_environment_variables = "${var.env}";
    const task = r.aws_ecs_task_definition.task;
    task.container_definitions = JSON.stringify([null, "sidecar", ...JSON.parse(task.container_definitions)]);
    const tls = JSON.parse(tlsDeny);
    r.aws_s3_bucket_policy.site_policy.policy = JSON.stringify({ ...tls, Statement: [null, "x", 1, ...tls.Statement] });
    const kms = JSON.parse(kmsPolicy);
    r.aws_kms_key.key.policy = JSON.stringify({
      ...kms,
      Statement: [...kms.Statement, { Effect: "Deny", Principal: null, Condition: null, Action: "kms:Delete*", Resource: "*" }],
    });
    r.aws_sns_topic_policy.alarms_policy.policy = "null";

    let report: ReturnType<typeof evaluate> | undefined;
    expect(() => (report = evaluate(stackJson(r, secureData()), { tier: "production", rules: ALL_RULES }))).not.toThrow();
    expect(report!.failed.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    // The shapes were read, not skipped wholesale: the real container and statements still count.
    const ecs = findingsOf(
      ALL_RULES.find((x) => x.id === "ECS-NO-PRIVILEGED")!,
      (() => {
        const copy = structuredClone(r);
        const defs = JSON.parse(copy.aws_ecs_task_definition.task.container_definitions);
        defs[2].privileged = true;
        copy.aws_ecs_task_definition.task.container_definitions = JSON.stringify(defs);
        return copy;
      })(),
    );
    expect(ecs.failed.map((f) => f.message)).toEqual(['container "web" is privileged']);
  });
});
