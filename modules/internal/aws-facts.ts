/**
 * Facts about AWS that change over time (regions, zones, instance classes, Bedrock
 * geographies), in one place so that updating them is one edit. Each table names its source
 * and the date it was read. The checks built on them (modules/internal/region-checks.ts and
 * the modules) refuse only what the table says does not exist, and skip anything the table
 * does not know (a region newer than the table passes unchecked): a stale table must never
 * refuse a value AWS has since started to accept without saying where to update it.
 *
 * To update: re-read each source, edit the table, move {@link AWS_FACTS_RETRIEVED}.
 */

/** When the tables below were last checked against their sources. */
export const AWS_FACTS_RETRIEVED = "2026-11-28";

/**
 * The AWS page each table below was read from, for error messages: a user who is refused a value
 * can check today's list there (the library's own source is not something a package user reads).
 */
export const AWS_FACTS_SOURCES = {
  zones: "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html",
  appRunner: "https://docs.aws.amazon.com/general/latest/gr/apprunner.html",
  originShield: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/origin-shield.html",
  bedrockProfiles: "https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html",
  rdsClasses: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html",
  vpcOrigins: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html",
} as const;

/** `(as of <date>: <AWS page>)`, the tail of a message refusing a value a dated table does not list. */
export function asOfSource(source: keyof typeof AWS_FACTS_SOURCES, what?: string): string {
  return `(${what ? `${what} ` : ""}as of ${AWS_FACTS_RETRIEVED}: ${AWS_FACTS_SOURCES[source]})`;
}

/**
 * Availability-zone letters that exist in each region for at least one account.
 *
 * Source: "AWS Availability Zones" and "AZ IDs" (Regions and Availability Zones guide),
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}).
 *
 * In the oldest regions names are mapped to zones per account, and some accounts see letters
 * others do not (us-west-1: two of a/b/c; ap-northeast-1: b only for old accounts; ca-central-1
 * has a, b and d). The letters here are the union over accounts, so only a letter that no
 * account has is refused (e.g. us-east-2d, eu-west-1d, us-east-1g).
 */
export const AVAILABILITY_ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-6": "abc",
  "ap-southeast-7": "abc",
  "ap-northeast-1": "abcd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ca-central-1": "abd",
  "ca-west-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "il-central-1": "abc",
  "me-central-1": "abc",
  "me-south-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "us-gov-east-1": "abc",
  "us-gov-west-1": "abc",
};

/**
 * Two zone letters every account has, for constructs that choose default zones: `a` and `b`
 * unless the region is listed here. `null`: names differ per account and no pair is safe, so
 * the zones must be given. Same source as {@link AVAILABILITY_ZONE_LETTERS}: in ap-northeast-1
 * only old accounts have `b` (newer ones have a, c, d); in us-west-1 an account has two of
 * a, b, c; ca-central-1 has a, b, d.
 */
export const DEFAULT_ZONE_LETTERS: Readonly<Record<string, readonly [string, string] | null>> = {
  "ap-northeast-1": ["a", "c"],
  "us-west-1": null,
};

/**
 * Availability-zone IDs where CloudFront VPC origins cannot be created: a VPC origin whose load
 * balancer has a subnet in one of these zones fails to create. IDs, not names: an ID is the
 * same physical zone in every account, while each account maps zone names to IDs its own way
 * (us-east-1a is use1-az3 in some accounts and not in others).
 *
 * Source: Amazon CloudFront Developer Guide, "Restrict access with VPC origins", supported
 * Regions and Availability Zones,
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}): every other zone of the commercial regions listed
 * there is supported. The same four zones are the exceptions AWS lists for Global Accelerator
 * endpoints ("AWS Region availability for AWS Global Accelerator").
 */
export const CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "apne1-az3", "cac1-az3"];

/**
 * How a region's name shortens in its zone IDs (`us-east-1` → `use1`, `ap-northeast-1` →
 * `apne1`, `us-gov-west-1` → `usgw1`): the first word, then the initials of the rest
 * (AZ IDs guide, same source as {@link AVAILABILITY_ZONE_LETTERS}).
 */
export const ZONE_ID_WORDS: Readonly<Record<string, string>> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  gov: "g",
};

/**
 * Regions where AWS App Runner is offered.
 *
 * Source: "AWS App Runner endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/apprunner.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}).
 */
export const APP_RUNNER_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
];

/**
 * Regions CloudFront accepts as `OriginShieldRegion`.
 *
 * Source: CloudFront Developer Guide, "Use Amazon CloudFront Origin Shield" → "Choosing the AWS
 * Region for Origin Shield", https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/origin-shield.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}).
 */
export const ORIGIN_SHIELD_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "sa-east-1",
  "me-central-1",
];

/**
 * Source regions of Bedrock's geographic cross-region inference profiles, by profile-id prefix
 * (`us.anthropic...` is called from a US region). A profile exists only in its geography's
 * source regions: `arn:aws:bedrock:eu-west-1:<account>:inference-profile/us.<model>` does not
 * exist and invoking `us.<model>` from eu-west-1 fails. `global.` profiles are callable from
 * commercial regions and route worldwide (see {@link BEDROCK_GLOBAL_PREFIX}).
 *
 * Source: Amazon Bedrock User Guide, "Supported Regions and models for inference profiles" and
 * "Geographic cross-Region inference",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 * https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}). The union over models: a region that is a source for
 * some model of the geography is listed. A region listed in no geography is not checked.
 */
export const BEDROCK_PROFILE_GEOGRAPHIES: Readonly<Record<string, readonly string[]>> = {
  us: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1"],
  "us-gov": ["us-gov-east-1", "us-gov-west-1"],
  eu: ["eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3"],
  apac: [
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "me-central-1",
  ],
  jp: ["ap-northeast-1", "ap-northeast-3"],
  au: ["ap-southeast-2", "ap-southeast-4"],
};

