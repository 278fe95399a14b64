import { IConstruct } from "constructs";
import { PolicyStatement } from "../core/policy-document";
import { readParametersStatements, readSecretsStatements } from "../core/statements";
import { checkVariableName, renderEnvironment } from "../internal/environment-variables";
import { checkIntegerRange, checkMaxLength, checkOneOf, checkPattern, checkPort, fail, isToken } from "../internal/validate";
import { PrivateSubnetEgress } from "../core/network-ref";
import { RepositoryRef } from "../core/repository-ref";
import { repositoryPullStatements } from "../core/repository-statements";
import { SecretRef, checkSecretRef, secretKind, secretResourceArn, secretValueFrom } from "../core/secret-ref";

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
   * combinable with `enableExecuteCommand`, whose SSM agent writes to it. Left unset, policy
   * ECS-READ-ONLY-ROOT-FS warns; `false` given explicitly is a choice and accepted.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Extra containers in the same task, rendered after `app` in this order (e.g. a metrics
   * agent or a proxy). They share the task's network namespace, CPU and memory, log to the same
   * log group (stream prefix = the sidecar's name), and the execution role reads their
   * `secrets`. Images: private ones from {@link repository} only (pull is granted on it);
   * public images (Docker Hub, `public.ecr.aws`) need internet egress (a NAT or a public IP).
   * @default []
   */
  readonly sidecars?: readonly SidecarContainer[];
}

