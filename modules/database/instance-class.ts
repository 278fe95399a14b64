import { IConstruct } from "constructs";
import {
  asOfSource,
  BURSTABLE_CREDITS_PER_HOUR,
  RDS_BURSTABLE_MEMORY_GIB,
  RDS_MEMORY_GIB_PER_VCPU,
  RDS_POSTGRES_INSTANCE_CLASSES,
  RDS_POSTGRES_RETIRED_FAMILIES,
  RDS_POSTGRES_TABLE_MAJOR,
} from "../internal/aws-facts";
import { checkPattern, fail, isToken } from "../internal/validate";

const INSTANCE_CLASS = /^db\.([a-z0-9]+)\.([a-z0-9]+)$/;

/**
 * An instance class RDS offers for PostgreSQL: `db.<family>.<size>` with a family and size of
 * the dated table in aws-facts.ts (source: "Supported DB engines for DB instance classes",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html).
 * RDS answers any other class at apply with "InvalidParameterCombination: RDS does not support
 * creating a DB instance with the following combination: DBInstanceClass=…, Engine=postgres".
 */
export function checkPostgresInstanceClass(scope: IConstruct, prop: string, value: string, major: number): void {
  checkPattern(scope, prop, value, INSTANCE_CLASS, "must be an RDS instance class db.<family>.<size> such as db.t4g.micro");
  if (isToken(value)) return;
  const [, family, size] = INSTANCE_CLASS.exec(value)!;
  const asOf = asOfSource("rdsClasses", "RDS for PostgreSQL classes");
  if (RDS_POSTGRES_RETIRED_FAMILIES.includes(family)) {
    // Older majors are not in the table: some previous generations ran them, so they pass.
    if (!(major >= RDS_POSTGRES_TABLE_MAJOR)) return;
    fail(
      scope,
      prop,
      `must not be a previous-generation class: RDS does not offer db.${family} for PostgreSQL ${major}; use db.t4g or db.t3 (burstable), db.m7g or db.r7g ${asOf}`,
      value,
    );
  }
  const sizes = RDS_POSTGRES_INSTANCE_CLASSES[family];
  if (sizes === undefined) {
    fail(
      scope,
      prop,
      `must be of a family RDS offers for PostgreSQL: ${Object.keys(RDS_POSTGRES_INSTANCE_CLASSES)
        .map((f) => `db.${f}`)
        .join(", ")} ${asOf}`,
      value,
    );
  }
  if (!sizes.includes(size)) {
    fail(scope, prop, `must be a size db.${family} comes in: ${sizes.join(", ")} ${asOf}`, value);
  }
}

/** Whether the class is burstable (`db.t3.*`, `db.t4g.*`): it runs on CPU credits. */
export function isBurstableClass(value: string): boolean {
  return !isToken(value) && /^db\.t\d/.test(value);
}

/** vCPUs of a size: `medium` 1, `large` 2, `xlarge` 4, `<n>xlarge` 4n; undefined for others. */
function vcpusOf(size: string): number | undefined {
  if (size === "medium") return 1;
  if (size === "large") return 2;
  const x = /^(\d*)xlarge$/.exec(size);
  return x ? 4 * Number(x[1] || 1) : undefined;
}

/** Memory of an instance class in GiB (dated table in aws-facts.ts); undefined when unknown or a token. */
export function instanceClassMemoryGiB(value: string): number | undefined {
  const match = isToken(value) ? null : INSTANCE_CLASS.exec(value);
  if (!match) return undefined;
  const [, family, size] = match;
  if (/^t\d/.test(family)) return RDS_BURSTABLE_MEMORY_GIB[size];
  const perVcpu = RDS_MEMORY_GIB_PER_VCPU[family] ?? RDS_MEMORY_GIB_PER_VCPU[family[0]];
  const vcpus = vcpusOf(size);
  return perVcpu === undefined || vcpus === undefined ? undefined : perVcpu * vcpus;
}

/** Most CPU credits a burstable class holds (24 hours of earnings); undefined for other classes. */
export function maxCpuCredits(value: string): number | undefined {
  if (!isBurstableClass(value)) return undefined;
  const perHour = BURSTABLE_CREDITS_PER_HOUR[INSTANCE_CLASS.exec(value)?.[2] ?? ""];
  return perHour === undefined ? undefined : 24 * perHour;
}