/**
 * Prefix of Bedrock's global cross-region inference profiles (`global.<model>`). Their IAM
 * grant needs the profile and the model in the source region plus the region-less model ARN
 * `arn:aws:bedrock:::foundation-model/<model>`.
 *
 * Source: Amazon Bedrock User Guide, "Global cross-Region inference",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}).
 */
export const BEDROCK_GLOBAL_PREFIX = "global";

/**
 * Bedrock models without on-demand invocation by model id: they answer "Invocation of model ID
 * ... with on-demand throughput isn't supported. Retry your request with the ID or ARN of an
 * inference profile that contains this model." Given as id prefixes (every version of the model).
 *
 * Source: Amazon Bedrock User Guide, "Supported Regions and models for inference profiles" (models
 * marked as available through inference profiles only) and each model's card,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}). Only models listed here are refused; any other id passes.
 */
export const BEDROCK_PROFILE_ONLY_MODELS: readonly string[] = [
  "anthropic.claude-3-7-sonnet-",
  "anthropic.claude-sonnet-4-",
  "anthropic.claude-opus-4-",
  "anthropic.claude-haiku-4-5-",
  "meta.llama3-2-",
  "meta.llama3-3-",
  "meta.llama4-",
  "amazon.nova-premier-",
  "deepseek.r1-",
  "mistral.pixtral-large-",
  "writer.palmyra-",
];

const STANDARD_SIZES = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const TO_24 = [...STANDARD_SIZES, "24xlarge"];
const TO_32 = [...TO_24, "32xlarge"];
const TO_48 = [...TO_24, "48xlarge"];
const BURSTABLE = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];

/**
 * DB instance classes RDS for PostgreSQL 16 offers, by family (`db.<family>.<size>`).
 *
 * Source: Amazon RDS User Guide, "Supported DB engines for DB instance classes" and "DB instance
 * class types", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Types.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}). Regional availability varies further: this table
 * only rules out classes that exist nowhere for the engine (e.g. `db.t3.nano`, `db.m6g.medium`).
 * Generous on purpose: a family listed here that a region lacks still fails at apply, but a
 * family RDS offers is never refused. Aurora's `db.serverless` is not an RDS instance class.
 */
export const RDS_POSTGRES_INSTANCE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  t3: BURSTABLE,
  t4g: BURSTABLE,
  m5: TO_24,
  m5d: TO_24,
  m6g: STANDARD_SIZES,
  m6gd: STANDARD_SIZES,
  m6i: TO_32,
  m6id: TO_32,
  m6idn: TO_32,
  m6in: TO_32,
  m7g: STANDARD_SIZES,
  m7gd: STANDARD_SIZES,
  m7i: TO_48,
  m8g: TO_48,
  m8gd: TO_48,
  m8i: [...TO_48, "96xlarge"],
  r5: TO_24,
  r5b: TO_24,
  r5d: TO_24,
  r6g: STANDARD_SIZES,
  r6gd: STANDARD_SIZES,
  r6i: TO_32,
  r6id: TO_32,
  r6idn: TO_32,
  r6in: TO_32,
  r7g: STANDARD_SIZES,
  r7gd: STANDARD_SIZES,
  r7i: TO_48,
  r8g: TO_48,
  r8gd: TO_48,
  r8i: [...TO_48, "96xlarge"],
  x2g: STANDARD_SIZES,
  x2idn: ["16xlarge", "24xlarge", "32xlarge"],
  x2iedn: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge", "24xlarge", "32xlarge"],
  x2iezn: ["2xlarge", "4xlarge", "6xlarge", "8xlarge", "12xlarge"],
  c6gd: ["medium", ...STANDARD_SIZES],
};

/**
 * Memory of RDS instance classes, for alarms that watch free memory: burstable sizes in GiB, and
 * for the other families GiB per vCPU (`medium` has 1 vCPU, `large` 2, `xlarge` 4, `<n>xlarge`
 * 4n). Source: Amazon RDS User Guide, "Hardware specifications for DB instance classes",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}).
 */
export const RDS_BURSTABLE_MEMORY_GIB: Readonly<Record<string, number>> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  "2xlarge": 32,
};
export const RDS_MEMORY_GIB_PER_VCPU: Readonly<Record<string, number>> = { c: 2, m: 4, r: 8, x2g: 16, x2idn: 16, x2iedn: 32, x2iezn: 32 };

/**
 * CPU credits a burstable class earns per hour (db.t3 and db.t4g alike); it accrues at most 24
 * hours of them. Source: Amazon EC2 User Guide, "Key concepts and definitions for burstable
 * performance instances", credit table,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html
 * (retrieved {@link AWS_FACTS_RETRIEVED}); RDS burstable classes are these instance types.
 */
export const BURSTABLE_CREDITS_PER_HOUR: Readonly<Record<string, number>> = {
  micro: 12,
  small: 24,
  medium: 24,
  large: 36,
  xlarge: 96,
  "2xlarge": 192,
};

/** The PostgreSQL major the instance-class tables were read for (newer majors: same classes). */
export const RDS_POSTGRES_TABLE_MAJOR = 16;

/**
 * Previous-generation classes RDS does not offer for PostgreSQL 16 (same source): named in the
 * error so the fix is obvious. Not refused for older majors, some of which they ran.
 */
export const RDS_POSTGRES_RETIRED_FAMILIES: readonly string[] = ["t1", "t2", "m1", "m2", "m3", "m4", "r3", "r4", "x1", "x1e", "z1d"];
