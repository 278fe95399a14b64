import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { PolicyConditions, PolicyStatement, policyDocument } from "./policy-document";
import { awsContext, providerRegion } from "../internal/aws-context";
import {
  REGION_PATTERN,
  SERVICE_PRINCIPAL_PATTERN,
  checkIntegerRange,
  checkPattern,
  checkServicePrincipal,
  checkTags,
  checkUnique,
  fail,
  isToken,
} from "../internal/validate";

/** A KMS action or action pattern for a key policy, e.g. `kms:GenerateDataKey*`. */
export const KMS_ACTION_PATTERN = /^kms:[A-Za-z*]+$/;

/** AWS service principal, e.g. `cloudwatch.amazonaws.com` (kept here for existing imports). */
export { SERVICE_PRINCIPAL_PATTERN };

/** Props for {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix, e.g. `shop-prod-secrets`. */
  readonly alias: string;
  /** What the key protects (shown in the KMS console). */
  readonly description: string;
  /**
   * Service principals that use the key directly, on their own behalf (not through a caller's
   * IAM permissions): they get `kms:GenerateDataKey*` and `kms:Decrypt`. CloudWatch alarms
   * publishing to an SSE-KMS topic need this.
   * @default [] - only principals of the account, through their IAM policies
   */
  readonly servicePrincipals?: readonly string[];
  /**
   * What the service principals may do with the key (`kms:` actions; needs `servicePrincipals`).
   * @default ["kms:GenerateDataKey*", "kms:Decrypt"]
   */
  readonly serviceActions?: readonly string[];
  /**
   * Conditions on the service principals' use (e.g. CloudWatch Logs' encryption context);
   * needs `servicePrincipals`.
   * @default - none
   */
  readonly serviceConditions?: PolicyConditions;
  /**
   * Waiting period before a deleted key is destroyed (7-30 days).
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Refuse `terraform destroy` of the key (Terraform `prevent_destroy`): deleting a key makes
   * everything encrypted with it unreadable.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Provider of the key's region, e.g. the stack's us-east-1 alias for CloudFront's WAF logs (a key
   * is usable only in its own region).
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A symmetric customer-managed KMS key with yearly automatic rotation and an alias. The key
 * policy lets the account administer and use the key through IAM (the account-root statement
 * that every AWS default key policy has), plus the given service principals.
 */
export class EncryptionKey extends Construct {
  /** The key. */
  public readonly key: KmsKey;
  /** `alias/<alias>`. */
  public readonly alias: KmsAlias;
  /** Key ARN (what IAM grants and `kms_key_id` arguments take). */
  public readonly keyArn: string;

  public constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const services = props.servicePrincipals ?? [];
    const deletionWindow = props.deletionWindowInDays ?? 30;
    checkPattern(
      this,
      "alias",
      props.alias,
      /^(?!aws\/)[A-Za-z0-9/_-]{1,250}$/,
      "must be 1-250 letters, digits and /_- (without 'alias/', not starting with 'aws/')",
    );
    checkIntegerRange(this, "deletionWindowInDays", deletionWindow, 7, 30);
    checkUnique(this, "servicePrincipals", services);
    services.forEach((s, i) => checkServicePrincipal(this, `servicePrincipals[${i}]`, s));
    checkTags(this, "tags", props.tags);
    const serviceActions = props.serviceActions ?? ["kms:GenerateDataKey*", "kms:Decrypt"];
    if (services.length === 0 && (props.serviceActions !== undefined || props.serviceConditions !== undefined)) {
      fail(
        this,
        props.serviceActions !== undefined ? "serviceActions" : "serviceConditions",
        "has no effect without servicePrincipals; add the services that use the key",
        props.serviceActions ?? props.serviceConditions,
      );
    }
    if (serviceActions.length === 0) fail(this, "serviceActions", "must list at least one kms: action", serviceActions);
    checkUnique(this, "serviceActions", serviceActions);
    serviceActions.forEach((a) =>
      checkPattern(this, "serviceActions", a, KMS_ACTION_PATTERN, "must be KMS actions such as kms:Decrypt or kms:GenerateDataKey*"),
    );

    const { accountId, partition } = awsContext(this);
    const statements: PolicyStatement[] = [
      {
        sid: "EnableIamPolicies",
        principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        actions: ["kms:*"],
        resources: ["*"],
      },
    ];
    if (services.length > 0) {
      statements.push({
        sid: "AllowServicesToUseKey",
        principal: { Service: services.length === 1 ? services[0] : [...services] },
        actions: [...serviceActions],
        resources: ["*"],
        ...(props.serviceConditions ? { conditions: props.serviceConditions } : {}),
      });
    }
    this.key = new KmsKey(this, "Key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: policyDocument(statements),
      tags: props.tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
      provider: props.provider,
    });
    this.alias = new KmsAlias(this, "Alias", { name: `alias/${props.alias}`, targetKeyId: this.key.keyId, provider: props.provider });
    this.keyArn = this.key.arn;
  }
}

/** Props for {@link cloudWatchLogsKey}. */
export interface CloudWatchLogsKeyProps {
  /** Alias name without `alias/`. */
  readonly alias: string;
  /**
   * Refuse `terraform destroy` of the key: encrypted log groups become unreadable without it.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Region of the log groups, e.g. `us-east-1` (the logs service principal is regional, and a
   * key is usable only in its own region).
   */
  readonly region: string;
  /** Provider of `region` when it is not the stack's default provider's. @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A customer-managed key CloudWatch Logs can encrypt log groups with: the regional logs
 * principal may use it only for log groups of this account (`kms:EncryptionContext:aws:logs:arn`).
 */
export function cloudWatchLogsKey(scope: Construct, id: string, props: CloudWatchLogsKeyProps): EncryptionKey {
  const where = scope.node.path ? `${scope.node.path}/${id}` : id;
  if (!isToken(props.region) && !REGION_PATTERN.test(props.region)) {
    fail(where, "region", "must be an AWS region code such as us-east-1 (the region of the log groups)", props.region);
  }
  // The key is created in its provider's region and KMS keys are regional: a principal and
  // context for another region's log groups would make a key no log group can ever use.
  const given = (props.provider as { region?: string } | undefined)?.region;
  const keyRegion = props.provider ? (typeof given === "string" && !isToken(given) ? given : undefined) : providerRegion(scope);
  if (keyRegion !== undefined && !isToken(props.region) && props.region !== keyRegion) {
    const whose = props.provider ? "the given provider's region" : "the stack's AWS provider region";
    fail(
      where,
      "region",
      `must be ${whose} ${keyRegion}, where the key is created (KMS keys are regional; CloudWatch Logs uses keys of its own region only)`,
      props.region,
    );
  }
  const { accountId, partition } = awsContext(scope);
  return new EncryptionKey(scope, id, {
    alias: props.alias,
    description: `CloudWatch Logs encryption (${props.alias})`,
    servicePrincipals: [`logs.${props.region}.amazonaws.com`],
    serviceActions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    serviceConditions: {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${props.region}:${accountId}:log-group:*` },
    },
    tags: props.tags,
    preventDestroy: props.preventDestroy,
    provider: props.provider,
  });
}
