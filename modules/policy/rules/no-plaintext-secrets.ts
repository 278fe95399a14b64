import { looksLikeSecret } from "../../internal/secret-heuristic";
import { block, blocks } from "../stack-index";
import { containerLabel, containerSubject, containersOf } from "../containers";
import { ALWAYS, ResourceBlock, defineRule } from "../types";

/** The finding for one plain variable, from the library's one secret heuristic. */
function plaintextSecret(name: string, value: unknown): string | undefined {
  const suspicion = looksLikeSecret(name, value);
  if (!suspicion) return undefined;
  return suspicion.kind === "value"
    ? `${name} holds a value that looks like a credential (${suspicion.reason})`
    : `${name} is ${suspicion.reason} but is a plain environment variable`;
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
    "ECS container definitions and App Runner services pass secrets through `secrets` / runtime_environment_secrets (Secrets Manager or SSM), never as plain environment variables, which are readable by anyone who can describe the task or service. Judged by `looksLikeSecret`, the heuristic the services' own validation applies, so it guards raw resources and overrides: credential names (`DB_PASSWORD`, `API_KEY`, `ACCESS_TOKEN`) and credential-shaped values, not settings such as `AUTH_URL` or `TOKEN_TTL_SECONDS`.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition", "aws_apprunner_service"],
  check: (r) => {
    if (r.type === "aws_apprunner_service") {
      return appRunnerVariables(r).flatMap(([name, value]) => {
        const why = plaintextSecret(name, value);
        return why ? [{ subject: name, message: why }] : [];
      });
    }
    return (containersOf(r) ?? []).flatMap((c, i) =>
      blocks(c.environment).flatMap((e: any) => {
        const why = plaintextSecret(String(e.name ?? ""), e.value);
        return why ? [{ subject: `${containerSubject(c, i)}/${String(e.name ?? "")}`, message: `${containerLabel(c, i)}: ${why}` }] : [];
      }),
    );
  },
  fix: "create the secret with `AppSecrets` prop `secrets` (Secrets Manager) and pass it in `WebService`/`WorkerService`/`AppRunnerService` prop `secrets` instead of `environment`; raw: container definition `secrets: [{ name, valueFrom }]`, App Runner `runtimeEnvironmentSecrets`",
});
