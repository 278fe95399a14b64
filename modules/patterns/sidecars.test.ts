import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { SynthJson, findResources, policyOf, resources } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

const BASE: ContainerWebAppProps = { project: "shop", environment: "qa", profile: "non-production", imageTag: "v1" };
const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/shop/otel-config";
const OTEL = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";

function synth(props: Partial<ContainerWebAppProps>): SynthJson {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", { ...BASE, ...props });
  return JSON.parse(Testing.synth(stack, true));
}
const containers = (json: SynthJson, family: string): any[] => {
  const def = Object.values(resources(json, "aws_ecs_task_definition")).find((d: any) => d.family === family) as any;
  return JSON.parse(def.container_definitions);
};

describe("ContainerWebApp sidecars", () => {
  it("passes compute.sidecars and workers[].sidecars to their tasks; imageTag resolves in the app's repository", () => {
    const json = synth({
      compute: {
        kind: "fargate",
        sidecars: [{ name: "otel", image: OTEL, containerPorts: [4317], secrets: { OTEL_CONFIG: PARAMETER_ARN } }],
      },
      workers: [{ name: "jobs", sidecars: [{ name: "proxy", imageTag: "proxy-1.0" }] }],
    });
    expect(containers(json, "shop-qa").map((c) => [c.name, c.image])).toEqual([
      ["app", expect.stringMatching(/^\$\{aws_ecr_repository\..+\.repository_url\}:v1$/)],
      ["otel", OTEL],
    ]);
    const [workerApp, proxy] = containers(json, "shop-qa-jobs");
    expect(proxy).toMatchObject({ name: "proxy", essential: false, image: workerApp.image.replace(/:v1$/, ":proxy-1.0") });
    expect(proxy.logConfiguration.options["awslogs-stream-prefix"]).toBe("proxy");
    // Only the web execution role reads the web sidecar's parameter.
    const readers = findResources(json, "aws_iam_role_policy", (p) => JSON.stringify(policyOf(p)).includes(PARAMETER_ARN)).map(
      (p) => p.role,
    );
    expect(readers).toEqual([expect.stringMatching(/App_Web_ExecutionRole_/)]);
  });

  it("refuses a sidecar on the app's port, naming the web service, and accepts the next port", () => {
    const on = (port: number) => synth({ compute: { kind: "fargate", sidecars: [{ name: "otel", image: OTEL, containerPorts: [port] }] } });
    expect(() => on(3000)).toThrow(
      /^shop-qa\/App\/Web: sidecars\[0\]\.containerPorts\[0\] must be unique in the task .*already used by the app's containerPort, got 3000 \(set through ContainerWebApp prop compute \(or compute\.overrides\)\)$/,
    );
    expect(() => on(3001)).not.toThrow();
  });
});
