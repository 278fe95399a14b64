import { Fn } from "cdktf";
import { IConstruct } from "constructs";
import { awsContext, providerRegion } from "../internal/aws-context";
import { asOfSource, BEDROCK_GLOBAL_PREFIX, BEDROCK_PROFILE_GEOGRAPHIES, BEDROCK_PROFILE_ONLY_MODELS } from "../internal/aws-facts";
import { checkPattern, checkUnique, fail, isToken } from "../internal/validate";
import { PolicyStatement } from "./policy-document";
import { invokeBedrockProfilesStatements, invokeBedrockStatements } from "./statements";

/** Bedrock models and inference profiles to invoke. */
export interface BedrockGrant {
  /**
   * Foundation model ids invoked directly in the stack's region, e.g. `amazon.nova-lite-v1:0`.
   * @default []
   */
  readonly foundationModelIds?: readonly string[];
  /**
   * Cross-region inference profile ids, `<geography>.<model id>`, e.g.
   * `us.anthropic.claude-3-5-sonnet-20241022-v2:0` or `global.anthropic.claude-sonnet-4-5-20250929-v1:0`.
   * A geographic profile exists only in the regions of its geography (`eu.` from eu-west-1, not
   * from us-east-1). The underlying model is granted in every region the profile may route to,
   * through that profile only.
   * @default []
   */
  readonly inferenceProfileIds?: readonly string[];
}

/** `<provider>.<model>[:version]`, e.g. `anthropic.claude-3-5-haiku-20241022-v1:0`. */
const MODEL_ID = /^[a-z0-9-]+\.[A-Za-z0-9._:-]+$/;
/** `<geography>.<provider>.<model>[:version]`, e.g. `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
const PROFILE_ID = /^([a-z]+(?:-[a-z]+)?)\.([a-z0-9-]+\.[A-Za-z0-9._:-]+)$/;
/** Prefixes of system-defined cross-region profiles this library knows (see aws-facts.ts). */
const PROFILE_PREFIXES: readonly string[] = [...Object.keys(BEDROCK_PROFILE_GEOGRAPHIES), BEDROCK_GLOBAL_PREFIX];

/**
 * IAM statements for a {@link BedrockGrant}, after checking the ids against the stack's region.
 *
 * Amazon Bedrock User Guide (retrieved 2026-11-28):
 * - "Geographic cross-Region inference" (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html):
 *   the caller needs the geographic profile in the source region, and the foundation model in
 *   the source region and in every destination region of the profile.
 * - "Global cross-Region inference" (https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html):
 *   the global profile and model in the source region, plus the region-less model ARN
 *   `arn:aws:bedrock:::foundation-model/<model>`.
 * The models behind profiles are granted with a `*` region, but only when invoked through one
 * of the granted profiles (condition `bedrock:InferenceProfileArn`): the profile decides where a
 * request goes, so this is as narrow as listing its destination regions and does not break
 * when Bedrock adds a destination region to a profile.
 */
export function bedrockInvokeStatements(scope: IConstruct, grant: BedrockGrant): PolicyStatement[] {
  const models = grant.foundationModelIds ?? [];
  const profiles = grant.inferenceProfileIds ?? [];
  if (models.length === 0 && profiles.length === 0) {
    fail(scope, "grantInvokeBedrock", "needs foundationModelIds or inferenceProfileIds (at least one id)", grant);
  }
  checkUnique(scope, "grantInvokeBedrock.foundationModelIds", models);
  checkUnique(scope, "grantInvokeBedrock.inferenceProfileIds", profiles);
  const { partition, region, accountId } = awsContext(scope);
  const stackRegion = providerRegion(scope);

  models.forEach((id, i) => {
    const prop = `grantInvokeBedrock.foundationModelIds[${i}]`;
    checkPattern(scope, prop, id, MODEL_ID, "must be a Bedrock model id <provider>.<model> such as amazon.nova-lite-v1:0");
    const prefix = isToken(id) ? undefined : PROFILE_ID.exec(id)?.[1];
    if (prefix !== undefined && PROFILE_PREFIXES.includes(prefix)) {
      fail(
        scope,
        prop,
        `is a cross-region inference profile id (${prefix}.): pass it in inferenceProfileIds, or drop the prefix to invoke the model in the stack's region`,
        id,
      );
    }
    if (!isToken(id) && BEDROCK_PROFILE_ONLY_MODELS.some((m) => id.startsWith(m))) {
      const local = stackRegion
        ? Object.keys(BEDROCK_PROFILE_GEOGRAPHIES).find((g) => BEDROCK_PROFILE_GEOGRAPHIES[g].includes(stackRegion))
        : undefined;
      fail(
        scope,
        prop,
        `can only be invoked through an inference profile (Bedrock offers no on-demand invocation of it by model id): pass ${local ?? "<geography>"}.${id} or ${BEDROCK_GLOBAL_PREFIX}.${id} in inferenceProfileIds ${asOfSource("bedrockProfiles")}`,
        id,
      );
    }
  });

  const profileArns: string[] = [];
  const modelArns = new Set<string>();
  profiles.forEach((id, i) => {
    const prop = `grantInvokeBedrock.inferenceProfileIds[${i}]`;
    profileArns.push(`arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${id}`);
    if (isToken(id)) {
      // Known only at apply: strip the geography prefix in Terraform.
      const model = Fn.replace(id, "/^[a-z]+(-[a-z]+)?[.]/", "");
      modelArns.add(`arn:${partition}:bedrock:*::foundation-model/${model}`);
      return;
    }
    checkPattern(
      scope,
      prop,
      id,
      PROFILE_ID,
      "must be a cross-region inference profile id <geography>.<provider>.<model> such as us.anthropic.claude-3-5-haiku-20241022-v1:0 (a bare model id goes in foundationModelIds)",
    );
    const [, prefix, model] = PROFILE_ID.exec(id)!;
    checkGeography(scope, prop, id, prefix, stackRegion);
    modelArns.add(`arn:${partition}:bedrock:*::foundation-model/${model}`);
    if (prefix === BEDROCK_GLOBAL_PREFIX) modelArns.add(`arn:${partition}:bedrock:::foundation-model/${model}`);
  });

  return [
    ...(models.length > 0 ? invokeBedrockStatements(models.map((m) => `arn:${partition}:bedrock:${region}::foundation-model/${m}`)) : []),
    ...(profiles.length > 0 ? invokeBedrockProfilesStatements(profileArns, [...modelArns]) : []),
  ];
}

/**
 * A geographic profile is callable only from its geography's source regions; Bedrock answers
 * anything else with "The provided model identifier is invalid". Only a region the table places
 * in another geography is refused: regions it does not know, and unknown prefixes, pass.
 */
function checkGeography(scope: IConstruct, prop: string, id: string, prefix: string, stackRegion: string | undefined): void {
  const sources = BEDROCK_PROFILE_GEOGRAPHIES[prefix];
  if (stackRegion === undefined || sources === undefined || sources.includes(stackRegion)) return;
  const local = Object.keys(BEDROCK_PROFILE_GEOGRAPHIES).filter((g) => BEDROCK_PROFILE_GEOGRAPHIES[g].includes(stackRegion));
  if (local.length === 0) return;
  const use = [...local, BEDROCK_GLOBAL_PREFIX].map((g) => `${g}.`).join(" or ");
  fail(
    scope,
    prop,
    `must be a profile of the geography of the stack's AWS provider region ${stackRegion}: ${prefix}. profiles are called from ${sources.join(", ")}; from ${stackRegion} use ${use} ${asOfSource("bedrockProfiles")}`,
    id,
  );
}
