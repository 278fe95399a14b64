import { describe, expect, it } from "vitest";
import { synth } from "../internal/testing";
import { DATABASE, REPOSITORY, synthWeb, workerService } from "./testing";
import { FargateCluster } from "./fargate-cluster";

const LONG = "fckdoomscroll-production-web-frontend"; // 37 characters

describe("bad input fails at synth with the path, the prop and the value", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["an invalid Fargate cpu/memory pair", { cpu: 512, memoryMiB: 512 }, /test\/Web: memoryMiB must be a Fargate memory value for cpu 512: 1024, 2048, 3072, 4096 MiB, got 512/],
    ["an unknown Fargate cpu value", { cpu: 300 }, /cpu must be a Fargate task CPU value: one of 256, .*16384.*got 300/],
    ["a memory step Fargate lacks at 8 vCPU", { cpu: 8192, memoryMiB: 18432 }, /memoryMiB must be .*for cpu 8192: 16384 to 61440 in steps of 4096 MiB, got 18432/],
    ["a container port above 65535", { containerPort: 70000 }, /containerPort must be an integer from 1 to 65535, got 70000/],
    ["a container port of 0", { containerPort: 0 }, /containerPort must be an integer from 1 to 65535, got 0/],
    ["a health-check path without a leading /", { healthCheck: { path: "api/health" } }, /healthCheck.path must start with \/.*got "api\/health"/],
    ["a healthy threshold below 2", { healthCheck: { healthyThreshold: 1 } }, /healthCheck.healthyThreshold must be an integer from 2 to 10, got 1/],
    ["an unhealthy threshold above 10", { healthCheck: { unhealthyThreshold: 11 } }, /healthCheck.unhealthyThreshold must be an integer from 2 to 10, got 11/],
    ["a timeout not below the interval", { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }, /healthCheck.timeoutSeconds must be below intervalSeconds \(10\), got 10/],
    ["a route health check with a bad path", { routes: [{ name: "ws", priority: 1, pathPatterns: ["/ws/*"], healthCheck: { path: "x" } }] }, /routes\[0\].healthCheck.path must start with \//],
    ["min capacity above max", { minCapacity: 5, maxCapacity: 2 }, /minCapacity must not exceed maxCapacity \(2\), got 5/],
    ["desired count above max", { desiredCount: 11 }, /desiredCount must be within \[minCapacity, maxCapacity\] = \[2, 10\], got 11/],
    ["desired count below min", { desiredCount: 1 }, /desiredCount must be within .*got 1/],
    ["a load balancer name over 32 characters", { loadBalancerName: LONG }, /loadBalancerName must be 1-32 characters for a loadBalancer name \(is 37\).*got "fckdoomscroll-production-web-frontend"/],
    ["a default load balancer name over 32 characters", { name: LONG }, /loadBalancerName must be 1-32 characters/],
    ["a target group name over 32 characters", { targetGroupName: LONG }, /targetGroupName must be 1-32 characters for a targetGroup name \(is 37\)/],
    ["a route target group name over 32 characters", { routes: [{ name: "ws", priority: 1, pathPatterns: ["/ws/*"], targetGroupName: LONG }] }, /routes\[0\].targetGroupName must be 1-32/],
    ["a duplicate environment variable name", { environment: { LOG_LEVEL: "info", log_level: "debug" } }, /environment must not repeat a name \(also given as LOG_LEVEL\), got "log_level"/],
    ["a reserved ECS_ variable", { environment: { ECS_ENABLE_CONTAINER_METADATA: "true" } }, /environment.ECS_ENABLE_CONTAINER_METADATA must not start with the reserved prefix ECS_/],
    ["a reserved AWS_EXECUTION_ENV variable", { environment: { AWS_EXECUTION_ENV: "x" } }, /environment.AWS_EXECUTION_ENV is reserved by the platform/],
    ["a secret-looking plain variable", { environment: { AUTH_SECRET: "hunter2hunter2" } }, /environment.AUTH_SECRET looks like a secret; pass it in `secrets`.*got "<redacted>"/],
    ["a credential-looking plain value", { environment: { UPSTREAM: "postgres://admin:pw@db:5432/app" } }, /environment.UPSTREAM holds a value that looks like a credential/],
    ["a name both plain and secret", { environment: { AUTH_URL_PATH: "/x" }, secrets: { AUTH_URL_PATH: "arn:aws:ssm:us-east-1:123456789012:parameter/x" } }, /environment.AUTH_URL_PATH is also given as a secret/],
    ["HTTPS with neither certificate nor zone", { https: true }, /https needs a certificate: give certificateArn, or domain .*got true/],
    ["a certificate ARN of another service", { certificateArn: "arn:aws:iam::123456789012:server-certificate/x" }, /certificateArn must be an acm ARN/],
    ["an invalid hosted zone id", { domain: { name: "origin.example.com", hostedZoneId: "example.com" } }, /domain.hostedZoneId must be a Route 53 hosted zone id/],
    ["a short origin header secret", { originVerifyHeader: { name: "X-Origin-Verify", value: "abc" } }, /originVerifyHeader.value must be 16-128 printable characters/],
    ["duplicate route priorities", { routes: [{ name: "a", priority: 5, pathPatterns: ["/a/*"] }, { name: "b", priority: 5, pathPatterns: ["/b/*"] }] }, /routes\[1\].priority must be unique among routes, got 5/],
    ["a route matching nothing", { routes: [{ name: "a", priority: 5 }] }, /routes\[0\] needs hostHeaders or pathPatterns/],
    ["a bad schedule", { scheduledCapacity: [{ name: "night", schedule: "0 19 * * *", minCapacity: 0, maxCapacity: 0 }] }, /scheduledCapacity\[0\].schedule must be cron\(...\)/],
    ["a strategy with two bases", { capacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 1 }, { capacityProvider: "FARGATE_SPOT", base: 1 }] }, /capacityProviderStrategy may set base on one capacity provider only/],
    ["an image URI beside a repository", { imageUri: "nginx:1.27" }, /imageUri must not be combined with repository/],
    ["no image at all", { repository: undefined }, /repository or imageUri is required/],
    ["a log retention CloudWatch lacks", { logRetentionDays: 10 }, /logRetentionDays must be one of 1, 3, 5, 7, 14, 30/],
    ["a stop timeout above Fargate's 120 s", { stopTimeoutSeconds: 300 }, /stopTimeoutSeconds must be an integer from 2 to 120, got 300/],
    ["a container health check without CMD", { containerHealthCheck: { command: ["curl", "-f", "localhost"] } }, /containerHealthCheck.command must start with "CMD" or "CMD-SHELL"/],
  ];
  it.each(cases)("rejects %s", (_what, overrides, message) => {
    expect(() => synthWeb(overrides)).toThrow(message);
  });

  it("rejects a database port outside 1-65535 in connectToDatabase", () => {
    expect(() => synthWeb({}, (web) => web.connectToDatabase({ ...DATABASE, port: 0 }))).toThrow(
      /test\/Web: connectToDatabase\(db\).port must be an integer from 1 to 65535, got 0/,
    );
  });

  it("rejects a worker whose desired count is outside its range", () => {
    expect(() => synth((s) => workerService(s, { maxCapacity: 3, desiredCount: 4 }))).toThrow(/test\/Worker: desiredCount must be within \[minCapacity, maxCapacity\] = \[1, 3\], got 4/);
  });

  it("rejects a cluster strategy without weight", () => {
    expect(() =>
      synth((s) => new FargateCluster(s, "Cluster", { name: "c", defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] })),
    ).toThrow(/test\/Cluster: defaultCapacityProviderStrategy needs at least one capacity provider with a weight above 0/);
  });

  it("keeps the default desired count within a smaller range instead of failing", () => {
    const json = synthWeb({ minCapacity: 1, maxCapacity: 1, repository: REPOSITORY });
    expect((Object.values(json.resource!.aws_ecs_service)[0] as any).desired_count).toBe(1);
  });
});
