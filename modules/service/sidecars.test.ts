import { describe, expect, it } from "vitest";
import { findResources, policyOf, resources, synth, TEST_NETWORK } from "../internal/testing";
import { SidecarContainer } from "./container";
import { AUTH_SECRET_ARN, DB_SECRET_ARN, REPOSITORY, synthWeb, workerService } from "./testing";

const OTEL = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";
const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/fckdoomscroll/otel-config";
const otel = (more: Partial<SidecarContainer> = {}): SidecarContainer => ({ name: "otel", image: OTEL, ...more });

const containersOf = (json: any): any[] =>
  JSON.parse((Object.values(resources(json, "aws_ecs_task_definition"))[0] as any).container_definitions);
const executionStatements = (json: any): any[] =>
  policyOf(findResources(json, "aws_iam_role_policy", (p) => p.role.includes("ExecutionRole"))[0]).Statement;

describe("sidecars: extra containers in the task", () => {
  it("renders them after app, in the given order, logging to the task's group under their own stream prefix", () => {
    const json = synthWeb({
      sidecars: [
        otel({ containerPorts: [4317, 4318], cpu: 64, memoryReservationMiB: 128, command: ["--config=env:OTEL_CONFIG"] }),
        { name: "proxy", image: `${REPOSITORY.repositoryUrl}:proxy-1.2.3`, essential: true },
      ],
    });
    const [app, first, second] = containersOf(json);
    expect(containersOf(json).map((c) => c.name)).toEqual(["app", "otel", "proxy"]);
    expect(first).toEqual({
      name: "otel",
      image: OTEL,
      essential: false,
      command: ["--config=env:OTEL_CONFIG"],
      portMappings: [
        { containerPort: 4317, hostPort: 4317, protocol: "tcp" },
        { containerPort: 4318, hostPort: 4318, protocol: "tcp" },
      ],
      cpu: 64,
      memoryReservation: 128,
      logConfiguration: { logDriver: "awslogs", options: { ...app.logConfiguration.options, "awslogs-stream-prefix": "otel" } },
    });
    expect(app.logConfiguration.options["awslogs-stream-prefix"]).toBe("ecs");
    expect(second).toMatchObject({ name: "proxy", image: `${REPOSITORY.repositoryUrl}:proxy-1.2.3`, essential: true });
    expect(second.logConfiguration.options["awslogs-stream-prefix"]).toBe("proxy");
    // Nobody waits for anybody unless asked.
    expect(app.dependsOn).toBeUndefined();
  });

  it("resolves imageTag in the task's repository, and refuses it when the task has none", () => {
    expect(containersOf(synthWeb({ sidecars: [{ name: "proxy", imageTag: "proxy-1.2.3" }] }))[1].image).toBe(
      `${REPOSITORY.repositoryUrl}:proxy-1.2.3`,
    );
    expect(() =>
      synthWeb({
        repository: undefined,
        imageUri: "public.ecr.aws/nginx/nginx:1.27",
        sidecars: [{ name: "proxy", imageTag: "proxy-1.2.3" }],
      }),
    ).toThrow(
      /^test\/Web: sidecars\[0\]\.imageTag needs the task's repository \(it is a tag there\); give image instead, got "proxy-1\.2\.3"$/,
    );
  });

  it("mounts a sidecar's root filesystem read-only on request (ECS Exec still reaches the writable app)", () => {
    expect(containersOf(synthWeb({ sidecars: [otel({ readonlyRootFilesystem: true })] }))[1].readonlyRootFilesystem).toBe(true);
    expect(containersOf(synthWeb({ sidecars: [otel()] }))[1].readonlyRootFilesystem).toBeUndefined();
    expect(() => synthWeb({ enableExecuteCommand: true, sidecars: [otel({ readonlyRootFilesystem: true })] })).not.toThrow();
  });

  it("renders no sidecar and no dependsOn by default (the task definition stays one container)", () => {
    expect(containersOf(synthWeb()).map((c) => c.name)).toEqual(["app"]);
  });

  it("makes the app wait for a sidecar's condition, with the sidecar's health check", () => {
    const json = synthWeb({
      sidecars: [
        otel({ healthCheck: { command: ["CMD", "/healthcheck"] }, appStartsAfter: "HEALTHY" }),
        { name: "migrate", image: `${REPOSITORY.repositoryUrl}:migrate-1`, appStartsAfter: "SUCCESS" },
      ],
    });
    const [app, sidecar] = containersOf(json);
    expect(app.dependsOn).toEqual([
      { containerName: "otel", condition: "HEALTHY" },
      { containerName: "migrate", condition: "SUCCESS" },
    ]);
    expect(sidecar.healthCheck).toEqual({ command: ["CMD", "/healthcheck"], interval: 30, timeout: 5, retries: 3, startPeriod: 60 });
  });

  it("renders sidecar variables sorted and secrets as valueFrom, and lets the execution role read the sidecars' secrets", () => {
    const json = synthWeb({
      secrets: { AUTH_SECRET: AUTH_SECRET_ARN },
      sidecars: [
        otel({
          environment: { Z_LEVEL: "info", A_MODE: "agent" },
          secrets: { OTEL_CONFIG: PARAMETER_ARN, DD_API_KEY: { arn: DB_SECRET_ARN, jsonKey: "key" } },
        }),
      ],
    });
    const sidecar = containersOf(json)[1];
    expect(sidecar.environment).toEqual([
      { name: "A_MODE", value: "agent" },
      { name: "Z_LEVEL", value: "info" },
    ]);
    expect(sidecar.secrets).toEqual([
      { name: "DD_API_KEY", valueFrom: `${DB_SECRET_ARN}:key::` },
      { name: "OTEL_CONFIG", valueFrom: PARAMETER_ARN },
    ]);
    const statements = executionStatements(json);
    expect(statements.find((s) => s.Sid === "ReadSecrets").Resource).toEqual([AUTH_SECRET_ARN, DB_SECRET_ARN]);
    expect(statements.find((s) => s.Sid === "ReadParameters").Resource).toEqual(PARAMETER_ARN);
  });

  it("accepts sidecars on a worker (no port of its own) and reservations that fill the task exactly", () => {
    const json = synth((s) =>
      workerService(s, { cpu: 256, memoryMiB: 512, sidecars: [otel({ cpu: 256, memoryReservationMiB: 512, containerPorts: [3000] })] }),
    );
    expect(containersOf(json).map((c) => [c.name, c.cpu, c.memoryReservation])).toEqual([
      ["app", undefined, undefined],
      ["otel", 256, 512],
    ]);
  });

  it("accepts an image from the task's repository and a public image in a NAT-less network with the endpoints (public images need egress: refused there)", () => {
    const noNat = {
      ...TEST_NETWORK,
      privateSubnetEgress: { natGateway: false, s3: true, interfaceEndpoints: ["ecr.api", "ecr.dkr", "logs"] },
    };
    expect(() =>
      synthWeb({ network: noNat, sidecars: [{ name: "proxy", image: `${REPOSITORY.repositoryUrl}@sha256:${"a".repeat(64)}` }] }),
    ).not.toThrow();
    expect(() => synthWeb({ network: noNat, sidecars: [otel()] })).toThrow(
      /^test\/Web: sidecars\[0\]\.image cannot be pulled: the network's private subnets have no NAT, and only private ECR images are reachable through VPC endpoints; push the image to the task's repository or give the network a NAT, got "public\.ecr\.aws\/aws-observability\/aws-otel-collector:v0\.40\.0"$/,
    );
    expect(() =>
      synthWeb({ network: noNat, sidecars: [otel({ secrets: { OTEL_CONFIG: PARAMETER_ARN } })], assignPublicIp: true }),
    ).not.toThrow();
    expect(() =>
      synthWeb({
        network: noNat,
        sidecars: [{ name: "proxy", image: `${REPOSITORY.repositoryUrl}:1`, secrets: { OTEL_CONFIG: PARAMETER_ARN } }],
      }),
    ).toThrow(/network\.privateSubnetEgress has no NAT .*add ssm to the network's endpoints/);
  });

  // Each refusal, then the nearest valid input.
  const cases: [string, SidecarContainer[], RegExp, SidecarContainer[]][] = [
    [
      "a name with a dot",
      [otel({ name: "otel.collector" })],
      /^test\/Web: sidecars\[0\]\.name must be letters, digits, hyphens and underscores \(ECS container names\), got "otel\.collector"$/,
      [otel({ name: "log_router" }), otel({ name: "Otel-2" })],
    ],
    [
      "the name app",
      [otel({ name: "app" })],
      /^test\/Web: sidecars\[0\]\.name must not be "app" \(the app container's name\), got "app"$/,
      [otel({ name: "app-proxy" })],
    ],
    [
      "a repeated name",
      [otel(), otel()],
      /^test\/Web: sidecars\[1\]\.name must be unique among sidecars, got "otel"$/,
      [otel(), otel({ name: "otel-b" })],
    ],
    [
      "an image without tag or digest",
      [otel({ image: "public.ecr.aws/aws-observability/aws-otel-collector" })],
      /sidecars\[0\]\.image must be a full image reference with a tag or digest/,
      [otel({ image: "public.ecr.aws/aws-observability/aws-otel-collector:latest" })],
    ],
    [
      "a private ECR image of another repository",
      [otel({ image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/other/proxy:1.0" })],
      /^test\/Web: sidecars\[0\]\.image is a private ECR image outside the task's repository \(123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/fckdoomscroll\/app\); the execution role may pull from that repository only: push the image there, got "123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/other\/proxy:1\.0"$/,
      [otel({ image: `${REPOSITORY.repositoryUrl}:proxy-1.0` })],
    ],
    [
      "a repository image with a bad tag",
      [otel({ image: `${REPOSITORY.repositoryUrl}:v1 beta` })],
      /sidecars\[0\]\.image must name a tag or digest of the repository/,
      [otel({ image: `${REPOSITORY.repositoryUrl}:v1-beta` })],
    ],
    [
      "both image and imageTag",
      [otel({ imageTag: "otel-1" })],
      /^test\/Web: sidecars\[0\]\.imageTag must not be combined with image; give one of them, got "otel-1"$/,
      [{ name: "otel", imageTag: "otel-1" }],
    ],
    [
      "neither image nor imageTag",
      [{ name: "otel" }],
      /^test\/Web: sidecars\[0\]\.image or imageTag is required, got undefined$/,
      [{ name: "otel", imageTag: "otel-1" }],
    ],
    [
      "an imageTag with a space",
      [{ name: "otel", imageTag: "otel 1" }],
      /sidecars\[0\]\.imageTag must be a Docker tag .*got "otel 1"/,
      [{ name: "otel", imageTag: "otel_1" }],
    ],
    [
      "a port above 65535",
      [otel({ containerPorts: [70000] })],
      /^test\/Web: sidecars\[0\]\.containerPorts\[0\] must be an integer from 1 to 65535, got 70000$/,
      [otel({ containerPorts: [65535] })],
    ],
    [
      "the app's port",
      [otel({ containerPorts: [3000] })],
      /^test\/Web: sidecars\[0\]\.containerPorts\[0\] must be unique in the task \(containers share one network namespace\); already used by the app's containerPort, got 3000$/,
      [otel({ containerPorts: [3001] })],
    ],
    [
      "a port of another sidecar",
      [otel({ containerPorts: [4317] }), otel({ name: "b", containerPorts: [4317] })],
      /sidecars\[1\]\.containerPorts\[0\] must be unique in the task .*already used by sidecars\[0\] \(otel\), got 4317/,
      [otel({ containerPorts: [4317] }), otel({ name: "b", containerPorts: [4318] })],
    ],
    [
      "a memory reservation below Docker's 6 MiB",
      [otel({ memoryReservationMiB: 5 })],
      /sidecars\[0\]\.memoryReservationMiB must be an integer from 6 to 122880, got 5/,
      [otel({ memoryReservationMiB: 6 })],
    ],
    ["a negative cpu", [otel({ cpu: -1 })], /sidecars\[0\]\.cpu must be an integer from 0 to 16384, got -1/, [otel({ cpu: 0 })]],
    [
      "reservations above the task's memory",
      [otel({ memoryReservationMiB: 600 }), otel({ name: "b", memoryReservationMiB: 500 })],
      /^test\/Web: sidecars\[\]\.memoryReservationMiB must add up to at most the task's memory \(1024 MiB\); raise memoryMiB or reserve less, got 1100$/,
      [otel({ memoryReservationMiB: 600 }), otel({ name: "b", memoryReservationMiB: 424 })],
    ],
    [
      "reservations above the task's cpu",
      [otel({ cpu: 513 })],
      /^test\/Web: sidecars\[\]\.cpu must add up to at most the task's cpu \(512 units\); raise cpu or reserve less, got 513$/,
      [otel({ cpu: 512 })],
    ],
    [
      "an unknown dependency condition",
      [otel({ appStartsAfter: "STARTED" as "START" })],
      /sidecars\[0\]\.appStartsAfter must be one of "START", "HEALTHY", "COMPLETE", "SUCCESS", got "STARTED"/,
      [otel({ appStartsAfter: "START" })],
    ],
    [
      "COMPLETE on an essential sidecar",
      [otel({ essential: true, appStartsAfter: "COMPLETE" })],
      /sidecars\[0\]\.appStartsAfter COMPLETE needs a non-essential sidecar .*set essential to false, got "COMPLETE"/,
      [otel({ essential: false, appStartsAfter: "COMPLETE" })],
    ],
    [
      "HEALTHY without a health check",
      [otel({ appStartsAfter: "HEALTHY" })],
      /^test\/Web: sidecars\[0\]\.appStartsAfter HEALTHY needs the sidecar's healthCheck, got "HEALTHY"$/,
      [otel({ appStartsAfter: "HEALTHY", healthCheck: { command: ["CMD-SHELL", "true"] } })],
    ],
    [
      "a health check without CMD",
      [otel({ healthCheck: { command: ["true"] } })],
      /sidecars\[0\]\.healthCheck\.command must start with "CMD" or "CMD-SHELL"/,
      [otel({ healthCheck: { command: ["CMD", "true"] } })],
    ],
    [
      "a secret-looking plain variable",
      [otel({ environment: { DD_API_KEY: "abc123abc123abc123" } })],
      /sidecars\[0\]\.environment\.DD_API_KEY looks like a secret; pass it in `secrets`.*got "<redacted>"/,
      [otel({ secrets: { DD_API_KEY: AUTH_SECRET_ARN } })],
    ],
    [
      "a reserved variable",
      [otel({ environment: { ECS_X: "1" } })],
      /sidecars\[0\]\.environment\.ECS_X must not start with the reserved prefix ECS_/,
      [otel({ environment: { X_ECS: "1" } })],
    ],
    [
      "a secret given by name",
      [otel({ secrets: { DD_API_KEY: "datadog/api-key" } })],
      /sidecars\[0\]\.secrets\.DD_API_KEY must be the ARN of a Secrets Manager secret .*not a name/,
      [otel({ secrets: { DD_API_KEY: AUTH_SECRET_ARN } })],
    ],
    [
      "a JSON key of an SSM parameter",
      [otel({ secrets: { CONFIG: { arn: PARAMETER_ARN, jsonKey: "x" } } })],
      /sidecars\[0\]\.secrets\.CONFIG\.jsonKey is only for Secrets Manager secrets/,
      [otel({ secrets: { CONFIG: { arn: AUTH_SECRET_ARN, jsonKey: "x" } } })],
    ],
    [
      "a name both plain and secret",
      [otel({ environment: { CONFIG: "x" }, secrets: { CONFIG: PARAMETER_ARN } })],
      /sidecars\[0\]\.environment\.CONFIG is also given as a secret/,
      [otel({ environment: { CONFIG_PATH: "x" }, secrets: { CONFIG: PARAMETER_ARN } })],
    ],
  ];
  it.each(cases)("refuses %s and accepts the nearest valid sidecar", (_what, bad, message, good) => {
    expect(() => synthWeb({ sidecars: bad })).toThrow(message);
    expect(() => synthWeb({ sidecars: good })).not.toThrow();
  });
});
