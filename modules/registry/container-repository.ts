import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { Construct } from "constructs";
import { PolicyStatement } from "../core/policy-document";
import { RoleRef, grantTo } from "../core/workload-role";
import { checkName } from "../internal/naming";
import { checkArn, checkIntegerRange, checkPattern, checkTags, fail, isToken } from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { RepositoryRef } from "../core/repository-ref";
import { repositoryPullStatements, repositoryPushStatements } from "../core/repository-statements";

/** Props for {@link ContainerRepository}. */
export interface ContainerRepositoryProps {
  /**
   * Repository name, e.g. `shop-staging` or `shop/staging/app`: 2-256 lower-case
   * letters and digits in groups separated by one `.`, `_`, `-` or `/` (no leading, trailing or
   * doubled separator).
   */
  readonly name: string;
  /**
   * Customer-managed KMS key for images (encryption type `KMS`). Changing the encryption
   * replaces the repository.
   * @default - AES256 (ECR-managed keys)
   */
  readonly kmsKeyArn?: string;
  /**
   * How many images to keep, tagged or not (1-10000); older ones expire. Keep it above the number
   * of releases you may roll back to: an expired tag cannot be deployed again.
   * @default 10
   */
  readonly maxImageCount?: number;
  /**
   * Tags whose images never expire by count: the tag an environment's task definition runs, or a
   * pattern such as `release-*` (ECR `tagPatternList` wildcards, at most 4 `*` each). Each gets
   * its own rule ahead of the count rule, and ECR never expires an image a higher-priority rule
   * selected (Amazon ECR User Guide, "Lifecycle policy evaluation rules"). The count rule still
   * counts them, so `maxImageCount` other images may be fewer.
   * @default [] (only the count keeps images)
   */
  readonly keepTagPatterns?: readonly string[];
  /**
   * Days after which untagged images expire (1-3650).
   * @default 7
   */
  readonly untaggedImageExpiryDays?: number;
  /**
   * Let `terraform destroy` delete the repository while it still holds images.
   * Only where the environment allows it (dev, staging).
   * @default false
   */
  readonly forceDelete?: boolean;
  /**
   * Refuse `terraform destroy` of the repository (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/** ECR's own limits on repository names (the pattern comes from the shared naming rules). */
const MIN_NAME_LENGTH = 2;
const MAX_NAME_LENGTH = 256;

/**
 * A private ECR repository: scan on push, immutable tags (a tag always means the same image;
 * deploy by version or git SHA, never by re-pushing `latest`), encryption at rest, and a
 * lifecycle policy that expires untagged images after 7 days and keeps the 10 most recent
 * images. Grant pull or push access to a role with {@link grantPull} / {@link grantPush}.
 */
export class ContainerRepository extends Construct implements RepositoryRef {
  /** The repository. */
  public readonly repository: EcrRepository;
  /** The lifecycle policy. */
  public readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** Repository name. */
  public readonly repositoryName: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, without a tag. */
  public readonly repositoryUrl: string;
  /** Repository ARN. */
  public readonly repositoryArn: string;

