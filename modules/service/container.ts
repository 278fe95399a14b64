import { IConstruct } from "constructs";
import { PolicyStatement } from "../iam/policy-document";
import { readParametersStatements, readSecretsStatements } from "../iam/statements";
import { renderEnvironment } from "../internal/environment-variables";
import { checkIntegerRange, checkPattern, checkPort, fail, isToken } from "../internal/validate";
import { PrivateSubnetEgress } from "../network/network-ref";
import { RepositoryRef } from "../registry/repository-ref";
import { repositoryPullStatements } from "../registry/repository-statements";
import { SecretRef, checkSecretRef, secretKind, secretResourceArn, secretValueFrom } from "../secrets/secret-ref";

/** The container's own health check (Docker HEALTHCHECK semantics). */
export interface ContainerHealthCheck {
  /**
   * `["CMD-SHELL", "curl -fs http://localhost:3000/api/health || exit 1"]` or `["CMD", "executable", ...]`.
   * The image must contain the tool it calls.
   */
  readonly command: readonly string[];
  /** 5-300. @default 30 */
  readonly intervalSeconds?: number;
  /** 2-60. @default 5 */
  readonly timeoutSeconds?: number;
  /** 1-10. @default 3 */
  readonly retries?: number;
  /** Failures ignored while the app starts, 0-300. @default 60 */
  readonly startPeriodSeconds?: number;
}

