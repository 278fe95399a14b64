import { IConstruct } from "constructs";
import { checkEmail, checkIntegerRange, checkOneOf, fail, isToken } from "../internal/validate";

/**
 * DNS record values for an SES sending domain: SPF, DMARC and the TXT string rules of Route 53.
 * Pure functions, so the values can be checked without synthesizing a stack.
 */

/** One DNS record an {@link EmailDomain} needs, in the form `aws_route53_record` takes. */
export interface EmailDnsRecord {
  /** Stable key; also the construct id of the Route 53 record when the zone is managed here. */
  readonly id: string;
  /** Fully qualified name, no trailing dot. */
  readonly name: string;
  /** Record type. */
  readonly type: "CNAME" | "MX" | "TXT";
  /**
   * Record values exactly as `aws_route53_record.records` takes them. A TXT value longer than
   * 255 characters is already split into strings joined by `""` (Terraform's convention).
   */
  readonly values: string[];
  /** TTL in seconds (`recordTtlSeconds`). */
  readonly ttl: number;
}

/** Route 53 (and DNS) limit on one TXT character-string. */
export const TXT_STRING_MAX = 255;

/** The separator Terraform's `aws_route53_record` reads between two TXT character-strings. */
export const TXT_STRING_SEPARATOR = '""';

/** The include every SES sending domain needs. */
export const SES_SPF_INCLUDE = "amazonses.com";

/** SPF allows at most 10 DNS-querying mechanisms; every include is at least one. */
export const SPF_MAX_INCLUDES = 10;

/** A domain an SPF `include:` may name (underscores allowed, e.g. `_spf.google.com`). */
export const SPF_INCLUDE_PATTERN = /^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** DMARC policies (`p=` / `sp=`). */
export const DMARC_POLICIES = ["none", "quarantine", "reject"] as const;
export type DmarcPolicy = (typeof DMARC_POLICIES)[number];

/**
 * Split a generated TXT value into 255-character strings joined by `""`, the form
 * `aws_route53_record` publishes as several strings of one record. SPF and DMARC readers
 * concatenate the strings without a separator, so the value is unchanged for them.
 */
export function splitTxtValue(value: string): string {
  if (isToken(value) || value.length <= TXT_STRING_MAX) return value;
  const chunks: string[] = [];
  for (let i = 0; i < value.length; i += TXT_STRING_MAX) chunks.push(value.slice(i, i + TXT_STRING_MAX));
  return chunks.join(TXT_STRING_SEPARATOR);
}

/**
 * Require that a TXT value supplied by the user is already split: every string between `""`
 * separators at most 255 characters. User values are not split silently because where a
 * value may be cut (e.g. inside a verification token) is the user's decision.
 */
export function checkTxtValue(scope: IConstruct | string, prop: string, value: string): void {
  if (isToken(value)) return;
  const longest = Math.max(...value.split(TXT_STRING_SEPARATOR).map((s) => s.length));
  if (longest > TXT_STRING_MAX) {
    fail(
      scope,
      prop,
      `must be split into TXT strings of at most ${TXT_STRING_MAX} characters (one is ${longest}); ` +
        `join the parts with "" as aws_route53_record expects, e.g. "<first 255 characters>""<rest>"`,
      value,
    );
  }
}

/** `v=spf1 include:amazonses.com [include:<more>...] ~all`, validated and split if long. */
export function spfValue(scope: IConstruct, prop: string, includes: readonly string[]): string {
  const all = [SES_SPF_INCLUDE, ...includes.filter((i) => i !== SES_SPF_INCLUDE)];
  for (const include of includes) {
    if (isToken(include)) continue;
    if (!SPF_INCLUDE_PATTERN.test(include)) {
      fail(scope, prop, "entries must be domain names such as _spf.google.com (without the 'include:' prefix)", include);
    }
  }
  const unique = [...new Set(all)];
  if (unique.length > SPF_MAX_INCLUDES) {
    fail(
      scope,
      prop,
      `with amazonses.com makes ${unique.length} includes; SPF evaluation fails past ${SPF_MAX_INCLUDES} DNS lookups`,
      includes,
    );
  }
  return splitTxtValue(["v=spf1", ...unique.map((i) => `include:${i}`), "~all"].join(" "));
}

/** Settings of a DMARC record. */
export interface DmarcSettings {
  /** `p=`: none, quarantine or reject. */
  readonly policy: string;
  /** `rua=` mailboxes (at least one). */
  readonly reportAddresses: readonly string[];
  /** `sp=`. @default - tag omitted (subdomains follow `policy`) */
  readonly subdomainPolicy?: string;
  /** `pct=`, 0-100. @default - tag omitted (100) */
  readonly percent?: number;
}

/** `v=DMARC1; p=<policy>; rua=mailto:<a>[,mailto:<b>]...`, validated and split if long. */
export function dmarcValue(scope: IConstruct, settings: DmarcSettings): string {
  checkOneOf<string>(scope, "dmarcPolicy", settings.policy, DMARC_POLICIES);
  checkOneOf<string>(scope, "dmarcSubdomainPolicy", settings.subdomainPolicy, DMARC_POLICIES);
  if (settings.reportAddresses.length === 0) {
    fail(scope, "dmarcReportAddresses", "must name at least one mailbox for aggregate reports", settings.reportAddresses);
  }
  settings.reportAddresses.forEach((a, i) => checkEmail(scope, `dmarcReportAddresses[${i}]`, a));
  const percent = settings.percent;
  checkIntegerRange(scope, "dmarcPercent", percent, 0, 100);
  const tags = [
    "v=DMARC1",
    `p=${settings.policy}`,
    ...(settings.subdomainPolicy ? [`sp=${settings.subdomainPolicy}`] : []),
    ...(percent !== undefined ? [`pct=${percent}`] : []),
    `rua=${settings.reportAddresses.map((a) => `mailto:${a}`).join(",")}`,
  ];
  return splitTxtValue(tags.join("; "));
}
