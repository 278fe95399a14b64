import { ContainerWebAppProps } from "../modules/patterns/container-web-app";
import { EnvironmentConfig } from "./config";
import { SEED_TEMPLATES } from "./email-templates";
import { EnvironmentStack } from "./environment-stack";

/**
 * This repository's settings as the pattern's props: the only place that knows
 * `EnvironmentConfig`. Everything else (wiring, protective defaults) comes from the pattern.
 */
export function appProps(stack: EnvironmentStack, c: EnvironmentConfig): ContainerWebAppProps {
  return {
    project: c.project,
    environment: c.environment,
    profile: c.production ? "production" : "non-production",
    imageTag: c.imageTag,
    network: {
      availabilityZones: c.availabilityZones,
      cidr: c.vpcCidr,
      natGateways: c.natGateways,
      ...(c.subnetCidrs ? { overrides: { publicSubnetCidrs: c.subnetCidrs.public, privateSubnetCidrs: c.subnetCidrs.private } } : {}),
    },
    domain: c.domain,
    compute:
      c.compute === "apprunner"
        ? // 1 vCPU / 2 GB, 100 concurrent requests per instance, 1-3 instances.
          { kind: "apprunner", cpu: 1, memoryGiB: 2, maxConcurrency: 100, minSize: 1, maxSize: 3 }
        : {
            kind: "fargate",
            cpu: c.service.cpu,
            memoryMiB: c.service.memoryMiB,
            minCapacity: c.service.minCapacity,
            maxCapacity: c.service.maxCapacity,
            spot: c.service.spot,
            cpuArchitecture: c.service.cpuArchitecture,
            assignPublicIp: c.service.assignPublicIp,
            // A Next.js server writes its cache (.next/cache: images, ISR pages) at run time: the root
            // filesystem stays writable, by choice (policy ECS-READ-ONLY-ROOT-FS accepts an explicit false).
            overrides: { readonlyRootFilesystem: false },
            scheduledCapacity: c.service.nightlyScaleToZero
              ? [
                  { name: "night", schedule: "cron(0 19 ? * MON-FRI *)", minCapacity: 0, maxCapacity: 0 },
                  {
                    name: "morning",
                    schedule: "cron(0 7 ? * MON-FRI *)",
                    minCapacity: c.service.minCapacity,
                    maxCapacity: c.service.maxCapacity,
                  },
                ]
              : undefined,
          },
    database: {
      instanceClass: c.database.instanceClass,
      multiAz: c.database.multiAz,
      databaseName: c.database.databaseName,
      masterUsername: c.database.masterUsername,
      poolSize: Number(c.appParameters.DB_POOL_SIZE ?? 5),
    },
    cdn: c.cdn
      ? {
          originAccess: c.originAccess ?? "vpc-origin",
          originVerifySecret: c.originVerifySecret,
        }
      : false,
    email: c.emailDomain ? { domain: c.emailDomain, templates: SEED_TEMPLATES } : undefined,
    secrets: c.appSecrets,
    parameters: c.appParameters,
    authJs: true,
    alarmEmails: c.alarmEmails,
    monthlyBudgetUsd: c.monthlyBudgetUsd,
    budgetScope: c.budgetScope,
    usEast1Provider: c.region === "us-east-1" ? undefined : stack.usEast1Provider,
  };
}
