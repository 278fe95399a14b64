import { IConstruct } from "constructs";
import { suppress } from "../core/suppressions";

/**
 * What the `non-production` profile leaves out on purpose, by the policy rule that would report
 * it, with the setting that changes it. A deliberate choice is not a warning: synth counts these
 * as accepted findings in its one summary line, and the policy report lists them with the reason.
 * Production-grade rules a user can act on and the profile did not decide still warn.
 */
export const NON_PRODUCTION_CHOICES: Readonly<Record<string, string>> = {
  "RDS-MULTI-AZ": "non-production profile: a single-AZ database (database.multiAz: true adds a standby)",
  "RDS-DELETION-PROTECTION":
    "non-production profile: the database is re-created freely, without deletion protection (profile production keeps it)",
  "RDS-ENHANCED-MONITORING":
    "non-production profile: no enhanced monitoring (database.overrides.enhancedMonitoringIntervalSeconds sets it)",
  "RDS-PERFORMANCE-INSIGHTS": "non-production profile: no customer-managed database key; Performance Insights uses the AWS managed key",
  "SECRETS-CMK": "non-production profile: no customer-managed database key; the master user secret uses the AWS managed key",
  "LOG-GROUP-KMS": "non-production profile: log groups use CloudWatch's own encryption, no customer-managed key (about $1 a month each)",
  "ALB-ACCESS-LOGS": "non-production profile: no access-log bucket for the load balancer (compute.overrides.accessLogsBucket adds one)",
  "ALB-DELETION-PROTECTION": "non-production profile: the load balancer is re-created freely, without deletion protection",
  "ALB-WAF": "non-production profile: no CDN or WAF in front of the load balancer (cdn adds both)",
  "CLOUDFRONT-WAF": "non-production profile: no WAF web ACL on the distribution (cdn.webAcl: true adds one)",
  "CLOUDFRONT-LOGGING": "non-production profile: no CloudFront access logs (cdn.accessLogs: true adds them)",
};

/**
 * Accept the `non-production` profile's choices on everything below `scope` (optional
 * suppressions: a setting the user overrides simply yields no finding, and nothing is stale).
 */
export function acceptNonProductionChoices(scope: IConstruct): void {
  for (const [ruleId, reason] of Object.entries(NON_PRODUCTION_CHOICES)) {
    suppress(scope, ruleId, reason, { applyToChildren: true, optional: true });
  }
}
