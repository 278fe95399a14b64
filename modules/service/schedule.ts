import { IConstruct } from "constructs";
import { CANONICAL_TIME_ZONES, canonicalTimeZoneFor } from "../internal/time-zones";
import { fail, isToken } from "../internal/validate";

/**
 * Application Auto Scaling schedule expressions, checked as the service parses them:
 * `at(yyyy-mm-ddThh:mm:ss)`, `rate(N minute(s)|hour(s)|day(s))` and `cron(...)` in the
 * EventBridge cron syntax (six fields).
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names allowed instead of numbers (JAN=1..., SUN=1...). */
  readonly names?: readonly string[];
  /** Extra forms allowed in this field (day-of-month: L, LW, nW, L-n; day-of-week: L, nL, n#k). */
  readonly special?: RegExp;
  readonly wildcards: string;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** The six fields with the values and wildcards the EventBridge cron reference lists. */
const CRON_FIELDS: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, wildcards: ", - * /" },
  { name: "hours", min: 0, max: 23, wildcards: ", - * /" },
  { name: "day-of-month", min: 1, max: 31, special: /^(L|LW|L-\d{1,2}|\d{1,2}W)$/, wildcards: ", - * ? / L W" },
  { name: "month", min: 1, max: 12, names: MONTHS, wildcards: ", - * /" },
  {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: DAYS,
    special: /^(L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/,
    wildcards: ", - * ? L #",
  },
  { name: "year", min: 1970, max: 2199, wildcards: ", - * /" },
];

/** A single value of the field: a number in range or one of its names. */
function isValue(field: CronField, text: string): boolean {
  if (/^\d+$/.test(text)) return Number(text) >= field.min && Number(text) <= field.max;
  return field.names?.includes(text) ?? false;
}

/** One comma-separated item: `*`, a value, `a-b`, `x/n` (x being `*`, a value or `a-b`), or a special form. */
function isItem(field: CronField, item: string): boolean {
  if (field.special?.test(item)) {
    // The day numbers inside L-n and nW must be days of the month.
    const n = /\d+/.exec(item);
    return field.name !== "day-of-month" || n === null || (Number(n[0]) >= 1 && Number(n[0]) <= 31);
  }
  const [base, step, ...rest] = item.split("/");
  if (rest.length > 0) return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return false;
  if (base === "*") return true;
  const bounds = base.split("-");
  if (bounds.length === 1) return isValue(field, base);
  return bounds.length === 2 && isValue(field, bounds[0]) && isValue(field, bounds[1]);
}

/**
 * Fail unless `schedule` is an Application Auto Scaling expression: `at(yyyy-mm-ddThh:mm:ss)`,
 * `rate(N minute(s)|hour(s)|day(s))` with N ≥ 1, or `cron(...)` with the six fields minutes
 * (0-59) hours (0-23) day-of-month (1-31) month (1-12, JAN-DEC) day-of-week (1-7, SUN-SAT)
 * year (1970-2199), and `?` in exactly one of day-of-month and day-of-week.
 */
export function checkSchedule(scope: IConstruct, prop: string, schedule: string): void {
  if (isToken(schedule)) return;
  const rule = "must be cron(min hour day-of-month month day-of-week year), rate(N minute(s)|hour(s)|day(s)) or at(yyyy-mm-ddThh:mm:ss)";
  if (/^at\(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\)$/.test(schedule)) return;
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
  if (rate) {
    if (Number(rate[1]) < 1) fail(scope, prop, "needs a rate of at least 1", schedule);
    return;
  }
  const cron = /^cron\((.*)\)$/.exec(schedule);
  if (!cron) fail(scope, prop, rule, schedule);
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    fail(scope, prop, `must have six cron fields (minutes hours day-of-month month day-of-week year), not ${fields.length}`, schedule);
  }
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    fail(scope, prop, "needs ? in exactly one of day-of-month and day-of-week, e.g. cron(0 19 ? * MON-FRI *)", schedule);
  }
  fields.forEach((text, i) => {
    const field = CRON_FIELDS[i];
    if (text === "?" && (field.name === "day-of-month" || field.name === "day-of-week")) return;
    const items = text.toUpperCase().split(",");
    if (items.some((item) => !isItem(field, item))) {
      const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
      fail(
        scope,
        prop,
        `has ${field.name} ${JSON.stringify(text)}: values must be ${field.min}-${field.max}${names}, with the wildcards ${field.wildcards}`,
        schedule,
      );
    }
  });
}

/**
 * A time zone Application Auto Scaling accepts: a canonical IANA name (see
 * {@link CANONICAL_TIME_ZONES}); for an alias such as US/Eastern the message names the
 * canonical zone.
 */
export function checkTimeZone(scope: IConstruct, prop: string, timeZone: string | undefined): void {
  if (timeZone === undefined || isToken(timeZone) || CANONICAL_TIME_ZONES.has(timeZone)) return;
  const canonical = canonicalTimeZoneFor(timeZone);
  fail(
    scope,
    prop,
    canonical !== undefined
      ? `must be a canonical IANA time zone name: use ${canonical} (names are case-sensitive and aliases are not canonical)`
      : "must be UTC or a canonical IANA time zone name such as Europe/Berlin, America/New_York or Etc/GMT+9 (case matters; abbreviations such as CET or EST are not zone names)",
    timeZone,
  );
}