  public constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    if (!isToken(props.name) && (props.name.length < MIN_NAME_LENGTH || props.name.length > MAX_NAME_LENGTH)) {
      fail(
        this,
        "name",
        `must be ${MIN_NAME_LENGTH}-${MAX_NAME_LENGTH} characters for an ECR repository (is ${props.name.length})`,
        props.name,
      );
    }
    const name = checkName(this, "name", "ecrRepository", props.name);
    checkArn(this, "kmsKeyArn", props.kmsKeyArn, "kms");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "ECR");
    const maxImageCount = props.maxImageCount ?? 10;
    const untaggedDays = props.untaggedImageExpiryDays ?? 7;
    // Both are written into the policy JSON at synth: a reference cannot be rendered there.
    for (const [prop, value] of [
      ["maxImageCount", maxImageCount],
      ["untaggedImageExpiryDays", untaggedDays],
    ] as const) {
      if (isToken(value))
        fail(this, prop, "must be a literal number (it is written into the lifecycle policy JSON at synth), not a reference", "<token>");
    }
    checkIntegerRange(this, "maxImageCount", maxImageCount, 1, 10000);
    checkIntegerRange(this, "untaggedImageExpiryDays", untaggedDays, 1, 3650);
    const keep = props.keepTagPatterns ?? [];
    keep.forEach((pattern, i) => {
      if (isToken(pattern))
        fail(
          this,
          `keepTagPatterns[${i}]`,
          "must be a literal tag or pattern (it is written into the lifecycle policy JSON at synth), not a reference",
          "<token>",
        );
      checkPattern(
        this,
        `keepTagPatterns[${i}]`,
        pattern,
        /^[A-Za-z0-9_.*-]{1,128}$/,
        "must be an image tag or a pattern of 1-128 letters, digits, `_`, `.`, `-` and `*`",
      );
      if ((pattern.match(/\*/g) ?? []).length > 4)
        fail(this, `keepTagPatterns[${i}]`, "must have at most 4 wildcards (ECR tagPatternList)", pattern);
    });

    this.repository = new EcrRepository(this, "Repository", {
      name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [props.kmsKeyArn ? { encryptionType: "KMS", kmsKey: props.kmsKeyArn } : { encryptionType: "AES256" }],
      forceDelete: props.forceDelete ?? false,
      tags: props.tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.repositoryName = this.repository.name;
    this.repositoryUrl = this.repository.repositoryUrl;
    this.repositoryArn = this.repository.arn;

    this.lifecyclePolicy = new EcrLifecyclePolicy(this, "LifecyclePolicy", {
      repository: this.repository.name,
      policy: lifecyclePolicyDocument(maxImageCount, untaggedDays, [...new Set(keep)]),
    });
  }

  /** Let `role` pull images from this repository (and get an ECR authorization token). */
  public grantPull(role: RoleRef): void {
    this.grant("Pull", role, repositoryPullStatements(this.repositoryArn));
  }

  /** Let `role` push images to this repository (and get an ECR authorization token). */
  public grantPush(role: RoleRef): void {
    this.grant("Push", role, repositoryPushStatements(this.repositoryArn));
  }

  private grant(kind: string, role: RoleRef, statements: PolicyStatement[]): void {
    // The id is used only when the role is not a WorkloadRole: an inline policy is then created here.
    let id = `${kind}Grant`;
    for (let n = 2; this.node.tryFindChild(id); n++) id = `${kind}Grant${n}`;
    grantTo(this, id, role, statements);
  }
}

/**
 * ECR evaluates rules by ascending priority; an image is expired by the first rule that selects
 * it, and an image a rule selected is never expired by a later one. So each kept tag pattern
 * gets a rule first (one pattern a rule: a tagPatternList must match all its patterns), which
 * selects its images and expires none below 10000; then the untagged rule; the `tagStatus: any`
 * rule must have the highest priority number.
 */
export function lifecyclePolicyDocument(
  maxImageCount: number,
  untaggedImageExpiryDays: number,
  keepTagPatterns: readonly string[] = [],
): string {
  const keep = keepTagPatterns.map((pattern, i) => ({
    rulePriority: i + 1,
    description: `Keep images tagged ${pattern} (never expired by count)`,
    selection: { tagStatus: "tagged", tagPatternList: [pattern], countType: "imageCountMoreThan", countNumber: 10000 },
    action: { type: "expire" },
  }));
  const next = keep.length + 1;
  return JSON.stringify({
    rules: [
      ...keep,
      {
        rulePriority: next,
        description: `Expire untagged images after ${untaggedImageExpiryDays} days`,
        selection: {
          tagStatus: "untagged",
          countType: "sinceImagePushed",
          countUnit: "days",
          countNumber: untaggedImageExpiryDays,
        },
        action: { type: "expire" },
      },
      {
        rulePriority: next + 1,
        description: `Keep the ${maxImageCount} most recent images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: maxImageCount },
        action: { type: "expire" },
      },
    ],
  });
}
