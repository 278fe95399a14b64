import { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import { checkIntegerRange, checkKmsKeyArn, checkLogRetention, checkMaxLength, checkPattern, checkTags } from "../internal/validate";
import { checkInCloudFrontRegion } from "./cdn-checks";

/** Props for {@link CloudFrontWebAcl}. */
export interface CloudFrontWebAclProps {
  /** Web ACL name, also the prefix of its CloudWatch metric names (1-128 letters, digits, `-`, `_`). */
  readonly name: string;
  /** The stack's AWS provider aliased to us-east-1: web ACLs of scope CLOUDFRONT exist only there. */
  readonly usEast1Provider: TerraformProvider;
  /**
   * Requests one client IP may send in any 5-minute window before it is blocked (rate-based rule).
   * Every request counts, cached static files too: a page view of a Next.js app is often 20-50 requests.
   * AWS WAF accepts 10 to 2,000,000,000.
   * @default 2000
   */
  readonly rateLimitPerFiveMinutes?: number;
  /**
   * Let the common rule set block request bodies over 8 KB (its `SizeRestrictions_BODY` rule).
   * Off by default: that rule only counts, since form posts, server actions (Next.js accepts up to 1 MB by default, often raised)
   * and API calls of a web app routinely exceed 8 KB.
   * @default false
   */
  readonly blockLargeBodies?: boolean;
  /**
   * Log requests the ACL evaluates to a CloudWatch log group `aws-waf-logs-<name>` in us-east-1
   * (Authorization and Cookie headers redacted).
   * @default true
   */
  readonly logging?: boolean;
  /**
   * Days WAF logs are kept (a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, ...).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key (in us-east-1) for the WAF log group; its policy must admit the logs service.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logsKmsKeyArn?: string;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/** One managed rule group, blocking as AWS ships it except for the rules listed to count only. */
function managedRule(acl: string, group: string, priority: number, countOnly: readonly string[] = []): Wafv2WebAclRule {
  const overrides = countOnly.map((rule) => ({ name: rule, action_to_use: { count: {} } }));
  return {
    name: group,
    priority,
    overrideAction: { none: {} },
    // `statement` is untyped in the provider bindings (a recursive block): written as Terraform JSON.
    statement: {
      managed_rule_group_statement: {
        name: group,
        vendor_name: "AWS",
        ...(overrides.length > 0 ? { rule_action_override: overrides } : {}),
      },
    },
    visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${acl}-${group}` },
  };
}

/**
 * A WAFv2 web ACL for CloudFront (scope CLOUDFRONT, in us-east-1): AWS managed common rules
 * (OWASP-style; its 8 KB body limit only counts unless `blockLargeBodies`), known bad inputs
 * (Log4Shell, ...), and a per-IP rate limit. Everything else is
 * allowed. Metrics and sampled requests are on for the ACL and for each rule.
 */
export class CloudFrontWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: Wafv2WebAcl;
  /** Its ARN: what a distribution's `web_acl_id` takes for WAFv2. */
  public readonly webAclArn: string;
  /** The log group WAF writes to, when logging is on. */
  public readonly logGroup?: CloudwatchLogGroup;
  /** The logging configuration, when logging is on. */
  public readonly loggingConfiguration?: Wafv2WebAclLoggingConfiguration;

  public constructor(scope: Construct, id: string, props: CloudFrontWebAclProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const rateLimit = props.rateLimitPerFiveMinutes ?? 2000;
    checkPattern(this, "name", props.name, /^[\w-]+$/, "must be letters, digits, hyphens and underscores (a WAF web ACL name)");
    // The longest metric name is `<name>-AWSManagedRulesKnownBadInputsRuleSet` and metric names stop at 255.
    checkMaxLength(this, "name", props.name, 128);
    checkIntegerRange(this, "rateLimitPerFiveMinutes", rateLimit, 10, 2_000_000_000);
    const logRetention = props.logRetentionDays ?? 365;
    checkLogRetention(this, "logRetentionDays", logRetention);
    checkKmsKeyArn(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
    checkInCloudFrontRegion(
      this,
      "logsKmsKeyArn",
      props.logsKmsKeyArn,
      "the log group is in us-east-1 and CloudWatch Logs uses keys of its own region only",
    );

    this.webAcl = new Wafv2WebAcl(this, "WebAcl", {
      provider: props.usEast1Provider,
      name: props.name,
      description: "CloudFront: AWS managed common rules, known bad inputs, per-IP rate limit",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: [
        managedRule(props.name, "AWSManagedRulesCommonRuleSet", 10, props.blockLargeBodies ? [] : ["SizeRestrictions_BODY"]),
        managedRule(props.name, "AWSManagedRulesKnownBadInputsRuleSet", 20),
        {
          name: "RateLimitPerIp",
          priority: 30,
          action: { block: {} },
          statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
          visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.name}-RateLimitPerIp` },
        },
      ],
      visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: props.name },
      tags: props.tags,
    });
    this.webAclArn = this.webAcl.arn;

    if (props.logging ?? true) {
      // WAF only delivers to log groups whose name starts with aws-waf-logs-.
      this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
        provider: props.usEast1Provider,
        name: `aws-waf-logs-${props.name}`,
        retentionInDays: logRetention,
        kmsKeyId: props.logsKmsKeyArn,
        tags: props.tags,
      });
      this.loggingConfiguration = new Wafv2WebAclLoggingConfiguration(this, "Logging", {
        provider: props.usEast1Provider,
        resourceArn: this.webAcl.arn,
        logDestinationConfigs: [this.logGroup.arn],
        redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
      });
    }
  }
}