/** An extra container beside `app` in the task. */
export interface SidecarContainer {
  /**
   * Container name: up to 255 letters, digits, hyphens and underscores (ECS's rule; AWS's own
   * FireLens examples name the router `log_router`), unique in the task, not `app`. Also the log
   * stream prefix.
   */
  readonly name: string;
  /**
   * Full image reference with a tag or digest, e.g. `public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0`
   * or `<repositoryUrl>:proxy-1.2.3`. A private ECR image must be in the task's `repository`
   * (no other registry is granted).
   * @default - none; then `imageTag` is required
   */
  readonly image?: string;
  /**
   * A tag in the task's `repository` (for when its URL is not known yet, e.g. a repository the
   * same construct creates); used instead of `image`.
   * @default - none; then `image` is required
   */
  readonly imageTag?: string;
  /**
   * Whether the task stops when this container stops. Leave false for helpers the app can
   * live without, and for containers that run once (`COMPLETE` / `SUCCESS`).
   * @default false
   */
  readonly essential?: boolean;
  /** Command run instead of the image's `CMD`. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Plain environment variables, checked like the app's `environment`. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Variables from Secrets Manager or SSM, checked like the app's `secrets`; the execution role may read them. @default {} */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /**
   * Ports the container listens on (1-65535; TCP). Containers of a task share one network
   * namespace, so each port may be used once in the whole task (the app's port included).
   * Nothing is opened to them: reach them from the app at `localhost:<port>`.
   * @default []
   */
  readonly containerPorts?: readonly number[];
  /**
   * Soft memory reservation, MiB (6 or more). The sum over the task's containers must not exceed the task's memory.
   * @default - none (shares the task's memory)
   */
  readonly memoryReservationMiB?: number;
  /**
   * CPU units reserved for the container (1024 = 1 vCPU). The sum over the task's containers
   * must not exceed the task's cpu.
   * @default - none (shares the task's CPU)
   */
  readonly cpu?: number;
  /** The container's own health check (needed for `appStartsAfter: "HEALTHY"`). @default - none */
  readonly healthCheck?: ContainerHealthCheck;
  /**
   * Make the app container wait for this one: `START` (started), `HEALTHY` (passes its
   * `healthCheck`), `COMPLETE` (has exited) or `SUCCESS` (has exited with 0; e.g. a migration
   * or a config renderer). `COMPLETE` and `SUCCESS` need a non-essential sidecar.
   * @default - the app does not wait for it
   */
  readonly appStartsAfter?: "START" | "HEALTHY" | "COMPLETE" | "SUCCESS";
  /**
   * Mount the sidecar's root filesystem read-only (as the app's `readonlyRootFilesystem`). ECS
   * Exec's agent cannot run in such a container: with `enableExecuteCommand`, exec into the app.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
}

/** Names ECS sets itself inside the task. */
const RESERVED_PREFIXES = ["ECS_", "AWS_CONTAINER_"];
const RESERVED_NAMES = ["AWS_EXECUTION_ENV"];

const IMAGE_REFERENCE = /^[a-z0-9][^\s]*(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

function checkImageReference(scope: IConstruct, prop: string, image: string): void {
  checkPattern(
    scope,
    prop,
    image,
    IMAGE_REFERENCE,
    "must be a full image reference with a tag or digest, e.g. public.ecr.aws/org/app:1.2.3",
  );
}

function checkImageTag(scope: IConstruct, prop: string, tag: string): void {
  checkPattern(
    scope,
    prop,
    tag,
    /^[\w][\w.-]{0,127}$/,
    "must be a Docker tag (letters, digits, _ . -, up to 128, not starting with . or -)",
  );
}

/** The resolved image reference. */
export function imageOf(scope: IConstruct, s: ContainerSettings): string {
  if (s.imageUri !== undefined && s.repository !== undefined) {
    fail(scope, "imageUri", "must not be combined with repository; give one of them", s.imageUri);
  }
  if (s.imageUri !== undefined) {
    checkImageReference(scope, "imageUri", s.imageUri);
    return s.imageUri;
  }
  if (s.repository === undefined) fail(scope, "repository", "or imageUri is required", undefined);
  const tag = s.imageTag ?? "latest";
  checkImageTag(scope, "imageTag", tag);
  return `${s.repository.repositoryUrl}:${tag}`;
}

/** Secrets as ECS takes them (`valueFrom`, sorted by name), each checked like `checkSecretRef`. */
function renderSecrets(scope: IConstruct, prop: string, secrets: Readonly<Record<string, SecretRef>> | undefined) {
  const entries = Object.entries(secrets ?? {});
  for (const [name, ref] of entries) {
    checkVariableName(scope, `${prop}.${name}`, name, { reservedPrefixes: RESERVED_PREFIXES, reservedNames: RESERVED_NAMES });
    checkSecretRef(scope, `${prop}.${name}`, ref);
    // ECS selects JSON keys of Secrets Manager secrets only; on a parameter the valueFrom is invalid.
    if (typeof ref !== "string" && ref.jsonKey !== undefined && secretKind(ref) === "ssm") {
      fail(scope, `${prop}.${name}.jsonKey`, "is only for Secrets Manager secrets, not SSM parameters", ref.jsonKey);
    }
  }
  return entries
    .map(([name, ref]) => ({ name, valueFrom: secretValueFrom(ref) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Plain variables and secrets of one container; empty lists are left out (ECS drops them, and an empty list would show as a diff). */
function renderVariables(
  scope: IConstruct,
  prefix: string,
  environment: Readonly<Record<string, string>> | undefined,
  secrets: Readonly<Record<string, SecretRef>> | undefined,
) {
  const renderedSecrets = renderSecrets(scope, `${prefix}secrets`, secrets);
  const renderedEnvironment = renderEnvironment(scope, `${prefix}environment`, environment, {
    reservedPrefixes: RESERVED_PREFIXES,
    reservedNames: RESERVED_NAMES,
    secretNames: renderedSecrets.map((x) => x.name),
  });
  return {
    ...(renderedEnvironment.length > 0 ? { environment: renderedEnvironment } : {}),
    ...(renderedSecrets.length > 0 ? { secrets: renderedSecrets } : {}),
  };
}

function renderHealthCheck(scope: IConstruct, prop: string, hc: ContainerHealthCheck | undefined) {
  if (!hc) return {};
  if (!["CMD", "CMD-SHELL"].includes(hc.command[0]) || hc.command.length < 2) {
    fail(scope, `${prop}.command`, 'must start with "CMD" or "CMD-SHELL" followed by the command', hc.command);
  }
  checkIntegerRange(scope, `${prop}.intervalSeconds`, hc.intervalSeconds, 5, 300);
  checkIntegerRange(scope, `${prop}.timeoutSeconds`, hc.timeoutSeconds, 2, 60);
  checkIntegerRange(scope, `${prop}.retries`, hc.retries, 1, 10);
  checkIntegerRange(scope, `${prop}.startPeriodSeconds`, hc.startPeriodSeconds, 0, 300);
  return {
    healthCheck: {
      command: [...hc.command],
      interval: hc.intervalSeconds ?? 30,
      timeout: hc.timeoutSeconds ?? 5,
      retries: hc.retries ?? 3,
      startPeriod: hc.startPeriodSeconds ?? 60,
    },
  };
}

function logConfiguration(logGroupName: string, region: string, streamPrefix: string) {
  return {
    logDriver: "awslogs",
    options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": streamPrefix },
  };
}

/**
 * "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed"
 * (ECS API, ContainerDefinition.name, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 */
const SIDECAR_NAME = /^[A-Za-z0-9_-]+$/;
const DEPENDENCY_CONDITIONS = ["START", "HEALTHY", "COMPLETE", "SUCCESS"] as const;

/** `<repositoryUrl>:<tag>` or `<repositoryUrl>@<digest>` (also when the URL is a token). */
function inRepository(image: string, repository: RepositoryRef | undefined): boolean {
  return repository !== undefined && (image.startsWith(`${repository.repositoryUrl}:`) || image.startsWith(`${repository.repositoryUrl}@`));
}

/** The sidecar's image: `image`, or `imageTag` in the task's repository. */
function sidecarImage(scope: IConstruct, prop: string, c: SidecarContainer, repository: RepositoryRef | undefined): string {
  if (c.image !== undefined && c.imageTag !== undefined)
    fail(scope, `${prop}.imageTag`, "must not be combined with image; give one of them", c.imageTag);
  if (c.imageTag !== undefined) {
    if (repository === undefined)
      fail(scope, `${prop}.imageTag`, "needs the task's repository (it is a tag there); give image instead", c.imageTag);
    checkImageTag(scope, `${prop}.imageTag`, c.imageTag);
    return `${repository.repositoryUrl}:${c.imageTag}`;
  }
  if (c.image === undefined) fail(scope, `${prop}.image`, "or imageTag is required", undefined);
  checkSidecarImage(scope, `${prop}.image`, c.image, repository);
  return c.image;
}

/** Where the task may pull from: its repository (granted) or any non-ECR registry (internet egress). */
function checkSidecarImage(scope: IConstruct, prop: string, image: string, repository: RepositoryRef | undefined): void {
  if (inRepository(image, repository)) {
    const rest = image.slice(repository!.repositoryUrl.length);
    if (!isToken(rest) && !/^(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/.test(rest)) {
      fail(scope, prop, "must name a tag or digest of the repository, e.g. <repositoryUrl>:proxy-1.2.3", image);
    }
    return;
  }
  checkImageReference(scope, prop, image);
  if (!isToken(image) && ECR_IMAGE.test(image)) {
    fail(
      scope,
      prop,
      `is a private ECR image outside the task's repository${repository ? ` (${isToken(repository.repositoryUrl) ? "repository" : repository.repositoryUrl})` : " (none given)"}; the execution role may pull from that repository only: push the image there`,
      image,
    );
  }
}

/** Sidecar secrets and the app's, for grants and egress checks. */
function allSecretRefs(s: ContainerSettings): SecretRef[] {
  return [...Object.values(s.secrets ?? {}), ...(s.sidecars ?? []).flatMap((c) => Object.values(c.secrets ?? {}))];
}

/**
 * The container definitions JSON: the `app` container, then the sidecars in the given order.
 * With `taskCpu` / `taskMemoryMiB`, the containers' reservations are checked against them.
 */
export function containerDefinitions(
  scope: IConstruct,
  s: ContainerSettings,
  opts: { image: string; port?: number; logGroupName: string; region: string; taskCpu?: number; taskMemoryMiB?: number },
): string {
  const variables = renderVariables(scope, "", s.environment, s.secrets);
  checkPort(scope, "containerPort", opts.port);
  checkIntegerRange(scope, "stopTimeoutSeconds", s.stopTimeoutSeconds, 2, 120);
  const sidecars = s.sidecars ?? [];
  const dependsOn = sidecars
    .filter((c) => c.appStartsAfter !== undefined)
    .map((c) => ({ containerName: c.name, condition: c.appStartsAfter }));
  const container = {
    name: "app",
    image: opts.image,
    essential: true,
    ...(s.command !== undefined ? { command: [...s.command] } : {}),
    ...(opts.port !== undefined ? { portMappings: [{ containerPort: opts.port, hostPort: opts.port, protocol: "tcp" }] } : {}),
    ...variables,
    logConfiguration: logConfiguration(opts.logGroupName, opts.region, "ecs"),
    ...renderHealthCheck(scope, "containerHealthCheck", s.containerHealthCheck),
    stopTimeout: s.stopTimeoutSeconds ?? 30,
    ...(s.readonlyRootFilesystem ? { readonlyRootFilesystem: true } : {}),
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
  };
  return JSON.stringify([container, ...renderSidecars(scope, s, opts)]);
}

/**
 * Sidecar container definitions, checked as ECS would at RegisterTaskDefinition or task start:
 * ContainerDependency conditions (COMPLETE/SUCCESS not on an essential container, HEALTHY needs
 * a health check), https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html;
 * one port per task in awsvpc mode; on Fargate the resource limits must be greater than or
 * equal to the containers' reservations,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-size-best-practice.html
 * and https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html (cpu, memoryReservation).
 */
function renderSidecars(
  scope: IConstruct,
  s: ContainerSettings,
  opts: { port?: number; logGroupName: string; region: string; taskCpu?: number; taskMemoryMiB?: number },
): object[] {
  const sidecars = s.sidecars ?? [];
  const names = new Set(["app"]);
  const ports = new Map<number, string>(opts.port !== undefined ? [[opts.port, "the app's containerPort"]] : []);
  let cpu = 0;
  let memory = 0;
  const rendered = sidecars.map((c, i) => {
    const prop = `sidecars[${i}]`;
    checkPattern(scope, `${prop}.name`, c.name, SIDECAR_NAME, "must be letters, digits, hyphens and underscores (ECS container names)");
    checkMaxLength(scope, `${prop}.name`, c.name, 255);
    if (names.has(c.name))
      fail(
        scope,
        `${prop}.name`,
        c.name === "app" ? 'must not be "app" (the app container\'s name)' : "must be unique among sidecars",
        c.name,
      );
    names.add(c.name);
    const image = sidecarImage(scope, prop, c, s.repository);
    for (const [j, port] of (c.containerPorts ?? []).entries()) {
      checkPort(scope, `${prop}.containerPorts[${j}]`, port);
      const owner = ports.get(port);
      if (owner !== undefined)
        fail(
          scope,
          `${prop}.containerPorts[${j}]`,
          `must be unique in the task (containers share one network namespace); already used by ${owner}`,
          port,
        );
      ports.set(port, `${prop} (${c.name})`);
    }
    checkIntegerRange(scope, `${prop}.memoryReservationMiB`, c.memoryReservationMiB, 6, 122880);
    checkIntegerRange(scope, `${prop}.cpu`, c.cpu, 0, 16384);
    cpu += c.cpu ?? 0;
    memory += c.memoryReservationMiB ?? 0;
    const essential = c.essential ?? false;
    if (c.appStartsAfter !== undefined) {
      checkOneOf(scope, `${prop}.appStartsAfter`, c.appStartsAfter, DEPENDENCY_CONDITIONS);
      if (essential && (c.appStartsAfter === "COMPLETE" || c.appStartsAfter === "SUCCESS")) {
        fail(
          scope,
          `${prop}.appStartsAfter`,
          `${c.appStartsAfter} needs a non-essential sidecar (an essential container that exits stops the task); set essential to false`,
          c.appStartsAfter,
        );
      }
      if (c.appStartsAfter === "HEALTHY" && c.healthCheck === undefined) {
        fail(scope, `${prop}.appStartsAfter`, "HEALTHY needs the sidecar's healthCheck", c.appStartsAfter);
      }
    }
    return {
      name: c.name,
      image,
      essential,
      ...(c.command !== undefined ? { command: [...c.command] } : {}),
      ...((c.containerPorts ?? []).length > 0
        ? { portMappings: (c.containerPorts ?? []).map((p) => ({ containerPort: p, hostPort: p, protocol: "tcp" })) }
        : {}),
      ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
      ...(c.memoryReservationMiB !== undefined ? { memoryReservation: c.memoryReservationMiB } : {}),
      ...renderVariables(scope, `${prop}.`, c.environment, c.secrets),
      logConfiguration: logConfiguration(opts.logGroupName, opts.region, c.name),
      ...renderHealthCheck(scope, `${prop}.healthCheck`, c.healthCheck),
      ...(c.readonlyRootFilesystem ? { readonlyRootFilesystem: true } : {}),
    };
  });
  if (opts.taskCpu !== undefined && !isToken(opts.taskCpu) && cpu > opts.taskCpu) {
    fail(scope, "sidecars[].cpu", `must add up to at most the task's cpu (${opts.taskCpu} units); raise cpu or reserve less`, cpu);
  }
  if (opts.taskMemoryMiB !== undefined && !isToken(opts.taskMemoryMiB) && memory > opts.taskMemoryMiB) {
    fail(
      scope,
      "sidecars[].memoryReservationMiB",
      `must add up to at most the task's memory (${opts.taskMemoryMiB} MiB); raise memoryMiB or reserve less`,
      memory,
    );
  }
  return rendered;
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
  const refs = allSecretRefs(s);
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
  for (const [i, c] of (s.sidecars ?? []).entries()) {
    if (c.image !== undefined && !inRepository(c.image, s.repository) && !isToken(c.image) && !ECR_IMAGE.test(c.image)) {
      fail(
        scope,
        `sidecars[${i}].image`,
        "cannot be pulled: the network's private subnets have no NAT, and only private ECR images are reachable through VPC endpoints; push the image to the task's repository or give the network a NAT",
        c.image,
      );
    }
  }
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
  const kinds = new Set(allSecretRefs(s).map(secretKind));
  const needed = [
    "ecr.api",
    "ecr.dkr",
    "logs",
    ...(kinds.has("secretsmanager") ? ["secretsmanager"] : []),
    ...(kinds.has("ssm") ? ["ssm"] : []),
  ];
  const missing = [
    ...needed.filter((svc) => !egress.interfaceEndpoints.includes(svc)),
    ...(egress.s3 ? [] : ["S3 (gateway endpoint, for image layers)"]),
  ];
  if (missing.length > 0) {
    fail(
      scope,
      "network.privateSubnetEgress",
      `has no NAT and lacks what tasks need to start (pull the image, write logs, read secrets): add ${missing.join(", ")} to the network's endpoints (or give it a NAT)`,
      egress,
    );
  }
}
