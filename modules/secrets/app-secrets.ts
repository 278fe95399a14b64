import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Construct, IConstruct } from "constructs";
import { PolicyStatement } from "../core/policy-document";
import { readParametersStatements, readSecretsStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { checkName } from "../internal/naming";
import { looksLikeSecret } from "../internal/secret-heuristic";
import { checkArn, checkIntegerRange, checkMaxLength, checkOneOf, checkPattern, checkTags, fail, isToken } from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { pascalId } from "../core/construct-id";
import { EncryptionKey } from "../core/encryption-key";
import { SecretRef } from "../core/secret-ref";

/** An application secret; its value is set by an operator after apply, never by Terraform. */
export interface AppSecretSpec {
  /**
   * What the secret is for and how to generate it (shown in the Secrets Manager console; at
   * most 2048 characters).
   * @default "<NAME> for <project> <environment>; set with aws secretsmanager put-secret-value"
   */
  readonly description?: string;
}

/** A non-secret setting stored as an SSM `String` parameter. */
export interface AppParameterSpec {
  /** The value (plain text, visible in plans and state). */
  readonly value: string;
  /**
   * What the setting is for (at most 1024 characters).
   * @default - none
   */
  readonly description?: string;
  /**
   * `Advanced` allows values up to 8 KB (and costs money); `Standard` is free, up to 4 KB.
   * @default "Standard"
   */
  readonly tier?: "Standard" | "Advanced";
}

/**
 * The recovery window an environment's secrets should have: 0 for non-production (a destroyed
 * environment can be applied again the same day: the names are free at once), 30 days for
 * production (a deleted secret can be restored; its name stays taken meanwhile).
 */
export function recoveryWindowDaysFor(profile: "production" | "non-production"): number {
  checkOneOf("recoveryWindowDaysFor", "profile", profile, ["production", "non-production"]);
  return profile === "production" ? 30 : 0;
}

/** Props for {@link AppSecrets}. */
export interface AppSecretsProps {
  /** Project name: first level of every secret and parameter name. */
  readonly project: string;
  /** Environment name: second level of every secret and parameter name. */
  readonly environment: string;
  /**
   * Secrets by environment variable name (`AUTH_SECRET`, `SESSION_SECRET`,
   * `GOOGLE_CLIENT_SECRET`...), created empty as `<project>/<environment>/<NAME>`.
   * @default {} - no secrets
   */
  readonly secrets?: Readonly<Record<string, AppSecretSpec>>;
  /**
   * Non-secret settings by name (`LOG_LEVEL: "info"`), created as SSM `String` parameters
   * `/<project>/<environment>/<name>`. A name may contain `/` for deeper levels.
   * @default {} - no parameters
   */
  readonly parameters?: Readonly<Record<string, string | AppParameterSpec>>;
  /**
   * Days a deleted secret can be restored: 0 deletes at once (non-production: `destroy` then
   * `apply` can reuse the names the same day), 7-30 protects against accidental deletion
   * (production). {@link recoveryWindowDaysFor} gives the value for a profile.
   * @default 30 - Secrets Manager's own default
   */
  readonly recoveryWindowDays?: number;
  /**
   * Customer-managed KMS key ARN encrypting the secrets.
   * @default - a new key with rotation, `alias/<project>-<environment>-secrets`
   */
  readonly kmsKeyArn?: string;
  /**
   * Refuse `terraform destroy` / replacement of the secrets and of the key created for them
   * (Terraform `prevent_destroy`). Their values are set outside Terraform (put-secret-value), so
   * nothing can re-create them; a destroyed key leaves every secret it encrypts unreadable once
   * its deletion window ends.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAMETER_KEY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
/** Maximum value size per tier, bytes (UTF-8). */
const MAX_VALUE = { Standard: 4096, Advanced: 8192 } as const;

/**
 * Parameter Store counts its 1011-character name limit over the whole ARN
 * (`arn:aws:ssm:<region>:<account>:parameter/<name>`); the prefix takes up to 50 characters
 * (14-character regions such as `ap-southeast-5`), leaving this many for the name.
 */
export const PARAMETER_NAME_MAX = 1011 - "arn:aws:ssm:ap-southeast-5:123456789012:parameter/".length;

/**
 * Check a fully qualified SSM parameter name against Parameter Store's rules: letters, digits
 * and `_.-` with `/` between levels, at most 15 levels, at most {@link PARAMETER_NAME_MAX}
 * characters without the leading `/` (1011 with the ARN prefix), not beginning with `aws` or
 * `ssm` (any case).
 */
export function checkParameterName(scope: IConstruct | string, prop: string, name: string): void {
  if (isToken(name)) return;
  const bare = name.replace(/^\//, "");
  if (bare.length > PARAMETER_NAME_MAX) {
    fail(
      scope,
      prop,
      `must be at most ${PARAMETER_NAME_MAX} characters without the leading / (is ${bare.length}): AWS limits the full ARN arn:aws:ssm:<region>:<account>:parameter/<name> to 1011`,
      name,
    );
  }
  checkPattern(
    scope,
    prop,
    name,
    /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    "must be an SSM parameter name: letters, digits and _.- with single / between levels (no spaces, no trailing /)",
  );
  const levels = name.replace(/^\//, "").split("/");
  if (levels.length > 15) fail(scope, prop, `must have at most 15 levels (has ${levels.length})`, name);
  if (/^(aws|ssm)/i.test(levels[0])) fail(scope, prop, "must not begin with 'aws' or 'ssm' (reserved by AWS)", name);
}

/**
 * The application's secrets (Secrets Manager, KMS-encrypted, created EMPTY so no value ever
 * passes through Terraform state) and non-secret settings (SSM Parameter Store `String`s), with
 * one grant method and one map to inject them all into a container as `valueFrom` secrets.
 *
 * After the first apply an operator sets each secret once:
 * `aws secretsmanager put-secret-value --secret-id <project>/<env>/AUTH_SECRET --secret-string "$(openssl rand -base64 32)"`.
 */
export class AppSecrets extends Construct {
  /** Secrets by name. */
  public readonly secrets: Readonly<Record<string, SecretsmanagerSecret>>;
  /** SSM parameters by name. */
  public readonly parameters: Readonly<Record<string, SsmParameter>>;
  /** The key created for the secrets (undefined when `kmsKeyArn` was given). */
  public readonly kmsKey?: EncryptionKey;
  /** ARN of the key encrypting the secrets (undefined when there are no secrets and no key was given). */
  public readonly kmsKeyArn?: string;
  private readonly envNames: Record<string, SecretRef> = {};
  private grants = 0;

  public constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const secretSpecs = props.secrets ?? {};
    const parameterSpecs = props.parameters ?? {};
    const recoveryWindow = props.recoveryWindowDays ?? 30;
    const level = /^[A-Za-z0-9_.-]+$/;
    checkPattern(this, "project", props.project, level, "must be letters, digits and _.- (one name level)");
    checkPattern(this, "environment", props.environment, level, "must be letters, digits and _.- (one name level)");
    if (!isToken(recoveryWindow) && recoveryWindow !== 0) {
      checkIntegerRange(this, "recoveryWindowDays", recoveryWindow, 7, 30);
    }
    checkArn(this, "kmsKeyArn", props.kmsKeyArn, "kms");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "Secrets Manager");
    if (props.kmsKeyArn !== undefined && !isToken(props.kmsKeyArn) && !/:key\//.test(props.kmsKeyArn)) {
      fail(
        this,
        "kmsKeyArn",
        "must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias: IAM grants need the key",
        props.kmsKeyArn,
      );
    }

    if (props.kmsKeyArn === undefined && Object.keys(secretSpecs).length > 0) {
      this.kmsKey = new EncryptionKey(this, "Key", {
        alias: `${props.project}-${props.environment}-secrets`,
        description: `Encrypts the ${props.project} ${props.environment} application secrets`,
        preventDestroy: props.preventDestroy,
        tags: props.tags,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.kmsKey?.keyArn;

    const secrets: Record<string, SecretsmanagerSecret> = {};
    for (const [key, spec] of Object.entries(secretSpecs)) {
      const prop = `secrets.${key}`;
      checkPattern(
        this,
        "secrets",
        key,
        ENV_NAME,
        "keys must be environment variable names (letters, digits, _; not starting with a digit)",
      );
      const name = checkName(this, prop, "secret", `${props.project}/${props.environment}/${key}`);
      checkMaxLength(this, `${prop}.description`, spec.description, 2048);
      // Secrets Manager appends "-" and six characters to ARNs; a name ending like that is ambiguous.
      if (/-[A-Za-z0-9]{6}$/.test(name)) fail(this, prop, "must not end with a hyphen followed by six characters", name);
      secrets[key] = new SecretsmanagerSecret(this, this.uniqueId("Secret", prop, key), {
        name,
        description: spec.description ?? `${key} for ${props.project} ${props.environment}; set with aws secretsmanager put-secret-value`,
        kmsKeyId: this.kmsKeyArn,
        recoveryWindowInDays: recoveryWindow,
        lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
        tags: props.tags,
      });
      this.addEnv(prop, key, { arn: secrets[key].arn, kind: "secretsmanager" });
    }

    const parameters: Record<string, SsmParameter> = {};
    for (const [key, given] of Object.entries(parameterSpecs)) {
      const prop = `parameters.${key}`;
      const spec: AppParameterSpec = typeof given === "string" ? { value: given } : given;
      const tier = spec.tier ?? "Standard";
      checkPattern(this, "parameters", key, PARAMETER_KEY, "keys must be letters, digits and _.- with single / between levels");
      // The library's one secret heuristic (shared with containers and NO-PLAINTEXT-SECRETS),
      // on the variable the parameter becomes: a plain String parameter is readable in plans.
      if (looksLikeSecret(environmentName(key), spec.value) !== undefined) {
        fail(
          this,
          "parameters",
          "keys must not name secrets, nor values hold credentials: put secret values in `secrets` (Secrets Manager), never in plain parameters",
          key,
        );
      }
      const name = `/${props.project}/${props.environment}/${key}`;
      checkParameterName(this, prop, name);
      checkOneOf(this, `${prop}.tier`, tier, ["Standard", "Advanced"] as const);
      if (!isToken(spec.value) && (typeof spec.value !== "string" || spec.value.length === 0)) {
        fail(this, `${prop}.value`, "must be a non-empty string (SSM refuses empty values)", spec.value);
      }
      if (!isToken(spec.value) && Buffer.byteLength(spec.value, "utf8") > MAX_VALUE[tier]) {
        fail(
          this,
          `${prop}.value`,
          `must be at most ${MAX_VALUE[tier]} bytes for the ${tier} tier (is ${Buffer.byteLength(spec.value, "utf8")})`,
          spec.value,
        );
      }
      checkMaxLength(this, `${prop}.description`, spec.description, 1024);
      parameters[key] = new SsmParameter(this, this.uniqueId("Parameter", prop, key), {
        name,
        type: "String",
        insecureValue: spec.value,
        description: spec.description,
        tier,
        tags: props.tags,
      });
      this.addEnv(prop, environmentName(key), { arn: parameters[key].arn, kind: "ssm" });
    }
    this.secrets = secrets;
    this.parameters = parameters;
  }

  /** ARNs of the secrets, in declaration order. */
  public get secretArns(): string[] {
    return Object.values(this.secrets).map((s) => s.arn);
  }

  /** The customer-managed keys a reader must decrypt with (for a container's `secretsKmsKeyArns`). */
  public get kmsKeyArns(): string[] {
    return this.kmsKeyArn ? [this.kmsKeyArn] : [];
  }

  /** ARNs of the parameters, in declaration order. */
  public get parameterArns(): string[] {
    return Object.values(this.parameters).map((p) => p.arn);
  }

  /**
   * Let `role` read exactly these secrets (and decrypt them with their key) and parameters:
   * no wildcard. For ECS `valueFrom` injection pass the task EXECUTION role (the agent reads
   * them before the container starts); for App Runner, the instance role. Statements are
   * appended to a `WorkloadRole`'s policy, or added as an inline policy named by `id`.
   * @param id construct id of the inline policy for a plain `RoleRef` (`ReadGrant`, `ReadGrant2`... by default)
   */
  public grantRead(role: RoleRef, id?: string): void {
    const secretArns = this.secretArns;
    const parameterArns = this.parameterArns;
    const statements: PolicyStatement[] = [
      ...(secretArns.length > 0 ? readSecretsStatements(secretArns, this.kmsKeyArns) : []),
      ...(parameterArns.length > 0 ? readParametersStatements(parameterArns) : []),
    ];
    if (statements.length === 0) fail(this, "grantRead", "needs at least one secret or parameter to grant", role.roleName);
    this.grants += 1;
    grantTo(this, id ?? (this.grants === 1 ? "ReadGrant" : `ReadGrant${this.grants}`), role, statements);
  }

  /**
   * Environment variable name → reference, for a container's `secrets` (ECS `valueFrom`) or
   * App Runner's `runtimeEnvironmentSecrets`: every secret under its own name, every parameter
   * under its name upper-cased with other characters turned into `_` (`feature-flags/new-ui`
   * → `FEATURE_FLAGS_NEW_UI`; `LOG_LEVEL` stays `LOG_LEVEL`).
   */
  public environmentSecrets(): Record<string, SecretRef> {
    return { ...this.envNames };
  }

  /** `<prefix><PascalKey>`, refusing two keys that differ only in case or punctuation (they would share a construct id). */
  private uniqueId(prefix: string, prop: string, key: string): string {
    const id = `${prefix}${pascalId(key)}`;
    if (this.node.tryFindChild(id)) {
      fail(this, prop, `must not differ from another key only in case or punctuation (both would be construct id ${id})`, key);
    }
    return id;
  }

  private addEnv(prop: string, envName: string, ref: SecretRef): void {
    if (envName in this.envNames) {
      fail(this, prop, "must not map to an environment variable name already used by another secret or parameter", envName);
    }
    this.envNames[envName] = ref;
  }
}

/** The environment variable a parameter is injected as. */
function environmentName(key: string): string {
  return ENV_NAME.test(key)
    ? key
    : key
        .toUpperCase()
        .replace(/[^A-Z0-9_]/g, "_")
        .replace(/^(\d)/, "_$1");
}
