// Fixtures for this folder's tests (not part of the public API).
import { Construct } from "constructs";
import { TEST_NETWORK, synth, SynthJson } from "../internal/testing";
import { FargateCluster } from "./fargate-cluster";
import { WebService, WebServiceProps } from "./web-service";
import { WorkerService, WorkerServiceProps } from "./worker-service";

export const REPOSITORY = {
  repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/fckdoomscroll/app",
  repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/fckdoomscroll/app",
};
export const DATABASE = { securityGroupId: "sg-0db0000000000000a", port: 5432, address: "db.internal" };
export const TOPICS = {
  criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:critical",
  warningTopicArn: "arn:aws:sns:us-east-1:123456789012:warning",
};
export const AUTH_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:fckdoomscroll/auth-AbCdEf";
export const DB_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:fckdoomscroll/db-GhIjKl";

type Overrides<P> = Partial<P> & Record<string, unknown>;

function baseProps(scope: Construct, name: string): Omit<WebServiceProps, "name"> & { name: string } {
  const cluster = new FargateCluster(scope, "Cluster", { name: "fckdoomscroll-test" });
  return { name, cluster, network: TEST_NETWORK, repository: REPOSITORY };
}

/** A web service with the smallest valid props plus `overrides`, in a fresh stack. */
export function webService(scope: Construct, overrides: Overrides<WebServiceProps> = {}): WebService {
  return new WebService(scope, "Web", { ...baseProps(scope, "fckdoomscroll-test"), ...overrides } as WebServiceProps);
}

/** A worker service with the smallest valid props plus `overrides`. */
export function workerService(scope: Construct, overrides: Overrides<WorkerServiceProps> = {}): WorkerService {
  return new WorkerService(scope, "Worker", { ...baseProps(scope, "fckdoomscroll-test-worker"), ...overrides } as WorkerServiceProps);
}

/** Synthesize a web service with overrides. */
export function synthWeb(overrides: Overrides<WebServiceProps> = {}, after?: (web: WebService) => void): SynthJson {
  return synth((scope) => {
    const web = webService(scope, overrides);
    after?.(web);
  });
}

/** The parsed container definitions of the one task definition. */
export function containerOf(json: SynthJson): any {
  const defs = Object.values(json.resource?.aws_ecs_task_definition ?? {}) as any[];
  if (defs.length !== 1) throw new Error(`expected one task definition, found ${defs.length}`);
  return JSON.parse(defs[0].container_definitions)[0];
}
