import { describe, expect, it } from "vitest";
import { synth, TEST_NETWORK } from "../internal/testing";
import { AUTH_SECRET_ARN, DATABASE, REPOSITORY, synthWeb, workerService } from "./testing";
import { FargateCluster, FargateClusterProps } from "./fargate-cluster";
import { fargateTargetGroup } from "./target-group";

const night = (schedule: string) => ({ name: "night", schedule, minCapacity: 0, maxCapacity: 0 });

const LONG = "fckdoomscroll-production-web-frontend"; // 37 characters

describe("bad input fails at synth with the path, the prop and the value", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "an invalid Fargate cpu/memory pair",
      { cpu: 512, memoryMiB: 512 },
      /test\/Web: memoryMiB must be a Fargate memory value for cpu 512: 1024, 2048, 3072, 4096 MiB, got 512/,
    ],
    ["an unknown Fargate cpu value", { cpu: 300 }, /cpu must be a Fargate task CPU value: one of 256, .*16384.*got 300/],
    [
      "a memory step Fargate lacks at 8 vCPU",
      { cpu: 8192, memoryMiB: 18432 },
      /memoryMiB must be .*for cpu 8192: 16384 to 61440 in steps of 4096 MiB, got 18432/,
    ],
    ["a container port above 65535", { containerPort: 70000 }, /containerPort must be an integer from 1 to 65535, got 70000/],
    ["a container port of 0", { containerPort: 0 }, /containerPort must be an integer from 1 to 65535, got 0/],
    [
      "a health-check path without a leading /",
      { healthCheck: { path: "api/health" } },
      /healthCheck.path must start with \/.*got "api\/health"/,
    ],
    [
      "a healthy threshold below 2",
      { healthCheck: { healthyThreshold: 1 } },
      /healthCheck.healthyThreshold must be an integer from 2 to 10, got 1/,
    ],
    [
      "an unhealthy threshold above 10",
      { healthCheck: { unhealthyThreshold: 11 } },
      /healthCheck.unhealthyThreshold must be an integer from 2 to 10, got 11/,
    ],
    [
      "a timeout not below the interval",
      { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
      /healthCheck.timeoutSeconds must be below intervalSeconds \(10\), got 10/,
    ],
    [
      "a route health check with a bad path",
      { routes: [{ name: "ws", priority: 1, pathPatterns: ["/ws/*"], healthCheck: { path: "x" } }] },
      /routes\[0\].healthCheck.path must start with \//,
    ],
    ["min capacity above max", { minCapacity: 5, maxCapacity: 2 }, /minCapacity must not exceed maxCapacity \(2\), got 5/],
    ["desired count above max", { desiredCount: 11 }, /desiredCount must be within \[minCapacity, maxCapacity\] = \[2, 10\], got 11/],
    ["desired count below min", { desiredCount: 1 }, /desiredCount must be within .*got 1/],
    [
      "a load balancer name over 32 characters",
      { loadBalancerName: LONG },
      /loadBalancerName must be 1-32 characters for a loadBalancer name \(is 37\).*got "fckdoomscroll-production-web-frontend"/,
    ],
    ["a default load balancer name over 32 characters", { name: LONG }, /loadBalancerName must be 1-32 characters/],
    [
      "a target group name over 32 characters",
      { targetGroupName: LONG },
      /targetGroupName must be 1-32 characters for a targetGroup name \(is 37\)/,
    ],
    [
      "a route target group name over 32 characters",
      { routes: [{ name: "ws", priority: 1, pathPatterns: ["/ws/*"], targetGroupName: LONG }] },
      /routes\[0\].targetGroupName must be 1-32/,
    ],
    [
      "a reserved ECS_ variable",
      { environment: { ECS_ENABLE_CONTAINER_METADATA: "true" } },
      /environment.ECS_ENABLE_CONTAINER_METADATA must not start with the reserved prefix ECS_/,
    ],
    [
      "a reserved AWS_EXECUTION_ENV variable",
      { environment: { AWS_EXECUTION_ENV: "x" } },
      /environment.AWS_EXECUTION_ENV is reserved by the platform/,
    ],
    [
      "a secret-looking plain variable",
      { environment: { AUTH_SECRET: "hunter2hunter2" } },
      /environment.AUTH_SECRET looks like a secret; pass it in `secrets`.*got "<redacted>"/,
    ],
    [
      "a JSON key of an SSM parameter",
      { secrets: { FLAGS: { arn: "arn:aws:ssm:us-east-1:123456789012:parameter/app/flags", jsonKey: "beta" } } },
      /secrets.FLAGS.jsonKey is only for Secrets Manager secrets, not SSM parameters, got "beta"/,
    ],
    [
      "a credential-looking plain value",
      { environment: { UPSTREAM: "postgres://admin:pw@db:5432/app" } },
      /environment.UPSTREAM holds a value that looks like a credential/,
    ],
    [
      "a name both plain and secret",
      { environment: { AUTH_URL_PATH: "/x" }, secrets: { AUTH_URL_PATH: "arn:aws:ssm:us-east-1:123456789012:parameter/x" } },
      /environment.AUTH_URL_PATH is also given as a secret/,
    ],
    ["HTTPS with neither certificate nor zone", { https: true }, /https needs a certificate: give certificateArn, or domain .*got true/],
    [
      "a certificate ARN of another service",
      { certificateArn: "arn:aws:iam::123456789012:server-certificate/x" },
      /certificateArn must be an ACM certificate ARN .*got "arn:aws:iam::123456789012:server-certificate\/x"/,
    ],
    [
      "a certificate in another region than the load balancer",
      { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" },
      /^test\/Web: certificateArn must be an ACM certificate in the stack's AWS provider region us-east-1 \(a load balancer uses certificates of its own region only\), got "arn:aws:acm:eu-west-1:123456789012:certificate\/abc"$/,
    ],
    [
      "an invalid hosted zone id",
      { domain: { name: "origin.example.com", hostedZoneId: "example.com" } },
      /domain.hostedZoneId must be a Route 53 hosted zone id/,
    ],
    [
      "a short origin header secret",
      { originVerifyHeader: { name: "X-Origin-Verify", value: "abc" } },
      /originVerifyHeader.value must be 16-128 printable characters/,
    ],
    [
      "duplicate route priorities",
      {
        routes: [
          { name: "a", priority: 5, pathPatterns: ["/a/*"] },
          { name: "b", priority: 5, pathPatterns: ["/b/*"] },
        ],
      },
      /routes\[1\].priority must be unique among routes, got 5/,
    ],
    ["a route matching nothing", { routes: [{ name: "a", priority: 5 }] }, /routes\[0\] needs hostHeaders or pathPatterns/],
    [
      "a path pattern with a space",
      { routes: [{ name: "api", priority: 5, pathPatterns: ["/my api/*"] }] },
      /routes\[0\]\.pathPatterns must be at most 128 characters of letters, digits, _ - \. \$ \/ ~ " ' @ : \+ & and the wildcards \* \?, starting with \/ or a wildcard .*got "\/my api\/\*"/,
    ],
    [
      "a path pattern with a query string",
      { routes: [{ name: "api", priority: 5, pathPatterns: ["/search?q=*"] }] },
      /routes\[0\]\.pathPatterns must be at most 128 characters .*got "\/search\?q=\*"/,
    ],
    [
      "a path pattern with a regex class",
      { routes: [{ name: "api", priority: 5, pathPatterns: ["/v[12]/*"] }] },
      /routes\[0\]\.pathPatterns must be at most 128/,
    ],
    [
      "a path pattern that can never match (no leading /)",
      { routes: [{ name: "api", priority: 5, pathPatterns: ["api/*"] }] },
      /pathPatterns .*starting with \/ or a wildcard.*got "api\/\*"/,
    ],
    [
      "a path pattern over 128 characters",
      { routes: [{ name: "api", priority: 5, pathPatterns: [`/${"a".repeat(128)}`] }] },
      /pathPatterns must be at most 128/,
    ],
    [
      "a host with an underscore",
      { routes: [{ name: "api", priority: 5, hostHeaders: ["api_v2.example.com"] }] },
      /routes\[0\]\.hostHeaders must be a host name of at most 128 letters, digits, - \. and the wildcards \* \?, with at least one \. and only letters after the last one .*got "api_v2\.example\.com"/,
    ],
    [
      "a host without a dot",
      { routes: [{ name: "api", priority: 5, hostHeaders: ["localhost"] }] },
      /hostHeaders must be a host name .*got "localhost"/,
    ],
    [
      "a host ending in a wildcard",
      { routes: [{ name: "api", priority: 5, hostHeaders: ["www.example.*"] }] },
      /hostHeaders must be a host name .*only letters after the last one.*got "www\.example\.\*"/,
    ],
    [
      "a host with a port",
      { routes: [{ name: "api", priority: 5, hostHeaders: ["api.example.com:8443"] }] },
      /hostHeaders must be a host name .*got "api\.example\.com:8443"/,
    ],
    [
      "a bad schedule",
      { scheduledCapacity: [{ name: "night", schedule: "0 19 * * *", minCapacity: 0, maxCapacity: 0 }] },
      /scheduledCapacity\[0\].schedule must be cron\(min hour day-of-month month day-of-week year\), rate\(N .*got "0 19 \* \* \*"/,
    ],
    [
      "a strategy with two bases",
      {
        capacityProviderStrategy: [
          { capacityProvider: "FARGATE", base: 1 },
          { capacityProvider: "FARGATE_SPOT", base: 1 },
        ],
      },
      /capacityProviderStrategy may set base on one capacity provider only/,
    ],
    ["an image URI beside a repository", { imageUri: "nginx:1.27" }, /imageUri must not be combined with repository/],
    ["no image at all", { repository: undefined }, /repository or imageUri is required/],
    ["a log retention CloudWatch lacks", { logRetentionDays: 10 }, /logRetentionDays must be one of 1, 3, 5, 7, 14, 30/],
    ["a stop timeout above Fargate's 120 s", { stopTimeoutSeconds: 300 }, /stopTimeoutSeconds must be an integer from 2 to 120, got 300/],
    [
      "a container health check without CMD",
      { containerHealthCheck: { command: ["curl", "-f", "localhost"] } },
      /containerHealthCheck.command must start with "CMD" or "CMD-SHELL"/,
    ],
    // Task definition and container.
    [
      "an unknown CPU architecture",
      { cpuArchitecture: "AMD64" },
      /test\/Web: cpuArchitecture must be one of "X86_64", "ARM64", got "AMD64"/,
    ],
    [
      "ECS Exec on a read-only root filesystem",
      { enableExecuteCommand: true, readonlyRootFilesystem: true },
      /test\/Web: enableExecuteCommand needs a writable root filesystem.*got true/,
    ],
    [
      "public IPs without public subnets",
      { assignPublicIp: true, network: { ...TEST_NETWORK, publicSubnetIds: [] } },
      /test\/Web: assignPublicIp needs public subnets in the network \(publicSubnetIds is empty\), got true/,
    ],
    ["an unknown imageManagedBy", { imageManagedBy: "ci" }, /imageManagedBy must be one of "terraform", "pipeline", got "ci"/],
    ["an invalid image tag", { imageTag: "v1 beta" }, /imageTag must be a Docker tag .*got "v1 beta"/],
    [
      "an image URI without tag or digest",
      { repository: undefined, imageUri: "nginx" },
      /imageUri must be a full image reference with a tag or digest.*got "nginx"/,
    ],
    ["a stop timeout below 2 s", { stopTimeoutSeconds: 1 }, /stopTimeoutSeconds must be an integer from 2 to 120, got 1/],
    [
      "a container health check interval above 300",
      { containerHealthCheck: { command: ["CMD", "true"], intervalSeconds: 301 } },
      /containerHealthCheck.intervalSeconds must be an integer from 5 to 300, got 301/,
    ],
    [
      "a container health check timeout below 2",
      { containerHealthCheck: { command: ["CMD", "true"], timeoutSeconds: 1 } },
      /containerHealthCheck.timeoutSeconds must be an integer from 2 to 60, got 1/,
    ],
    [
      "container health check retries above 10",
      { containerHealthCheck: { command: ["CMD", "true"], retries: 11 } },
      /containerHealthCheck.retries must be an integer from 1 to 10, got 11/,
    ],
    [
      "a container health check start period above 300",
      { containerHealthCheck: { command: ["CMD", "true"], startPeriodSeconds: 301 } },
      /containerHealthCheck.startPeriodSeconds must be an integer from 0 to 300, got 301/,
    ],
    [
      "a container health check with nothing after CMD",
      { containerHealthCheck: { command: ["CMD-SHELL"] } },
      /containerHealthCheck.command must start with "CMD" or "CMD-SHELL" followed by the command/,
    ],
    [
      "a secret name ECS reserves",
      { secrets: { ECS_AGENT_TOKEN: AUTH_SECRET_ARN } },
      /secrets.ECS_AGENT_TOKEN must not start with the reserved prefix ECS_/,
    ],
    [
      "a secret name with the = separator",
      { secrets: { "DB=PASSWORD": AUTH_SECRET_ARN } },
      /secrets.DB=PASSWORD must be a non-empty variable name without = or NUL/,
    ],
    [
      "a log group KMS key given as an alias ARN",
      { logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" },
      /logsKmsKeyArn must be a KMS key ARN .*not an alias: CloudWatch Logs encrypts with key ARNs only/,
    ],
    [
      "a secrets KMS key given as an alias ARN",
      { secretsKmsKeyArns: ["arn:aws:kms:us-east-1:123456789012:alias/secrets"] },
      /secretsKmsKeyArns\[0\] must be a KMS key ARN .*not an alias: the execution role is granted kms:Decrypt/,
    ],
    [
      "a secret given by name",
      { secrets: { AUTH_SECRET: "fckdoomscroll/auth" } },
      /secrets\.AUTH_SECRET must be the ARN of a Secrets Manager secret .*not a name: IAM grants need ARNs, got "fckdoomscroll\/auth"/,
    ],
    [
      "a partial secret ARN",
      { secrets: { AUTH_SECRET: "arn:aws:secretsmanager:us-east-1:123456789012:secret:fckdoomscroll/auth" } },
      /secrets\.AUTH_SECRET must be the full secret ARN ending in the six characters/,
    ],
    [
      "a secret ARN with a JSON-key tail",
      { secrets: { DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:fckdoomscroll/db-GhIjKl:password::" } },
      /secrets\.DB_PASSWORD must be the full secret ARN .*without a :<json-key>:: tail \(use \{ arn, jsonKey \}\)/,
    ],
    [
      "a parameter given by name",
      { secrets: { FLAGS: "/app/flags" } },
      /secrets\.FLAGS must be the ARN of a Secrets Manager secret .*or SSM parameter/,
    ],
    [
      "a kind that contradicts the ARN",
      { secrets: { FLAGS: { arn: "arn:aws:ssm:us-east-1:123456789012:parameter/app/flags", kind: "secretsmanager" } } },
      /secrets\.FLAGS\.kind must match the ARN's service \(ssm\), got "secretsmanager"/,
    ],
    [
      "a secrets KMS key that is no KMS ARN",
      { secretsKmsKeyArns: ["arn:aws:s3:::bucket"] },
      /secretsKmsKeyArns\[0\] must be a KMS key ARN \(arn:aws:kms:<region>:<account>:key\/<id>\).*got "arn:aws:s3:::bucket"/,
    ],
    [
      "a log group KMS key of another region",
      { logsKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" },
      /logsKmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and CloudWatch Logs uses keys of its own region only\), not in eu-west-1/,
    ],
    [
      "a service name ECS refuses",
      { name: "fckdoomscroll.test" },
      /test\/Web: name must be a valid ecs name: letters, digits, hyphens and underscores, got "fckdoomscroll.test"/,
    ],
    // Target group and load balancer.
    [
      "a health-check path over 1024 characters",
      { healthCheck: { path: `/${"a".repeat(1024)}` } },
      /healthCheck.path must start with \/ \(and be at most 1024 printable characters\)/,
    ],
    [
      "a health-check interval below 5",
      { healthCheck: { intervalSeconds: 4, timeoutSeconds: 2 } },
      /healthCheck.intervalSeconds must be an integer from 5 to 300, got 4/,
    ],
    [
      "a health-check timeout above 120",
      { healthCheck: { intervalSeconds: 300, timeoutSeconds: 121 } },
      /healthCheck.timeoutSeconds must be an integer from 2 to 120, got 121/,
    ],
    [
      "a matcher that is no HTTP code",
      { healthCheck: { matcher: "ok" } },
      /healthCheck.matcher must be HTTP codes from 200 to 499 .*got "ok"/,
    ],
    ["a matcher outside 200-499", { healthCheck: { matcher: "200,503" } }, /healthCheck.matcher must be HTTP codes from 200 to 499/],
    [
      "a matcher range high-low",
      { healthCheck: { matcher: "299-200" } },
      /healthCheck.matcher must list ranges low-high, e.g. 200-299, got "299-200"/,
    ],
    [
      "a deregistration delay above 3600",
      { deregistrationDelaySeconds: 3601 },
      /deregistrationDelaySeconds must be an integer from 0 to 3600, got 3601/,
    ],
    [
      "a negative deregistration delay",
      { deregistrationDelaySeconds: -1 },
      /deregistrationDelaySeconds must be an integer from 0 to 3600, got -1/,
    ],
    [
      "a stickiness duration of 0",
      { stickySessions: true, stickinessDurationSeconds: 0 },
      /stickinessDurationSeconds must be an integer from 1 to 604800, got 0/,
    ],
    [
      "a stickiness duration above 7 days",
      { stickySessions: true, stickinessDurationSeconds: 604801 },
      /stickinessDurationSeconds must be an integer from 1 to 604800, got 604801/,
    ],
    [
      "a stickiness duration without stickySessions",
      { stickinessDurationSeconds: 3600 },
      /stickinessDurationSeconds needs stickySessions: true.*got 3600/,
    ],
    ["an idle timeout of 0", { idleTimeoutSeconds: 0 }, /idleTimeoutSeconds must be an integer from 1 to 4000, got 0/],
    ["an idle timeout above 4000", { idleTimeoutSeconds: 4001 }, /idleTimeoutSeconds must be an integer from 1 to 4000, got 4001/],
    [
      "a grace period above 2147483647",
      { healthCheckGracePeriodSeconds: 2147483648 },
      /healthCheckGracePeriodSeconds must be an integer from 0 to 2147483647, got 2147483648/,
    ],
    [
      "a negative grace period",
      { healthCheckGracePeriodSeconds: -1 },
      /healthCheckGracePeriodSeconds must be an integer from 0 to 2147483647, got -1/,
    ],
    [
      "HTTPS switched off beside a certificate",
      { https: false, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
      /https is false but certificateArn is given; drop one of them, got false/,
    ],
    ["an unknown ingress", { ingress: "vpc" }, /ingress must be one of "anywhere", "cloudfront", got "vpc"/],
    [
      "an invalid domain name",
      { domain: { name: "Origin.Example.com.", hostedZoneId: "Z0EXAMPLE0ZONE0ID" } },
      /test\/Web: domain.name must be a lower-case DNS name such as example.com .*got "Origin.Example.com."/,
    ],
    [
      "an origin header name with spaces",
      { originVerifyHeader: { name: "X Origin", value: "0123456789abcdef0123" } },
      /originVerifyHeader.name must be an HTTP header name of 1-40 letters, digits and !#\$%&'\*\+\.\^_`\|~- \(no spaces or colons\), got "X Origin"/,
    ],
    [
      "an origin header name over ALB's 40 characters",
      { originVerifyHeader: { name: `X-${"a".repeat(39)}`, value: "0123456789abcdef0123" } },
      /originVerifyHeader.name must be an HTTP header name of 1-40/,
    ],
    ["an access-log bucket name S3 refuses", { accessLogsBucket: "Logs_Bucket" }, /accessLogsBucket must be a valid s3Bucket name/],
    [
      "an access-log prefix containing AWSLogs",
      { accessLogsBucket: "fckdoomscroll-logs", accessLogsPrefix: "alb/AWSLogs" },
      /accessLogsPrefix must be printable characters without a leading or trailing \/ and without AWSLogs.*got "alb\/AWSLogs"/,
    ],
    [
      "an access-log prefix with a leading slash",
      { accessLogsBucket: "fckdoomscroll-logs", accessLogsPrefix: "/alb" },
      /accessLogsPrefix must be printable characters without a leading or trailing \//,
    ],
    ["an access-log prefix without a bucket", { accessLogsPrefix: "alb" }, /accessLogsPrefix needs accessLogsBucket, got "alb"/],
    [
      "a fixed target group name used twice",
      { targetGroupName: "fds-app", routes: [{ name: "ws", priority: 1, pathPatterns: ["/ws/*"], targetGroupName: "fds-app" }] },
      /targetGroupName and routes\[\]\.targetGroupName must not contain duplicates, got "fds-app"/,
    ],
    // Routes (listener rules).
    [
      "more than 4 routes",
      { routes: [1, 2, 3, 4, 5].map((i) => ({ name: `r${i}`, priority: i, pathPatterns: [`/r${i}/*`] })) },
      /routes may hold at most 4 routes.*got 5/,
    ],
    [
      "a route name with capitals",
      { routes: [{ name: "Ws", priority: 1, pathPatterns: ["/ws/*"] }] },
      /routes\[0\].name must be lower-case letters, digits and single hyphens, got "Ws"/,
    ],
    [
      "a repeated route name",
      {
        routes: [
          { name: "ws", priority: 1, pathPatterns: ["/a/*"] },
          { name: "ws", priority: 2, pathPatterns: ["/b/*"] },
        ],
      },
      /routes\[1\].name must be unique, got "ws"/,
    ],
    [
      "a route priority of 0",
      { routes: [{ name: "ws", priority: 0, pathPatterns: ["/ws/*"] }] },
      /routes\[0\].priority must be an integer from 1 to 49999, got 0/,
    ],
    [
      "a route priority taken by the origin rule",
      { routes: [{ name: "ws", priority: 50000, pathPatterns: ["/ws/*"] }] },
      /routes\[0\].priority must be an integer from 1 to 49999, got 50000/,
    ],
    [
      "a route host with a space",
      { routes: [{ name: "api", priority: 1, hostHeaders: ["api example.com"] }] },
      /routes\[0\].hostHeaders must be a host name/,
    ],
    [
      "a route matching more than 5 values",
      {
        originVerifyHeader: { name: "X-Origin-Verify", value: "0123456789abcdef0123" },
        routes: [{ name: "ws", priority: 1, pathPatterns: ["/a", "/b", "/c", "/d", "/e"] }],
      },
      /routes\[0\] may match at most 5 values in all/,
    ],
    // Autoscaling.
    ["a CPU target above 100 %", { cpuTargetPercent: 101 }, /cpuTargetPercent must be an integer from 1 to 100, got 101/],
    ["a memory target of 0 %", { memoryTargetPercent: 0 }, /memoryTargetPercent must be an integer from 1 to 100, got 0/],
    [
      "a scale-out cooldown above an hour",
      { scaleOutCooldownSeconds: 3601 },
      /scaleOutCooldownSeconds must be an integer from 0 to 3600, got 3601/,
    ],
    ["a negative scale-in cooldown", { scaleInCooldownSeconds: -1 }, /scaleInCooldownSeconds must be an integer from 0 to 3600, got -1/],
    [
      "an alarm topic given by name",
      { alarms: { criticalTopicArn: "critical", warningTopicArn: "arn:aws:sns:us-east-1:123456789012:warning" } },
      /test\/Web: alarms\.criticalTopicArn must be an SNS topic ARN \(arn:aws:sns:<region>:<account>:<topic>\), not a topic name, got "critical"/,
    ],
    [
      "an alarm topic of another region",
      {
        alarms: {
          criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:critical",
          warningTopicArn: "arn:aws:sns:eu-west-1:123456789012:warning",
        },
      },
      /alarms\.warningTopicArn must be in the stack's AWS provider region us-east-1 \(CloudWatch alarms notify topics of their own region only\), not in eu-west-1/,
    ],
    ["a negative minimum", { minCapacity: -1 }, /minCapacity must be an integer from 0 to 5000, got -1/],
    ["a maximum of 0", { minCapacity: 0, maxCapacity: 0 }, /maxCapacity must be an integer from 1 to 5000, got 0/],
    ["a maximum above ECS's 5,000 tasks per service", { maxCapacity: 5001 }, /maxCapacity must be an integer from 1 to 5000, got 5001/],
    [
      "requests per target of 0",
      { requestsPerTargetPerMinute: 0 },
      /requestsPerTargetPerMinute must be an integer from 1 to 1000000, got 0/,
    ],
    [
      "a cron with five fields",
      { scheduledCapacity: [night("cron(0 19 * * MON-FRI)")] },
      /scheduledCapacity\[0\].schedule must have six cron fields .*not 5, got "cron\(0 19 \* \* MON-FRI\)"/,
    ],
    [
      "a cron with both days set",
      { scheduledCapacity: [night("cron(0 19 * * MON-FRI *)")] },
      /scheduledCapacity\[0\].schedule needs \? in exactly one of day-of-month and day-of-week/,
    ],
    [
      "a cron with both days ?",
      { scheduledCapacity: [night("cron(0 19 ? * ? *)")] },
      /needs \? in exactly one of day-of-month and day-of-week/,
    ],
    [
      "a cron with letters in the hours",
      { scheduledCapacity: [night("cron(0 seven ? * MON-FRI *)")] },
      /schedule has hours "seven": values must be 0-23, with the wildcards , - \* \/, got "cron\(0 seven \? \* MON-FRI \*\)"/,
    ],
    ["a cron minute of 60", { scheduledCapacity: [night("cron(60 19 ? * MON-FRI *)")] }, /schedule has minutes "60": values must be 0-59/],
    ["a cron hour of 24", { scheduledCapacity: [night("cron(0 24 ? * MON-FRI *)")] }, /schedule has hours "24": values must be 0-23/],
    ["a cron hour range past 23", { scheduledCapacity: [night("cron(0 20-24 ? * MON-FRI *)")] }, /schedule has hours "20-24"/],
    [
      "a cron day-of-month of 0",
      { scheduledCapacity: [night("cron(0 19 0 * ? *)")] },
      /schedule has day-of-month "0": values must be 1-31, with the wildcards , - \* \? \/ L W/,
    ],
    ["a cron day-of-month of 32", { scheduledCapacity: [night("cron(0 19 32W * ? *)")] }, /schedule has day-of-month "32W"/],
    [
      "a cron month of 13",
      { scheduledCapacity: [night("cron(0 19 1 13 ? *)")] },
      /schedule has month "13": values must be 1-12 or JAN-DEC/,
    ],
    ["a cron month name AWS lacks", { scheduledCapacity: [night("cron(0 19 1 JANUARY ? *)")] }, /schedule has month "JANUARY"/],
    [
      "a cron day-of-week of 0 (Unix Sunday)",
      { scheduledCapacity: [night("cron(0 19 ? * 0 *)")] },
      /schedule has day-of-week "0": values must be 1-7 or SUN-SAT, with the wildcards , - \* \? L #/,
    ],
    [
      "a cron day-of-week with ? among values",
      { scheduledCapacity: [night("cron(0 19 ? * MON,? *)")] },
      /schedule has day-of-week "MON,\?"/,
    ],
    [
      "a cron year before 1970",
      { scheduledCapacity: [night("cron(0 19 ? * MON *)".replace("*)", "1969)"))] },
      /schedule has year "1969": values must be 1970-2199/,
    ],
    ["a cron step of 0", { scheduledCapacity: [night("cron(*/0 19 ? * MON *)")] }, /schedule has minutes "\*\/0"/],
    [
      "a rate of 0",
      { scheduledCapacity: [night("rate(0 minutes)")] },
      /scheduledCapacity\[0\].schedule needs a rate of at least 1, got "rate\(0 minutes\)"/,
    ],
    ["a rate in weeks", { scheduledCapacity: [night("rate(1 week)")] }, /scheduledCapacity\[0\].schedule must be cron/],
    ["an at() without seconds", { scheduledCapacity: [night("at(2030-01-01T00:00)")] }, /scheduledCapacity\[0\].schedule must be cron/],
    [
      "a time zone that is no IANA name",
      { scheduledCapacity: [{ ...night("cron(0 19 ? * MON-FRI *)"), timezone: "CET+1" }] },
      /scheduledCapacity\[0\].timezone must be UTC or a canonical IANA time zone name such as Europe\/Berlin.*got "CET\+1"/,
    ],
    [
      "a time zone in the wrong case",
      { scheduledCapacity: [{ ...night("cron(0 19 ? * MON-FRI *)"), timezone: "europe/berlin" }] },
      /timezone must be a canonical IANA time zone name: use Europe\/Berlin \(names are case-sensitive and aliases are not canonical\), got "europe\/berlin"/,
    ],
    [
      "a time zone that does not exist",
      { scheduledCapacity: [{ ...night("cron(0 19 ? * MON-FRI *)"), timezone: "Europe/Munich" }] },
      /timezone must be UTC or a canonical IANA time zone name.*got "Europe\/Munich"/,
    ],
    [
      "a time zone alias",
      { scheduledCapacity: [{ ...night("cron(0 19 ? * MON-FRI *)"), timezone: "US/Eastern" }] },
      /scheduledCapacity\[0\].timezone must be a canonical IANA time zone name: use America\/New_York \(names are case-sensitive and aliases are not canonical\), got "US\/Eastern"/,
    ],
    [
      "a schedule name with capitals",
      { scheduledCapacity: [{ ...night("rate(1 day)"), name: "Night" }] },
      /scheduledCapacity\[0\].name must be lower-case letters/,
    ],
    [
      "a repeated schedule name",
      { scheduledCapacity: [night("rate(1 day)"), night("rate(2 days)")] },
      /scheduledCapacity\[1\].name must be unique, got "night"/,
    ],
    [
      "a schedule with min above max",
      { scheduledCapacity: [{ ...night("rate(1 day)"), minCapacity: 2, maxCapacity: 1 }] },
      /scheduledCapacity\[0\].minCapacity must not exceed scheduledCapacity\[0\].maxCapacity \(1\), got 2/,
    ],
    // Load balancer subnets.
    [
      "an internet-facing load balancer in a network without public subnets",
      { network: { ...TEST_NETWORK, publicSubnetIds: [] } },
      /^test\/Web: network\.publicSubnetIds must list at least 2 subnets in different availability zones for an internet-facing Application Load Balancer \(the network has no public subnets: give it public subnets, or use scheme "internal" behind a CloudFront VPC origin\), got \[\]$/,
    ],
    [
      "a load balancer on one subnet",
      { network: { ...TEST_NETWORK, publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] } },
      /network\.publicSubnetIds must list at least 2 subnets in different availability zones .*got \["subnet-0aaaaaaaaaaaaaaa1"\]$/,
    ],
    [
      "the same subnet twice",
      { network: { ...TEST_NETWORK, publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa1"] } },
      /network\.publicSubnetIds must not contain duplicates, got "subnet-0aaaaaaaaaaaaaaa1"/,
    ],
    [
      "two load balancer subnets in one zone",
      { network: { ...TEST_NETWORK, availabilityZones: ["us-east-1a", "us-east-1a"] } },
      /network\.availabilityZones \(of network\.publicSubnetIds: a load balancer takes one subnet per availability zone\) must not contain duplicates, got "us-east-1a"/,
    ],
    [
      "an internal load balancer on one private subnet",
      { scheme: "internal", network: { ...TEST_NETWORK, privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"] } },
      /network\.privateSubnetIds must list at least 2 subnets in different availability zones for an internal Application Load Balancer, got/,
    ],
    [
      "dual-stack on IPv4-only subnets",
      { dualStack: true, network: { ...TEST_NETWORK, ipv6Subnets: false } },
      /^test\/Web: dualStack needs subnets with IPv6 CIDR blocks, and the network's subnets have none \(network\.ipv6Subnets is false\); drop dualStack or give the VPC and subnets IPv6, got true$/,
    ],
  ];
  it.each(cases)("rejects %s", (_what, overrides, message) => {
    expect(() => synthWeb(overrides)).toThrow(message);
  });

  it("rejects a target group name_prefix longer than AWS's 6 characters", () => {
    expect(() =>
      synth((s) =>
        fargateTargetGroup(s, "TargetGroup", {
          prop: "healthCheck",
          vpcId: "vpc-1",
          port: 3000,
          namePrefix: "webapp-",
          nameProp: "targetGroupName",
          deregistrationDelaySeconds: 60,
        }),
      ),
    ).toThrow(/^test: namePrefix must be 1-6 letters, digits or hyphens, not starting with a hyphen .*got "webapp-"$/);
  });

  it("refuses addEnvironment over a variable given in the props, and adds a new one", () => {
    expect(() =>
      synthWeb({ environment: { APP_URL: "https://mine.example.com" } }, (web) => web.addEnvironment("APP_URL", "https://cdn.example.com")),
    ).toThrow(
      'test/Web: addEnvironment(APP_URL) would replace environment.APP_URL given as "https://mine.example.com"; keep one of them, got "https://cdn.example.com"',
    );
    expect(() =>
      synthWeb({ environment: { APP_URL: "https://mine.example.com" } }, (web) =>
        web.addEnvironment("AUTH_URL", "https://cdn.example.com"),
      ),
    ).not.toThrow();
  });

  it("rejects a database port outside 1-65535 in connectToDatabase", () => {
    expect(() => synthWeb({}, (web) => web.connectToDatabase({ ...DATABASE, port: 0 }))).toThrow(
      /test\/Web: connections.allowTo\(database\).port must be an integer from 1 to 65535, got 0/,
    );
  });

  it("rejects a worker whose desired count is outside its range", () => {
    expect(() => synth((s) => workerService(s, { maxCapacity: 3, desiredCount: 4 }))).toThrow(
      /test\/Worker: desiredCount must be within \[minCapacity, maxCapacity\] = \[1, 3\], got 4/,
    );
  });

  it("rejects a cluster strategy without weight", () => {
    expect(() =>
      synth(
        (s) =>
          new FargateCluster(s, "Cluster", { name: "c", defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 0 }] }),
      ),
    ).toThrow(/test\/Cluster: defaultCapacityProviderStrategy needs at least one capacity provider with a weight above 0/);
  });

  it("keeps the default desired count within a smaller range instead of failing", () => {
    const json = synthWeb({ minCapacity: 1, maxCapacity: 1, repository: REPOSITORY });
    expect((Object.values(json.resource!.aws_ecs_service)[0] as any).desired_count).toBe(1);
  });
  it("rejects a worker container port outside 1-65535", () => {
    expect(() => synth((s) => workerService(s, { containerPort: 70000 }))).toThrow(
      /test\/Worker: containerPort must be an integer from 1 to 65535, got 70000/,
    );
  });

  const clusterCases: [string, Record<string, unknown>, RegExp][] = [
    [
      "an unknown insights level",
      { containerInsights: "disabled" },
      /test\/Cluster: containerInsights must be one of "enabled", "enhanced", got "disabled"/,
    ],
    [
      "an unknown capacity provider",
      { defaultCapacityProviderStrategy: [{ capacityProvider: "EC2" }] },
      /defaultCapacityProviderStrategy\[0\].capacityProvider must be one of "FARGATE", "FARGATE_SPOT", got "EC2"/,
    ],
    [
      "a repeated capacity provider",
      { defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE" }, { capacityProvider: "FARGATE" }] },
      /defaultCapacityProviderStrategy must not repeat a capacity provider, got "FARGATE"/,
    ],
    [
      "an empty strategy",
      { defaultCapacityProviderStrategy: [] },
      /defaultCapacityProviderStrategy must list one or two capacity providers \(FARGATE, FARGATE_SPOT\), got \[\]/,
    ],
    [
      "a weight above 1000",
      { defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1001 }] },
      /defaultCapacityProviderStrategy\[0\].weight must be an integer from 0 to 1000, got 1001/,
    ],
    [
      "a base above 100000",
      { defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", base: 100001 }] },
      /defaultCapacityProviderStrategy\[0\].base must be an integer from 0 to 100000, got 100001/,
    ],
    [
      "a cluster name ECS refuses",
      { name: "fck doomscroll" },
      /test\/Cluster: name must be a valid ecs name: letters, digits, hyphens and underscores, got "fck doomscroll"/,
    ],
  ];
  it.each(clusterCases)("rejects a cluster with %s", (_what, overrides, message) => {
    expect(() => synth((s) => new FargateCluster(s, "Cluster", { name: "c", ...overrides } as unknown as FargateClusterProps))).toThrow(
      message,
    );
  });
});
