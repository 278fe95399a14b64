/**
 * What the pipeline needs to know about one environment, derived from the same checked-in
 * configuration `npx cdktf deploy` reads (config.ts): the account, region and roles to assume,
 * the ECR repository and the image tag. The workflow names no account, role or tag of its own
 * (it runs `npm run --silent pipeline-settings -- <env>`), so the terminal and the pipeline
 * cannot disagree about what an environment is.
 */
import { EnvironmentConfig } from "./config";

/** Name of a GitHub Actions deploy role of the bootstrap stack (environments/bootstrap.ts). */
export function gitHubDeployRoleName(project: string, environment: string, phase: "plan" | "apply"): string {
  return `${project}-deploy-${environment}-${phase}`;
}

/** The AWS partition of a region (aws-cn and aws-us-gov have their own ARNs). */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The pipeline's view of one environment (all of it derived from its configuration). */
export function pipelineSettings(config: EnvironmentConfig): Record<string, string> {
  const role = (phase: "plan" | "apply") =>
    `arn:${partitionOf(config.region)}:iam::${config.accountId}:role/${gitHubDeployRoleName(config.project, config.environment, phase)}`;
  return {
    environment: config.environment,
    account_id: config.accountId,
    region: config.region,
    plan_role_arn: role("plan"),
    apply_role_arn: role("apply"),
    // ContainerWebApp's repository (modules/patterns/container-web-app.ts).
    ecr_repository: `${config.project}/${config.environment}/app`,
    image_tag: config.imageTag,
    stack_dir: `cdktf.out/stacks/${config.environment}`,
  };
}
