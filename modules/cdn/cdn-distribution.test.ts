import { describe, expect, it } from "vitest";
import { Lazy, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { WorkloadRole } from "../core/workload-role";
import { SynthJson, dataSources, findResources, policyOf, resource, resources, scratchStack, synth, synthStack } from "../internal/testing";
import { CdnDistribution, CdnDistributionProps } from "./cdn-distribution";
import { UploadsBucket } from "../storage/uploads-bucket";
import { ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID, CACHING_DISABLED_POLICY_ID, CACHING_OPTIMIZED_POLICY_ID } from "./managed-policies";
import { cloudFrontOriginFacingPrefixListId } from "../core/origin-facing-prefix-list";

const BASE: CdnDistributionProps = { name: "shop-staging", appOrigin: { domainName: "abc123.us-east-1.awsapprunner.com" } };
const ZONE = "Z0EXAMPLE0ZONE0ID";
const CERT_USE1 = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
const KMS_USE1 = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const TOPICS = {
  criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:shop-staging-critical",
  warningTopicArn: "arn:aws:sns:us-east-1:123456789012:shop-staging-warning",
};

/** A scratch stack with the us-east-1 provider alias a stack would pass in. */
function stackWithUsEast1(): { stack: TerraformStack; usEast1: AwsProvider } {
  const stack = scratchStack();
  const usEast1 = new AwsProvider(stack, "aws_us_east_1", { alias: "us_east_1", region: "us-east-1" });
  return { stack, usEast1 };
}

/** Synthesize one CdnDistribution (with the us-east-1 provider) and return the JSON. */
function synthCdn(props: Partial<CdnDistributionProps> = {}): SynthJson {
  const { stack, usEast1 } = stackWithUsEast1();
  new CdnDistribution(stack, "Cdn", { ...BASE, usEast1Provider: usEast1, ...props });
  return synthStack(stack);
}

/** Logical id of the one resource of a type. */
function idOf(json: SynthJson, type: string): string {
  const ids = Object.keys(resources(json, type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

function build(props: Partial<CdnDistributionProps>): () => void {
  return () => synth((s) => new CdnDistribution(s, "Cdn", { ...BASE, ...props }));
}

describe("CdnDistribution", () => {
  it("defaults: app origin over HTTPS, static paths from a private bucket via OAC, security headers, default certificate", () => {
    const json = synth((s) => new CdnDistribution(s, "Cdn", BASE));
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist).toMatchObject({
      enabled: true,
      http_version: "http2and3",
      is_ipv6_enabled: true,
      price_class: "PriceClass_100",
      viewer_certificate: { cloudfront_default_certificate: true },
      restrictions: { geo_restriction: { restriction_type: "none" } },
    });
    expect(dist.aliases).toBeUndefined();
    expect(dist.web_acl_id).toBeUndefined();

    const [assets, app] = dist.origin;
    expect(assets).toMatchObject({
      origin_id: "assets",
      domain_name: expect.stringMatching(/aws_s3_bucket\.\w+\.bucket_regional_domain_name/),
    });
    expect(assets.origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\.\w+\.id/);
    expect(assets.origin_shield).toBeUndefined();
    expect(app).toMatchObject({
      origin_id: "app",
      domain_name: "abc123.us-east-1.awsapprunner.com",
      custom_origin_config: {
        origin_protocol_policy: "https-only",
        origin_ssl_protocols: ["TLSv1.2"],
        https_port: 443,
        origin_read_timeout: 30,
      },
    });

    const headersPolicy = `\${aws_cloudfront_response_headers_policy.${idOf(json, "aws_cloudfront_response_headers_policy")}.id}`;
    expect(dist.default_cache_behavior).toMatchObject({
      target_origin_id: "app",
      cache_policy_id: CACHING_DISABLED_POLICY_ID,
      origin_request_policy_id: ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
      allowed_methods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
      viewer_protocol_policy: "redirect-to-https",
      response_headers_policy_id: headersPolicy,
    });
    expect(dist.ordered_cache_behavior.map((b: any) => b.path_pattern)).toEqual(["/_next/static/*", "/static/*"]);
    for (const b of dist.ordered_cache_behavior) {
      expect(b).toMatchObject({
        target_origin_id: "assets-or-app",
        cache_policy_id: CACHING_OPTIMIZED_POLICY_ID,
        compress: true,
        allowed_methods: ["GET", "HEAD"],
        viewer_protocol_policy: "redirect-to-https",
        response_headers_policy_id: headersPolicy,
      });
    }

    expect(resource(json, "aws_cloudfront_origin_access_control")).toMatchObject({
      name: "shop-staging-static-assets",
      origin_access_control_origin_type: "s3",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    expect(resource(json, "aws_cloudfront_response_headers_policy").security_headers_config).toEqual({
      strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: false, override: true },
      content_type_options: { override: true },
      frame_options: { frame_option: "DENY", override: true },
      referrer_policy: { referrer_policy: "strict-origin-when-cross-origin", override: true },
      content_security_policy: {
        content_security_policy: "base-uri 'self'; object-src 'none'; frame-ancestors 'none'; upgrade-insecure-requests",
        override: false,
      },
    });

    // The shared PrivateBucket: private, owner-enforced, encrypted, versioned, with lifecycle.
    expect(resource(json, "aws_s3_bucket")).toMatchObject({ bucket: "shop-staging-static-assets", force_destroy: false });
    expect(resource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, "aws_s3_bucket_ownership_controls").rule.object_ownership).toBe("BucketOwnerEnforced");
    expect(resource(json, "aws_s3_bucket_versioning").versioning_configuration.status).toBe("Enabled");
    // SSE-S3: origin access control reads it without a key policy.
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration").rule.map((r: any) => r.id)).toEqual([
      "abort-incomplete-multipart-uploads",
      "expire-noncurrent-versions",
    ]);

    for (const absent of [
      "aws_acm_certificate",
      "aws_route53_record",
      "aws_wafv2_web_acl",
      "aws_cloudwatch_log_delivery",
      "aws_s3_bucket_cors_configuration",
    ]) {
      expect(resources(json, absent)).toEqual({});
    }
  });

  it("bucket policy lets only this distribution read, through CloudFront, over TLS", () => {
    const json = synth((s) => new CdnDistribution(s, "Cdn", BASE));
    const distId = idOf(json, "aws_cloudfront_distribution");
    const bucketArn = `\${aws_s3_bucket.${idOf(json, "aws_s3_bucket")}.arn}`;
    const statements = policyOf(resource(json, "aws_s3_bucket_policy")).Statement;
    expect(statements.find((s: any) => s.Sid === "DenyInsecureTransport")).toMatchObject({ Effect: "Deny" });
    expect(statements.find((s: any) => s.Sid === "AllowCloudFrontRead")).toEqual({
      Sid: "AllowCloudFrontRead",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringEquals: { "AWS:SourceArn": `\${aws_cloudfront_distribution.${distId}.arn}` } },
    });
  });

  it("prod wiring: custom domain with a created certificate, alias records, WAF and access logs", () => {
    const json = synthCdn({
      name: "shop-prod",
      appOrigin: { domainName: "origin.shop.example.com", customHeaders: { "X-Origin-Verify": "from-secrets" } },
      domain: { names: ["shop.example.com", "www.shop.example.com"], hostedZoneId: ZONE },
      webAcl: true,
      accessLogs: true,
      originShieldRegion: "us-east-1",
    });
    const distId = idOf(json, "aws_cloudfront_distribution");
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.aliases).toEqual(["shop.example.com", "www.shop.example.com"]);
    expect(dist.default_cache_behavior.viewer_protocol_policy).toBe("redirect-to-https");
    expect(dist.viewer_certificate).toEqual({
      acm_certificate_arn: `\${aws_acm_certificate_validation.${idOf(json, "aws_acm_certificate_validation")}.certificate_arn}`,
      ssl_support_method: "sni-only",
      minimum_protocol_version: "TLSv1.2_2021",
    });
    expect(dist.origin[1].custom_header).toEqual([{ name: "X-Origin-Verify", value: "from-secrets" }]);
    expect(dist.origin[0].origin_shield).toEqual({ enabled: true, origin_shield_region: "us-east-1" });
    expect(dist.origin[1].origin_shield).toBeUndefined();

    // Certificate: subject + SAN, DNS validation records in the zone, for each validation option.
    expect(resource(json, "aws_acm_certificate")).toMatchObject({
      domain_name: "shop.example.com",
      subject_alternative_names: ["www.shop.example.com"],
      validation_method: "DNS",
    });
    const records = Object.values(resources(json, "aws_route53_record"));
    const validation = records.find((r: any) => r.for_each);
    expect(validation).toMatchObject({ zone_id: ZONE, allow_overwrite: true, name: "${each.value.resource_record_name}" });
    expect(validation.for_each).toContain(`aws_acm_certificate.${idOf(json, "aws_acm_certificate")}.domain_validation_options`);

    // A and AAAA aliases per name, pointing at this distribution.
    const aliases = records.filter((r: any) => r.alias);
    expect(aliases.map((r: any) => `${r.type} ${r.name}`).sort()).toEqual([
      "A shop.example.com",
      "A www.shop.example.com",
      "AAAA shop.example.com",
      "AAAA www.shop.example.com",
    ]);
    for (const r of aliases) {
      expect(r).toMatchObject({
        zone_id: ZONE,
        alias: {
          name: `\${aws_cloudfront_distribution.${distId}.domain_name}`,
          zone_id: `\${aws_cloudfront_distribution.${distId}.hosted_zone_id}`,
          evaluate_target_health: false,
        },
      });
    }

    // WAF: CloudFront scope, managed rules + rate limit, attached.
    const acl = resource(json, "aws_wafv2_web_acl");
    expect(dist.web_acl_id).toBe(`\${aws_wafv2_web_acl.${idOf(json, "aws_wafv2_web_acl")}.arn}`);
    expect(acl).toMatchObject({ name: "shop-prod-cdn", scope: "CLOUDFRONT", default_action: { allow: {} } });
    expect(acl.visibility_config).toEqual({
      cloudwatch_metrics_enabled: true,
      sampled_requests_enabled: true,
      metric_name: "shop-prod-cdn",
    });
    expect(acl.rule.map((r: any) => r.name)).toEqual([
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "RateLimitPerIp",
    ]);
    expect(acl.rule[0].statement.managed_rule_group_statement).toMatchObject({ vendor_name: "AWS", name: "AWSManagedRulesCommonRuleSet" });
    expect(acl.rule[2]).toMatchObject({
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP" } },
    });

    // Access logs (standard logging v2) into a private log bucket whose policy names the delivery source.
    const sourceId = idOf(json, "aws_cloudwatch_log_delivery_source");
    expect(resource(json, "aws_cloudwatch_log_delivery_source")).toMatchObject({
      log_type: "ACCESS_LOGS",
      resource_arn: `\${aws_cloudfront_distribution.${distId}.arn}`,
    });
    const logBucket = Object.entries(resources(json, "aws_s3_bucket")).find(([, b]: [string, any]) => b.bucket === "shop-prod-cdn-logs");
    expect(logBucket).toBeDefined();
    expect(resource(json, "aws_cloudwatch_log_delivery_destination").delivery_destination_configuration).toEqual([
      { destination_resource_arn: `\${aws_s3_bucket.${logBucket![0]}.arn}` },
    ]);
    const logPolicy = Object.values(resources(json, "aws_s3_bucket_policy")).find((p: any) =>
      p.policy.includes("delivery.logs.amazonaws.com"),
    );
    const write = policyOf(logPolicy).Statement.find((s: any) => s.Sid === "AWSLogDeliveryWrite");
    expect(write.Condition.ArnLike["aws:SourceArn"]).toBe(`\${aws_cloudwatch_log_delivery_source.${sourceId}.arn}`);
    expect(resource(json, "aws_cloudwatch_log_delivery").depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  it("creates the certificate, its validation, the web ACL and the log delivery through the us-east-1 provider", () => {
    const json = synthCdn({ domain: { names: ["shop.example.com"], hostedZoneId: ZONE }, webAcl: true, accessLogs: true });
    for (const type of [
      "aws_acm_certificate",
      "aws_acm_certificate_validation",
      "aws_wafv2_web_acl",
      "aws_cloudwatch_log_delivery_source",
      "aws_cloudwatch_log_delivery_destination",
      "aws_cloudwatch_log_delivery",
    ]) {
      expect(resource(json, type).provider, type).toBe("aws.us_east_1");
    }
    // Global or regional resources stay on the stack's default provider.
    expect(resource(json, "aws_cloudfront_distribution").provider).toBeUndefined();
    for (const r of Object.values(resources(json, "aws_route53_record"))) expect(r.provider).toBeUndefined();
  });

  it("uses an existing us-east-1 certificate as is, with alias records only when a zone is given", () => {
    const withoutZone = synth(
      (s) => new CdnDistribution(s, "Cdn", { ...BASE, domain: { names: ["shop.example.com"], certificateArn: CERT_USE1 } }),
    );
    expect(resource(withoutZone, "aws_cloudfront_distribution").viewer_certificate.acm_certificate_arn).toBe(CERT_USE1);
    expect(resources(withoutZone, "aws_acm_certificate")).toEqual({});
    expect(resources(withoutZone, "aws_route53_record")).toEqual({});

    let cdn: CdnDistribution | undefined;
    const withZone = synth((s) => {
      cdn = new CdnDistribution(s, "Cdn", {
        ...BASE,
        domain: { names: ["*.shop.example.com", "shop.example.com"], certificateArn: CERT_USE1, hostedZoneId: ZONE },
      });
    });
    expect(
      Object.values(resources(withZone, "aws_route53_record"))
        .map((r: any) => `${r.type} ${r.name}`)
        .sort(),
    ).toEqual(["A *.shop.example.com", "A shop.example.com", "AAAA *.shop.example.com", "AAAA shop.example.com"]);
    expect(cdn?.url).toBe("https://shop.example.com");
  });

  it("connects over HTTP to an origin without a certificate (seed 004)", () => {
    const json = synth(
      (s) =>
        new CdnDistribution(s, "Cdn", {
          ...BASE,
          appOrigin: { domainName: "my-alb-123.us-east-1.elb.amazonaws.com", originHasCertificate: false },
        }),
    );
    expect(resource(json, "aws_cloudfront_distribution").origin[1].custom_origin_config.origin_protocol_policy).toBe("http-only");
  });

  it("applies extra static paths, price class, origin read timeout and header options", () => {
    const json = synth(
      (s) =>
        new CdnDistribution(s, "Cdn", {
          ...BASE,
          appOrigin: { ...BASE.appOrigin, readTimeoutSeconds: 60 },
          extraStaticPaths: ["/images/*", "/uploads/*"],
          priceClass: "PriceClass_All",
          frameOptions: "SAMEORIGIN",
          hstsPreload: true,
        }),
    );
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.price_class).toBe("PriceClass_All");
    expect(dist.origin[1].custom_origin_config.origin_read_timeout).toBe(60);
    expect(dist.ordered_cache_behavior.map((b: any) => b.path_pattern)).toEqual([
      "/_next/static/*",
      "/static/*",
      "/images/*",
      "/uploads/*",
    ]);
    const headers = resource(json, "aws_cloudfront_response_headers_policy").security_headers_config;
    expect(headers.frame_options.frame_option).toBe("SAMEORIGIN");
    expect(headers.content_security_policy.content_security_policy).toContain("frame-ancestors 'self'");
    expect(headers.strict_transport_security.preload).toBe(true);
  });

  it("takes any non-negative CORS max age S3 takes (a week here), and refuses a negative one", () => {
    const cors = (maxAgeSeconds: number) => () =>
      synth(
        (s) => new CdnDistribution(s, "Cdn", { ...BASE, corsRules: [{ allowedOrigins: ["https://shop.example.com"], maxAgeSeconds }] }),
      );
    expect(resource(cors(604_800)(), "aws_s3_bucket_cors_configuration").cors_rule[0].max_age_seconds).toBe(604_800);
    expect(cors(-1)).toThrow(/test\/Cdn: corsRules\[0\]\.maxAgeSeconds must be an integer from 0 to 2147483647, got -1/);
  });

  it("configures CORS on the assets bucket for browser uploads", () => {
    const json = synth(
      (s) =>
        new CdnDistribution(s, "Cdn", {
          ...BASE,
          corsRules: [{ allowedOrigins: ["https://shop.example.com"], allowedMethods: ["PUT"], maxAgeSeconds: 600 }],
        }),
    );
    expect(resource(json, "aws_s3_bucket_cors_configuration").cors_rule).toEqual([
      {
        allowed_origins: ["https://shop.example.com"],
        allowed_methods: ["PUT"],
        allowed_headers: ["*"],
        expose_headers: ["ETag"],
        max_age_seconds: 600,
      },
    ]);
  });

  it("grants a workload role read/write and a plain role read on the assets bucket", () => {
    const json = synth((s) => {
      const cdn = new CdnDistribution(s, "Cdn", BASE);
      const role = new WorkloadRole(s, "Role", { name: "shop-staging-app", assumedBy: "tasks.apprunner.amazonaws.com" });
      cdn.grantReadWrite(role, "uploads/*");
      cdn.grantRead({ roleName: "imported-role", roleArn: "arn:aws:iam::123456789012:role/imported-role" });
    });
    const bucketArn = `\${aws_s3_bucket.${idOf(json, "aws_s3_bucket")}.arn}`;
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    const grants = policyOf(policies.find((p: any) => p.name === "grants")).Statement;
    expect(grants.find((s: any) => s.Sid === "ReadWriteObjects")).toMatchObject({
      Action: expect.arrayContaining(["s3:PutObject", "s3:GetObject"]),
      Resource: `${bucketArn}/uploads/*`,
    });
    const imported = policies.find((p: any) => p.role === "imported-role");
    expect(policyOf(imported).Statement.find((s: any) => s.Sid === "ReadObjects").Resource).toBe(`${bucketArn}/*`);
  });

  it("offers CloudFront's origin-facing prefix list once per stack, for load balancer security groups", () => {
    const stack = scratchStack();
    // Two callers (two parameters here, security groups in practice) resolve to one data source.
    for (const id of ["First", "Second"]) {
      new SsmParameter(stack, id, { name: id, type: "String", value: cloudFrontOriginFacingPrefixListId(stack) });
    }
    const json = synthStack(stack);
    const lists = dataSources(json, "aws_ec2_managed_prefix_list");
    expect(Object.values(lists)).toEqual([{ name: "com.amazonaws.global.cloudfront.origin-facing" }]);
    const listId = `\${data.aws_ec2_managed_prefix_list.${Object.keys(lists)[0]}.id}`;
    expect(Object.values(resources(json, "aws_ssm_parameter")).map((p: any) => p.value)).toEqual([listId, listId]);
  });

  it("logs WAF requests to aws-waf-logs-<name> in us-east-1, one year, Authorization and Cookie redacted", () => {
    const json = synthCdn({ webAcl: true });
    const logGroup = resource(json, "aws_cloudwatch_log_group");
    expect(logGroup).toMatchObject({ name: "aws-waf-logs-shop-staging-cdn", retention_in_days: 365, provider: "aws.us_east_1" });
    expect(logGroup.kms_key_id).toBeUndefined();
    const logging = resource(json, "aws_wafv2_web_acl_logging_configuration");
    expect(logging).toMatchObject({
      provider: "aws.us_east_1",
      resource_arn: `\${aws_wafv2_web_acl.${idOf(json, "aws_wafv2_web_acl")}.arn}`,
      log_destination_configs: [`\${aws_cloudwatch_log_group.${idOf(json, "aws_cloudwatch_log_group")}.arn}`],
    });
    expect(logging.redacted_fields).toEqual([{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }]);
  });

  it("encrypts the WAF log group with logsKmsKeyArn and keeps it webAclLogRetentionDays", () => {
    const json = synthCdn({ webAcl: true, logsKmsKeyArn: KMS_USE1, webAclLogRetentionDays: 90 });
    expect(resource(json, "aws_cloudwatch_log_group")).toMatchObject({ kms_key_id: KMS_USE1, retention_in_days: 90 });
  });

  it("creates no WAF log group with webAclLogging: false, and none without webAcl", () => {
    const off = synthCdn({ webAcl: true, webAclLogging: false });
    expect(resources(off, "aws_wafv2_web_acl")).not.toEqual({});
    expect(resources(off, "aws_cloudwatch_log_group")).toEqual({});
    expect(resources(off, "aws_wafv2_web_acl_logging_configuration")).toEqual({});
    // logsKmsKeyArn alone (as environments pass it) creates nothing.
    const noAcl = synthCdn({ logsKmsKeyArn: KMS_USE1 });
    expect(resources(noAcl, "aws_cloudwatch_log_group")).toEqual({});
  });

  it("applies the web ACL rate limit and lets the 8 KB body rule only count", () => {
    const json = synthCdn({ webAcl: true, webAclRateLimitPerFiveMinutes: 500 });
    const acl = resource(json, "aws_wafv2_web_acl");
    expect(acl.rule[2].statement.rate_based_statement).toEqual({ limit: 500, aggregate_key_type: "IP", evaluation_window_sec: 300 });
    expect(acl.rule[0].statement.managed_rule_group_statement.rule_action_override).toEqual([
      { name: "SizeRestrictions_BODY", action_to_use: { count: {} } },
    ]);
  });

  it("expires access logs after accessLogsRetentionDays (90 by default)", () => {
    const expiryOf = (json: SynthJson): number => {
      const lifecycles = findResources(json, "aws_s3_bucket_lifecycle_configuration", (l) =>
        l.rule.some((r: any) => r.id === "expire-objects"),
      );
      expect(lifecycles).toHaveLength(1);
      return lifecycles[0].rule.find((r: any) => r.id === "expire-objects").expiration[0].days;
    };
    expect(expiryOf(synthCdn({ accessLogs: true }))).toBe(90);
    expect(expiryOf(synthCdn({ accessLogs: true, accessLogsRetentionDays: 30 }))).toBe(30);
  });

  it("alarms: 5xx error rate above 5 % for 5 minutes, in us-east-1, to the critical topic", () => {
    const { stack, usEast1 } = stackWithUsEast1();
    const cdn = new CdnDistribution(stack, "Cdn", { ...BASE, usEast1Provider: usEast1, alarms: TOPICS });
    const json = synthStack(stack);
    const alarm = resource(json, "aws_cloudwatch_metric_alarm");
    expect(alarm).toMatchObject({
      provider: "aws.us_east_1",
      alarm_name: "shop-staging-cdn-5xx-rate",
      namespace: "AWS/CloudFront",
      metric_name: "5xxErrorRate",
      dimensions: { DistributionId: `\${aws_cloudfront_distribution.${idOf(json, "aws_cloudfront_distribution")}.id}`, Region: "Global" },
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      threshold: 5,
      period: 60,
      evaluation_periods: 5,
      treat_missing_data: "notBreaching",
      alarm_actions: [TOPICS.criticalTopicArn],
      ok_actions: [TOPICS.criticalTopicArn],
    });
    expect(cdn.alarms).toHaveLength(1);
    expect(resource(synthCdn({ alarms: TOPICS, errorRateAlarmThresholdPercent: 2.5 }), "aws_cloudwatch_metric_alarm").threshold).toBe(2.5);
  });

  it("creates no alarm without alarm topics", () => {
    let cdn: CdnDistribution | undefined;
    synth((s) => {
      cdn = new CdnDistribution(s, "Cdn", BASE);
    });
    expect(cdn?.alarms).toEqual([]);
    expect(resources(synthCdn(), "aws_cloudwatch_metric_alarm")).toEqual({});
  });

  it("takes a certificate subject of at most 64 characters; longer names become SANs", () => {
    const long = `${"a".repeat(50)}.shop.example.com`; // 67 characters
    const json = synthCdn({ domain: { names: [long, "shop.example.com"], hostedZoneId: ZONE } });
    expect(resource(json, "aws_acm_certificate")).toMatchObject({ domain_name: "shop.example.com", subject_alternative_names: [long] });
    expect(resource(json, "aws_cloudfront_distribution").aliases).toEqual([long, "shop.example.com"]);
  });

  describe("refuses bad input", () => {
    it("a certificate ARN outside us-east-1", () => {
      expect(build({ domain: { names: ["shop.example.com"], certificateArn: CERT_USE1.replace("us-east-1", "eu-west-1") } })).toThrow(
        /test\/Cdn: domain\.certificateArn must be a certificate in us-east-1 .*not in eu-west-1, got "arn:aws:acm:eu-west-1:/,
      );
    });

    it("aliases without a certificate or a zone", () => {
      expect(build({ domain: { names: ["shop.example.com"] } })).toThrow(
        /test\/Cdn: domain needs a certificate for its aliases: give domain\.certificateArn .* or domain\.hostedZoneId .*got \["shop\.example\.com"\]/,
      );
    });

    it("a usEast1Provider for another region, and takes the one for us-east-1", () => {
      const distribution = (region: string) => () => {
        const stack = scratchStack();
        const provider = new AwsProvider(stack, "edge", { alias: "edge", region });
        new CdnDistribution(stack, "Cdn", { ...BASE, usEast1Provider: provider, webAcl: true });
      };
      expect(distribution("eu-west-1")).toThrow(
        /^test\/Cdn: usEast1Provider must be an AWS provider for us-east-1 \(CloudFront takes certificates, web ACLs and its metrics from us-east-1 only\), not one for eu-west-1, got "eu-west-1"$/,
      );
      expect(distribution("us-east-1")).not.toThrow();
    });

    it("a certificate to create without the us-east-1 provider", () => {
      expect(build({ domain: { names: ["shop.example.com"], hostedZoneId: ZONE } })).toThrow(
        /usEast1Provider is required for a certificate for domain\.names/,
      );
      expect(build({ webAcl: true, accessLogs: true })).toThrow(/usEast1Provider is required for webAcl, accessLogs/);
    });

    it("an Origin Shield region CloudFront does not offer (us-west-1 is a region, but has no Origin Shield)", () => {
      expect(build({ originShieldRegion: "us-west-1" })).toThrow(
        /^test\/Cdn: originShieldRegion must be a region where CloudFront Origin Shield is offered: us-east-1, us-east-2, us-west-2, .* \(as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/AmazonCloudFront\/latest\/DeveloperGuide\/origin-shield\.html\), got "us-west-1"$/,
      );
      expect(build({ originShieldRegion: "us-west-2" })).not.toThrow();
    });

    it("an invalid price class", () => {
      expect(build({ priceClass: "PriceClass_300" as never })).toThrow(
        /test\/Cdn: priceClass must be one of "PriceClass_100", "PriceClass_200", "PriceClass_All", got "PriceClass_300"/,
      );
    });

    it("duplicate path patterns, against the built-in ones or each other", () => {
      expect(build({ extraStaticPaths: ["/static/*"] })).toThrow(
        /test\/Cdn: extraStaticPaths must not repeat a path pattern .*got "\/static\/\*"/,
      );
      expect(build({ extraStaticPaths: ["/img/*", "/img/*"] })).toThrow(
        /extraStaticPaths must not repeat a path pattern .*got "\/img\/\*"/,
      );
      expect(build({ extraStaticPaths: ["/*"] })).toThrow(/extraStaticPaths\[0\] must not match every path/);
    });

    it("an invalid bucket name, given or derived", () => {
      expect(build({ bucketName: "Shop_Assets" })).toThrow(/test\/Cdn: bucketName must be a valid s3Bucket name.*got "Shop_Assets"/);
      expect(build({ name: "xn--shop-prod" })).toThrow(
        /bucketName \(default `\$\{name\}-static-assets`\) must be a valid s3Bucket name.*got "xn--shop-prod-static-assets"/,
      );
      expect(build({ name: "a-very-long-project-name-for-the-prod-env" })).toThrow(/name must be 1-40 lower-case/);
    });

    it("an http-only app origin while the origin has a certificate (downgrade)", () => {
      expect(build({ appOrigin: { domainName: "origin.shop.example.com", protocol: "http-only" } })).toThrow(
        /test\/Cdn: appOrigin\.protocol must not be "http-only" while appOrigin\.originHasCertificate is true: that would downgrade .*got "http-only"/,
      );
      expect(build({ appOrigin: { domainName: "origin.shop.example.com", protocol: "https-only", originHasCertificate: false } })).toThrow(
        /appOrigin\.protocol must be "http-only" \(or omitted\) when appOrigin\.originHasCertificate is false/,
      );
    });

    it("an origin given as a URL, a reserved origin header, a short HSTS max-age, a bad alias", () => {
      expect(build({ appOrigin: { domainName: "https://abc.awsapprunner.com" } })).toThrow(
        /appOrigin\.domainName must be a host name .*no https:\/\//,
      );
      // Also when the rest is only known at apply (an App Runner service URL attribute, say).
      expect(build({ appOrigin: { domainName: `https://${Lazy.stringValue({ produce: () => "abc.awsapprunner.com" })}` } })).toThrow(
        /appOrigin\.domainName must be a host name without a scheme/,
      );
      expect(build({ appOrigin: { ...BASE.appOrigin, customHeaders: { Host: "x" } } })).toThrow(
        /appOrigin\.customHeaders must not be a header CloudFront sets itself.*got "Host"/,
      );
      expect(build({ hstsMaxAgeSeconds: 86_400 })).toThrow(/hstsMaxAgeSeconds must be an integer from 31536000/);
      expect(build({ domain: { names: ["Shop.Example.com."], certificateArn: CERT_USE1 } })).toThrow(
        /domain\.names\[0\] must be a lower-case DNS name/,
      );
    });

    it("both a created and an existing web ACL", () => {
      expect(build({ webAcl: true, webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/abc" })).toThrow(
        /webAclArn must not be given together with webAcl: true/,
      );
      expect(build({ webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/abc" })).toThrow(
        /webAclArn must be a WAFv2 web ACL of scope CLOUDFRONT/,
      );
    });

    it("WAF settings AWS would refuse: a rate limit below 10, a retention CloudWatch Logs does not offer, a key outside us-east-1", () => {
      const { stack, usEast1 } = stackWithUsEast1();
      let n = 0;
      const withAcl = (props: Partial<CdnDistributionProps>) => () =>
        new CdnDistribution(stack, `Cdn${++n}`, { ...BASE, usEast1Provider: usEast1, webAcl: true, ...props });
      expect(withAcl({ webAclRateLimitPerFiveMinutes: 5 })).toThrow(
        /Cdn\w+: webAclRateLimitPerFiveMinutes must be an integer from 10 to 2000000000, got 5/,
      );
      expect(withAcl({ webAclLogRetentionDays: 400.5 })).toThrow(/webAclLogRetentionDays must be one of 1, 3, 5, .*got 400.5/);
      expect(withAcl({ webAclLogRetentionDays: 0 })).toThrow(/webAclLogRetentionDays must be one of .*got 0/);
      expect(withAcl({ logsKmsKeyArn: KMS_USE1.replace("us-east-1", "eu-west-1") })).toThrow(
        /logsKmsKeyArn must be in us-east-1 \(the WAF log group is in us-east-1 .*\), not in eu-west-1, got "arn:aws:kms:eu-west-1:/,
      );
      expect(withAcl({ logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" })).toThrow(
        /logsKmsKeyArn must be a KMS key ARN .*not an alias: CloudWatch Logs encrypts with key ARNs only, got "arn:aws:kms:us-east-1:123456789012:alias\/logs"/,
      );
    });

    it("an access log retention that is not a whole number of days", () => {
      expect(build({ accessLogsRetentionDays: 0 })).toThrow(/test\/Cdn: accessLogsRetentionDays must be an integer from 1 to 36500, got 0/);
      expect(build({ accessLogsRetentionDays: 7.5 })).toThrow(/accessLogsRetentionDays must be an integer from 1 to 36500, got 7.5/);
    });

    it("alarms without the us-east-1 provider, with a topic outside us-east-1, or with a threshold that is not a percentage", () => {
      expect(build({ alarms: TOPICS })).toThrow(
        /test\/Cdn: usEast1Provider is required for alarms: CloudFront takes them from us-east-1 only/,
      );
      const euTopics = { ...TOPICS, criticalTopicArn: "arn:aws:sns:eu-west-1:123456789012:shop-critical" };
      expect(() => synthCdn({ alarms: euTopics })).toThrow(
        /test\/Cdn: alarms\.criticalTopicArn must be in us-east-1 \(the CDN alarm lives in us-east-1 .*\), not in eu-west-1, got "arn:aws:sns:eu-west-1:/,
      );
      expect(() => synthCdn({ alarms: { ...TOPICS, criticalTopicArn: "shop-critical" } })).toThrow(
        /alarms\.criticalTopicArn must be an SNS topic ARN \(arn:aws:sns:<region>:<account>:<topic>\), got "shop-critical"/,
      );
      expect(() => synthCdn({ alarms: TOPICS, errorRateAlarmThresholdPercent: 0 })).toThrow(
        /errorRateAlarmThresholdPercent must be above 0 and at most 100 .*got 0/,
      );
      expect(() => synthCdn({ alarms: TOPICS, errorRateAlarmThresholdPercent: "5" as never })).toThrow(
        /errorRateAlarmThresholdPercent must be a finite number, got "5"/,
      );
    });

    it("a certificate whose names are all too long for ACM's subject", () => {
      const long = `${"a".repeat(50)}.shop.example.com`;
      expect(() => synthCdn({ domain: { names: [long], hostedZoneId: ZONE } })).toThrow(
        /test\/Cdn\/Certificate: names must include one name of at most 64 characters: ACM needs one as the certificate's subject/,
      );
    });
  });
});

describe("CdnDistribution static fallback and bucket origins", () => {
  it("serves static paths from an origin group that falls back to the app on 403/404", () => {
    const dist = resource(synthCdn(), "aws_cloudfront_distribution");
    expect(dist.origin_group).toEqual([
      {
        origin_id: "assets-or-app",
        failover_criteria: { status_codes: [403, 404] },
        member: [{ origin_id: "assets" }, { origin_id: "app" }],
      },
    ]);
    expect(dist.ordered_cache_behavior.map((b: any) => b.target_origin_id)).toEqual(["assets-or-app", "assets-or-app"]);
  });

  it("targets the bucket alone when the fallback is off", () => {
    const dist = resource(synthCdn({ staticFallbackToApp: false }), "aws_cloudfront_distribution");
    expect(dist.origin_group).toBeUndefined();
    expect(dist.ordered_cache_behavior.map((b: any) => b.target_origin_id)).toEqual(["assets", "assets"]);
  });

  it("serves another private bucket on its paths through OAC, readable by this distribution only", () => {
    const { stack, usEast1 } = stackWithUsEast1();
    const uploads = new UploadsBucket(stack, "Uploads", {
      bucketName: "shop-staging-uploads",
      allowedOrigins: ["https://shop.example.com"],
    });
    new CdnDistribution(stack, "Cdn", {
      ...BASE,
      usEast1Provider: usEast1,
      bucketOrigins: [{ name: "uploads", bucket: uploads.bucket, pathPatterns: ["/uploads/*"] }],
    });
    const json = synthStack(stack);
    const dist = resource(json, "aws_cloudfront_distribution");
    const origin = dist.origin.find((o: any) => o.origin_id === "uploads");
    expect(origin.domain_name).toMatch(/aws_s3_bucket\.Uploads_Bucket_.*\.bucket_regional_domain_name/);
    expect(origin.origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\.Cdn_/);
    expect(dist.ordered_cache_behavior.find((b: any) => b.path_pattern === "/uploads/*")).toMatchObject({
      target_origin_id: "uploads",
      allowed_methods: ["GET", "HEAD"],
    });
    const policy = Object.entries(resources(json, "aws_s3_bucket_policy")).find(([n]) => n.startsWith("Uploads_"))![1];
    expect(policyOf(policy).Statement).toContainEqual(
      expect.objectContaining({
        Sid: "AllowCloudFrontRead",
        Condition: { StringEquals: { "AWS:SourceArn": expect.stringMatching(/aws_cloudfront_distribution\.Cdn_.*\.arn/) } },
      }),
    );
  });

  it("refuses a bucket origin path that an earlier behavior already routes", () => {
    expect(() =>
      synth((s) => {
        const uploads = new UploadsBucket(s, "Uploads", { bucketName: "shop-staging-uploads" });
        new CdnDistribution(s, "Cdn", {
          ...BASE,
          bucketOrigins: [{ name: "uploads", bucket: uploads.bucket, pathPatterns: ["/static/*"] }],
        });
      }),
    ).toThrow(/test\/Cdn: extraStaticPaths and bucketOrigins\[\]\.pathPatterns .*\/static\/\*/);
  });
});
