/**
 * The one "does this plain variable hold a secret?" heuristic of the library. The container and
 * App Runner validations (`renderEnvironment`) refuse what it flags, and the policy rule
 * `NO-PLAINTEXT-SECRETS` reports it on any task definition or App Runner service, so both
 * always agree.
 *
 * A name is a credential when its LAST word is a credential noun (`DB_PASSWORD`, `AUTH_SECRET`,
 * `CLIENT_SECRET`, `PRIVATE_KEY`, `API_KEY`, `ACCESS_TOKEN`, `GOOGLE_CREDENTIALS`...). A name that
 * only contains such a word describes a setting (`AUTH_URL`, `AUTH_TRUST_HOST`, `MAX_TOKENS`,
 * `TOKEN_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`), a pointer to a secret (`DB_SECRET_ARN`, an ARN)
 * or a file holding it (`DB_PASSWORD_FILE`, a path, the Docker-secrets convention): not flagged.
 * Connection-string names (`DATABASE_URL`, `REDIS_URL`, `CONNECTION_STRING`...) are flagged
 * unless the value is a URL without credentials. Whatever the name, a value shaped like a
 * credential is flagged: AWS access keys (`AKIA...`/`ASIA...`), PEM private keys, URLs with
 * `user:password@`, well-known API token formats, JWTs and long high-entropy strings.
 */

/** Why a variable was flagged. */
export interface SecretSuspicion {
  /** `name`: the name is a credential's; `value`: the value is shaped like one. */
  readonly kind: "name" | "value";
  /**
   * What gave it away, never the value: the credential shape for `value` (`a PEM private key`,
   * `an AWS access key id`), `named like a credential` for `name`.
   */
  readonly reason: string;
}

/** Last words that make a name a credential's. */
const CREDENTIAL_WORDS = new Set([
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PASSPHRASE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "CREDENTIAL",
  "CREDENTIALS",
  "APIKEY",
]);
/** `KEY` is a credential only after one of these words (`API_KEY`, not `CACHE_KEY` or `S3_KEY`). */
const KEY_QUALIFIERS = new Set([
  "API",
  "ACCESS",
  "SECRET",
  "PRIVATE",
  "SIGNING",
  "ENCRYPTION",
  "MASTER",
  "SSH",
  "HMAC",
  "JWT",
  "SESSION",
  "WEBHOOK",
  "CLIENT",
  "AUTH",
  "LICENSE",
  "ROLE",
]);
/** Words glued to a prefix still count (`DBPASSWORD`, `NEXTAUTHSECRET`). */
const GLUED = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|APIKEY|PRIVATEKEY|ACCESSTOKEN)$/;
/** Whole names that are credentials although their last word is not a credential noun. */
const CREDENTIAL_NAMES = new Set(["SECRET_KEY_BASE", "BASIC_AUTH", "HTTP_AUTH", "PROXY_AUTH"]);
/** Names of connection strings, which usually embed a password. */
const CONNECTION_NAME =
  /(^|_)(DATABASE_URL|DB_URL|POSTGRES(QL)?_URL|PG_URL|MYSQL_URL|MARIADB_URL|MONGO(DB)?_(URL|URI)|REDIS_URL|AMQP_URL|RABBITMQ_URL|CONNECTION_STRING|CONN_STR|DATABASE_DSN|DB_DSN)$/;

/** Boolean-looking values: a flag, never a secret. */
const BOOLEAN = /^(true|false|yes|no|on|off|enabled|disabled)$/i;
/** A reference to a secret (Secrets Manager, SSM, KMS ARN), not the secret itself. */
const SECRET_REFERENCE = /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/;
/** `scheme://` with no password in the authority part. */
const URL_WITHOUT_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/([^/\s:@]*@)?[^/\s@]*(\/\S*)?$/i;

/** Values that are credentials whatever the name, with what to call them. */
const CREDENTIAL_VALUES: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, "a PEM private key"],
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a user and password"],
  [/\b[sr]k_(live|test)_[A-Za-z0-9]{10,}/, "a Stripe-style secret key"],
  [/\bsk-[A-Za-z0-9_-]{20,}/, "an API secret key (sk-...)"],
  [/\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/, "a GitHub token"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\bglpat-[A-Za-z0-9_-]{20}/, "a GitLab token"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/, "a SendGrid API key"],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, "a JSON Web Token"],
];

/** The words of a variable name, upper case: `dbPassword` and `DB_PASSWORD` give `DB`, `PASSWORD`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "");
}

/** Bits per character (Shannon entropy of the character distribution). */
function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

/**
 * A long random-looking token: 32+ characters of the base64/base64url alphabet with lower and
 * upper case letters and digits, and at least 4.2 bits of entropy per character. Hex digests
 * (git SHAs, image digests: at most 4 bits per character) and UUIDs do not qualify.
 */
function isHighEntropyToken(value: string): boolean {
  return (
    value.length >= 32 &&
    /^[A-Za-z0-9+/=_-]+$/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /[0-9]/.test(value) &&
    entropyPerChar(value) >= 4.2
  );
}

/** What a value is shaped like, when it is shaped like a credential. */
export function credentialShapeOf(value: string): string | undefined {
  // Interpolations (`${...}`) are known only at apply: their text says nothing about the value.
  const literal = value.replace(/\$\{[^}]*\}/g, "");
  for (const [pattern, what] of CREDENTIAL_VALUES) if (pattern.test(value)) return what;
  if (literal !== "" && isHighEntropyToken(literal)) return "a long high-entropy token";
  return undefined;
}

/** True when a name is a credential's (see the module comment for the rules). */
export function isCredentialName(name: string): boolean {
  const words = wordsOf(name);
  const upper = words.join("_");
  if (CREDENTIAL_NAMES.has(upper) || CONNECTION_NAME.test(upper)) return true;
  const last = words[words.length - 1] ?? "";
  const before = words[words.length - 2];
  if (CREDENTIAL_WORDS.has(last) || GLUED.test(last)) return true;
  // `PWD` alone is the shell's working directory; `DB_PWD` is a password.
  if (last === "PWD") return before !== undefined;
  return last === "KEY" && before !== undefined && KEY_QUALIFIERS.has(before);
}

/**
 * Why the plain (non-secret) variable `name=value` looks like a secret, or undefined when it
 * does not. Values known only at apply (cdktf tokens, `${...}` interpolations) are judged by
 * name alone: a credential's name with such a value is still a secret in plain text.
 *
 * ```ts
 * looksLikeSecret("AUTH_SECRET", "x");              // { kind: "name", ... }
 * looksLikeSecret("AUTH_URL", "https://example.com"); // undefined
 * looksLikeSecret("UPSTREAM", "postgres://u:p@h/db"); // { kind: "value", ... }
 * ```
 */
export function looksLikeSecret(name: string, value: unknown): SecretSuspicion | undefined {
  const text = value === undefined || value === null ? "" : String(value);
  const shape = credentialShapeOf(text);
  if (shape) return { kind: "value", reason: shape };
  if (text.trim() === "" || BOOLEAN.test(text.trim()) || SECRET_REFERENCE.test(text)) return undefined;
  if (!isCredentialName(name)) return undefined;
  if (CONNECTION_NAME.test(wordsOf(name).join("_")) && URL_WITHOUT_PASSWORD.test(text) && !/[?&;](password|pwd|pass)=/i.test(text)) {
    return undefined;
  }
  return { kind: "name", reason: "named like a credential" };
}