/** What the one `app` container runs and how. Shared by web and worker services. */
export interface ContainerSettings {
  /**
   * ECR repository to run from, with {@link imageTag}. Pull permission is scoped to it.
   * @default - none; then `imageUri` is required
   */
  readonly repository?: RepositoryRef;
  /**
   * Tag in `repository` (immutable tags: a git SHA or version).
   * @default "latest"
   */
  readonly imageTag?: string;
  /**
   * Any full image reference (`public.ecr.aws/...:tag`, `...@sha256:...`); used instead of
   * `repository` + `imageTag`. Private registries other than `repository` are not granted.
   * @default - none; then `repository` is required
   */
  readonly imageUri?: string;
  /**
   * Plain environment variables. Rendered sorted by name (a stable order avoids perpetual
   * diffs); names ECS reserves (`ECS_*`, `AWS_CONTAINER_*`, `AWS_EXECUTION_ENV`) and
   * variables the library's secret heuristic flags ({@link looksLikeSecret}: credential names such
   * as `DB_PASSWORD` or `API_KEY`, credential-shaped values) are refused; settings such as
   * `AUTH_URL` or `TOKEN_TTL_SECONDS` are fine.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Variables injected from Secrets Manager or SSM at task start (`valueFrom`, never a value).
   * The execution role may read exactly these ARNs.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /**
   * Customer-managed KMS keys encrypting those secrets/parameters (the execution role may decrypt with them).
   * @default [] (AWS-managed keys need no grant)
   */
  readonly secretsKmsKeyArns?: readonly string[];
  /**
   * Command run instead of the image's `CMD`, e.g. `["node", "worker.js"]` (a worker on the web app's image).
   * @default - the image's CMD
   */
  readonly command?: readonly string[];
  /**
   * The container's own health check (ECS replaces the task when it fails).
   * @default - none (the load balancer's health check decides)
   */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /**
   * Seconds between SIGTERM and SIGKILL on stop (2-120 on Fargate).
   * @default 30
   */
  readonly stopTimeoutSeconds?: number;
  /**
   * Mount the root filesystem read-only (the app must not write to its filesystem). Not
   * combinable with `enableExecuteCommand`, whose SSM agent writes to it.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
}

/** Names ECS sets itself inside the task. */
const RESERVED_PREFIXES = ["ECS_", "AWS_CONTAINER_"];
const RESERVED_NAMES = ["AWS_EXECUTION_ENV"];
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The resolved image reference. */
export function imageOf(scope: IConstruct, s: ContainerSettings): string {
  if (s.imageUri !== undefined && s.repository !== undefined) {
    fail(scope, "imageUri", "must not be combined with repository; give one of them", s.imageUri);
  }
  if (s.imageUri !== undefined) {
    checkPattern(scope, "imageUri", s.imageUri, /^[a-z0-9][^\s]*(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/, "must be a full image reference with a tag or digest, e.g. public.ecr.aws/org/app:1.2.3");
    return s.imageUri;
  }
  if (s.repository === undefined) fail(scope, "repository", "or imageUri is required", undefined);
  const tag = s.imageTag ?? "latest";
  checkPattern(scope, "imageTag", tag, /^[\w][\w.-]{0,127}$/, "must be a Docker tag (letters, digits, _ . -, up to 128, not starting with . or -)");
  return `${s.repository.repositoryUrl}:${tag}`;
}

/** The container definitions JSON of the one `app` container. */
export function containerDefinitions(
  scope: IConstruct,
  s: ContainerSettings,
  opts: { image: string; port?: number; logGroupName: string; region: string },
): string {
  const secrets = Object.entries(s.secrets ?? {});
  for (const [name, ref] of secrets) {
    if (!VARIABLE_NAME.test(name)) fail(scope, `secrets.${name}`, "must be a variable name of letters, digits and _ not starting with a digit", name);
    checkSecretRef(scope, `secrets.${name}`, ref);
    // ECS selects JSON keys of Secrets Manager secrets only; on a parameter the valueFrom is invalid.
    if (typeof ref !== "string" && ref.jsonKey !== undefined && secretKind(ref) === "ssm") {
      fail(scope, `secrets.${name}.jsonKey`, "is only for Secrets Manager secrets, not SSM parameters", ref.jsonKey);
    }
    const upper = name.toUpperCase();
    const prefix = RESERVED_PREFIXES.find((p) => upper.startsWith(p));
    if (prefix) fail(scope, `secrets.${name}`, `must not start with the reserved prefix ${prefix}`, name);
    if (RESERVED_NAMES.includes(upper)) fail(scope, `secrets.${name}`, "is reserved by the platform", name);
  }
  const environment = renderEnvironment(scope, "environment", s.environment, {
    reservedPrefixes: RESERVED_PREFIXES,
    reservedNames: RESERVED_NAMES,
    secretNames: secrets.map(([name]) => name),
  });
  checkPort(scope, "containerPort", opts.port);
  checkIntegerRange(scope, "stopTimeoutSeconds", s.stopTimeoutSeconds, 2, 120);
  const hc = s.containerHealthCheck;
  if (hc) {
    if (!["CMD", "CMD-SHELL"].includes(hc.command[0]) || hc.command.length < 2) {
      fail(scope, "containerHealthCheck.command", 'must start with "CMD" or "CMD-SHELL" followed by the command', hc.command);
    }
    checkIntegerRange(scope, "containerHealthCheck.intervalSeconds", hc.intervalSeconds, 5, 300);
    checkIntegerRange(scope, "containerHealthCheck.timeoutSeconds", hc.timeoutSeconds, 2, 60);
    checkIntegerRange(scope, "containerHealthCheck.retries", hc.retries, 1, 10);
    checkIntegerRange(scope, "containerHealthCheck.startPeriodSeconds", hc.startPeriodSeconds, 0, 300);
  }
  const container = {
    name: "app",
    image: opts.image,
    essential: true,
    ...(s.command !== undefined ? { command: [...s.command] } : {}),
    ...(opts.port !== undefined ? { portMappings: [{ containerPort: opts.port, hostPort: opts.port, protocol: "tcp" }] } : {}),
    // Empty lists are left out: ECS drops them, and an empty list would show as a diff.
    ...(environment.length > 0 ? { environment } : {}),
    ...(secrets.length > 0
      ? {
          secrets: secrets
            .map(([name, ref]) => ({ name, valueFrom: secretValueFrom(ref) }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        }
      : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": opts.logGroupName, "awslogs-region": opts.region, "awslogs-stream-prefix": "ecs" },
    },
    ...(hc
      ? {
          healthCheck: {
            command: [...hc.command],
            interval: hc.intervalSeconds ?? 30,
            timeout: hc.timeoutSeconds ?? 5,
            retries: hc.retries ?? 3,
            startPeriod: hc.startPeriodSeconds ?? 60,
          },
        }
      : {}),
    stopTimeout: s.stopTimeoutSeconds ?? 30,
    ...(s.readonlyRootFilesystem ? { readonlyRootFilesystem: true } : {}),
  };
  return JSON.stringify([container]);
}

/**
 * What the execution role needs: pull from the repository, write the log group, read exactly
 * the referenced secrets/parameters. `ecr:GetAuthorizationToken` has no resource-level
 * permissions, so it is the one statement on `*`.
 */
export function executionStatements(s: ContainerSettings, logGroupArn: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (s.repository && s.imageUri === undefined) {
    statements.push(...repositoryPullStatements(s.repository.repositoryArn));
  }
  statements.push({ sid: "WriteLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroupArn}:*`] });
  const refs = Object.values(s.secrets ?? {});
  const unique = (kind: "secretsmanager" | "ssm"): string[] => [
    ...new Set(refs.filter((r) => secretKind(r) === kind).map(secretResourceArn)),
  ];
  const keys = [...(s.secretsKmsKeyArns ?? [])];
  const secretArns = unique("secretsmanager");
  const parameterArns = unique("ssm");
  // The keys are granted once, beside the secrets (or the parameters when there are no secrets).
  if (secretArns.length > 0) statements.push(...readSecretsStatements(secretArns, keys));
  if (parameterArns.length > 0) statements.push(...readParametersStatements(parameterArns, secretArns.length > 0 ? [] : keys));
  return statements;
}

/** An image in a private ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com/...`). */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/**
 * Refuse tasks that would start in private subnets with no way to fetch what ECS needs before
 * the container runs: without a NAT, Fargate (platform 1.4.0+) pulls from ECR only through the
 * ecr.api and ecr.dkr interface endpoints plus S3 (image layers), writes awslogs through the
 * logs endpoint and reads `secrets` through the secretsmanager / ssm endpoints; an image from
 * any other registry cannot be pulled at all. Terraform applies such a service and its tasks
 * then fail to start (ResourceInitializationError / CannotPullContainerError) forever.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html
 * Skipped when the network does not describe its egress (`privateSubnetEgress`), has a NAT, or
 * the image is only known at apply.
 */
export function checkTaskEgress(scope: IConstruct, s: ContainerSettings, image: string, egress: PrivateSubnetEgress | undefined): void {
  if (egress === undefined || egress.natGateway) return;
  const fromRepository = s.repository !== undefined && s.imageUri === undefined;
  if (!fromRepository && isToken(image)) return;
  if (!fromRepository && !ECR_IMAGE.test(image)) {
    fail(
      scope,
      "imageUri",
      "cannot be pulled: the network's private subnets have no NAT, and only private ECR images are reachable through VPC endpoints; push the image to ECR (repository) or give the network a NAT",
      image,
    );
  }
  const kinds = new Set(Object.values(s.secrets ?? {}).map(secretKind));
  const needed = ["ecr.api", "ecr.dkr", "logs", ...(kinds.has("secretsmanager") ? ["secretsmanager"] : []), ...(kinds.has("ssm") ? ["ssm"] : [])];
  const missing = [...needed.filter((svc) => !egress.interfaceEndpoints.includes(svc)), ...(egress.s3 ? [] : ["S3 (gateway endpoint, for image layers)"])];
  if (missing.length > 0) {
    fail(
      scope,
      "network.privateSubnetEgress",
      `has no NAT and lacks what tasks need to start (pull the image, write logs, read secrets): add ${missing.join(", ")} to the network's endpoints (or give it a NAT)`,
      egress,
    );
  }
}

