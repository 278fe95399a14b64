import { IConstruct } from "constructs";
import { providerRegion } from "./aws-context";
import { AVAILABILITY_ZONE_LETTERS, AWS_FACTS_SOURCES, DEFAULT_ZONE_LETTERS, ZONE_ID_WORDS, asOfSource } from "./aws-facts";
import { fail, isToken } from "./validate";

/**
 * Synth-time checks of facts that depend on the stack's region (the default AWS provider's
 * `region`, when it is a literal). When the region is unknown at synth (a token, or no
 * provider yet) every check here is skipped: the plan or apply will tell.
 */

/** Region field of a literal ARN (`arn:<partition>:<service>:<region>:...`); undefined for tokens and non-ARNs. */
export function arnRegion(arn: string | undefined): string | undefined {
  if (arn === undefined || isToken(arn)) return undefined;
  return /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):/.exec(arn)?.[1];
}

/**
 * Refuse an ARN of a regional resource from another region than the stack's provider.
 * `why` says which AWS rule requires the same region (it ends up in the message).
 */
export function checkArnInStackRegion(scope: IConstruct, prop: string, arn: string | undefined, why: string): void {
  const region = providerRegion(scope);
  const given = arnRegion(arn);
  if (region === undefined || given === undefined || given === "" || given === region) return;
  fail(scope, prop, `must be in the stack's AWS provider region ${region} (${why}), not in ${given}`, arn);
}

/**
 * A customer-managed KMS key used by a resource of the stack's region. KMS keys are regional
 * ("KMS keys never leave the AWS Region in which they were created", AWS KMS Developer Guide,
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id), and the services
 * that encrypt with a key (RDS, S3, SNS, CloudWatch Logs, Secrets Manager, ECR, App Runner)
 * accept only keys of their own region; multi-Region keys are used through the replica in
 * that region, whose ARN names that region.
 */
export function checkKmsKeyInStackRegion(scope: IConstruct, prop: string, arn: string | undefined, user: string): void {
  checkArnInStackRegion(scope, prop, arn, `KMS keys are regional and ${user} uses keys of its own region only`);
}

/**
 * An availability-zone name whose letter exists in its region for some account (see
 * AVAILABILITY_ZONE_LETTERS). Zones of regions the table does not know are not checked.
 */
export function checkAvailabilityZoneExists(scope: IConstruct, prop: string, az: string): void {
  if (isToken(az)) return;
  const region = az.slice(0, -1);
  const letter = az.slice(-1);
  const letters = AVAILABILITY_ZONE_LETTERS[region];
  if (letters === undefined || letters.includes(letter)) return;
  const zones = [...letters].map((l) => `${region}${l}`).join(", ");
  fail(scope, prop, `must be an availability zone that exists in ${region}: ${zones} ${asOfSource("zones", "AWS zones")}`, az);
}

/**
 * A region where a service or feature is offered (`regions` is a dated table of aws-facts.ts).
 * `region` is the value to check; `what` names the service for the message; `source` is the
 * table's AWS page, which the message cites.
 */
export function checkRegionOffers(
  scope: IConstruct,
  prop: string,
  region: string | undefined,
  regions: readonly string[],
  what: string,
  source: keyof typeof AWS_FACTS_SOURCES,
): void {
  if (region === undefined || isToken(region) || regions.includes(region)) return;
  fail(scope, prop, `must be a region where ${what} is offered: ${regions.join(", ")} ${asOfSource(source)}`, region);
}

/**
 * Two zones of `region` that every account has (`<region>a`, `<region>b` unless aws-facts.ts
 * says otherwise); undefined where zone names differ per account and the caller must ask.
 */
export function defaultAvailabilityZones(region: string): string[] | undefined {
  const letters = region in DEFAULT_ZONE_LETTERS ? DEFAULT_ZONE_LETTERS[region] : ["a", "b"];
  return letters === null ? undefined : letters.map((l) => `${region}${l}`);
}

/**
 * How `region` shortens in its zone IDs (`use1` for us-east-1, `apne1` for ap-northeast-1);
 * undefined for a name whose words {@link ZONE_ID_WORDS} does not know.
 */
export function zoneIdPrefix(region: string): string | undefined {
  const parts = /^([a-z]{2})-([a-z-]+)-(\d+)$/.exec(region);
  if (!parts) return undefined;
  const words = parts[2].split("-").map((w) => ZONE_ID_WORDS[w]);
  return words.some((w) => w === undefined) ? undefined : `${parts[1]}${words.join("")}${parts[3]}`;
}

/**
 * An availability-zone ID such as `use1-az1` (the same physical zone in every account), of the
 * stack's provider region when that is a literal.
 */
export function checkAvailabilityZoneId(scope: IConstruct, prop: string, id: string): void {
  if (isToken(id)) return;
  if (!/^[a-z]+\d+-az\d+$/.test(id))
    fail(scope, prop, "must be an availability zone ID such as use1-az1 (aws ec2 describe-availability-zones lists ZoneId)", id);
  const region = providerRegion(scope);
  const prefix = region === undefined ? undefined : zoneIdPrefix(region);
  if (prefix !== undefined && !id.startsWith(`${prefix}-`)) {
    fail(scope, prop, `must be a zone ID of the stack's AWS provider region ${region} (${prefix}-az1, ${prefix}-az2, ...)`, id);
  }
}
