import { block, blocks } from "../stack-index";
import { containerLabel, containersOf } from "../containers";
import { ALWAYS, ResourceBlock, defineRule } from "../types";

/** Names that suggest a secret value. */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|DSN|DATABASE_URL|CONNECTION_STRING)/i;
/** Names that only point at a secret (its ARN, id, file or name) and are fine in plain text. */
const POINTER_NAME = /(_ARN|_ID|_NAME|_FILE|_PATH|_URL_PARAMETER|_REGION|_HEADER)$/i;
/** Values that are themselves credentials, whatever the name. */
const SECRET_VALUE = [/\bAKIA[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /:\/\/[^/\s:@]+:[^/\s@]+@/];

/** Why a plain environment variable looks like a secret, or undefined. */
export function secretLooking(name: string, value: unknown): string | undefined {
  const text = value === undefined || value === null ? "" : String(value);
  if (SECRET_VALUE.some((p) => p.test(text))) return `${name} holds a credential-shaped value`;
  if (text === "" || /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(text)) return undefined;
  if (SECRET_NAME.test(name) && !POINTER_NAME.test(name)) return `${name} looks like a secret but is a plain environment variable`;
  return undefined;
}

function appRunnerVariables(r: ResourceBlock): [string, unknown][] {
  const source = block(r.config.source_configuration);
  const image = block(block(source?.image_repository)?.image_configuration);
  const code = block(block(block(source?.code_repository)?.code_configuration)?.code_configuration_values);
  return [...blocks(image), ...blocks(code)].flatMap((c: any) => {
    const variables = c.runtime_environment_variables;
    // A map known only at apply (a token string) cannot be read here.
    return variables !== null && typeof variables === "object" && !Array.isArray(variables) ? Object.entries(variables) : [];
  });
}

/** Secrets are injected from Secrets Manager / SSM, never as plain environment variables. */
export const noPlaintextSecrets = defineRule({
  id: "NO-PLAINTEXT-SECRETS",
  cites: ["FSBP ECS.8", "AVD-AWS-0036"],
  description:
    "ECS container definitions and App Runner services pass secrets through `secrets` / runtime_environment_secrets (Secrets Manager or SSM), never as plain environment variables, which are readable by anyone who can describe the task or service.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition", "aws_apprunner_service"],
  check: (r) => {
    if (r.type === "aws_apprunner_service") {
      return appRunnerVariables(r).flatMap(([name, value]) => secretLooking(name, value) ?? []);
    }
    return (containersOf(r) ?? []).flatMap((c, i) =>
      blocks(c.environment).flatMap((e: any) => {
        const why = secretLooking(String(e.name ?? ""), e.value);
        return why ? [`${containerLabel(c, i)}: ${why}`] : [];
      }),
    );
  },
  fix: "move the value to Secrets Manager (or an SSM SecureString) and reference it: ECS `secrets: [{ name, valueFrom: secretArn }]`, App Runner `runtimeEnvironmentSecrets`",
});
