// What differs between the two framework lines' bindings, and how the library handles both.
// This file is rendered like any other: on the cdktn line `CDKTF` reads `CDKTN`, "cdktf" reads
// "cdktn" and `@cdktf/...` reads `@cdktn/...`, so each line checks its own installed packages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { S3Backend, TerraformStack, Testing, type S3BackendConfig } from "cdktf";
import { describe, expect, it } from "vitest";
import { EnvironmentStack } from "../../environments/environment-stack";
import { loadConfig } from "../../environments/config";
import { metricAlarm } from "../../modules/internal/alarms";
import { synth, synthStack } from "../../modules/internal/testing";
import { configureRemoteState } from "../../modules/state/remote-state";
import { CDKTF as LINE, LINES } from "./lines";

const ROOT = join(__dirname, "..", "..");
const manifest = (name: string): Record<string, any> => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
const other = LINE === LINES.cdktn ? LINES.cdktf : LINES.cdktn;

describe(`framework line: ${LINE.framework}`, () => {
  it("has this line's framework, provider bindings and constructs installed", () => {
    const provider = manifest(`${LINE.providerScope}/provider-aws`);
    expect(manifest("cdktf").version).toBe(LINE.versions.framework);
    expect(provider.version).toBe(LINE.versions.provider);
    // The hashicorp/aws version the bindings were generated from (their package metadata).
    expect(provider["cdktf"].provider).toEqual({ name: "registry.terraform.io/hashicorp/aws", version: LINE.versions.aws });
    expect(provider.engines.node).toBe(LINE.providerNode);
    expect(manifest("constructs").version).toBe(LINE.versions.constructs);
    expect(manifest("cdktf").peerDependencies.constructs).toBe(LINE.constructsPeer);
  });

  it("pins hashicorp/aws in required_providers to the version its bindings were generated for (6.25.0 on cdktf, 6.66.0 on cdktn)", () => {
    // The pin comes from the bindings (AwsProvider's generator metadata), so each line's stacks
    // ask Terraform for the provider their arguments were generated from; nothing in the
    // library or the environments sets it.
    const pin = synth(() => undefined).terraform?.required_providers.aws;
    expect(pin.version).toBe(LINE.versions.aws);
    // The same provider address on both (registry.terraform.io/hashicorp/aws): cdktf 0.21 writes the short source, cdktn 0.24 the full one.
    expect(pin.source).toBe(LINE === LINES.cdktn ? "hashicorp/aws" : "aws");
    const stack = new EnvironmentStack(Testing.app(), "dev", loadConfig("dev", {}));
    expect(synthStack(stack).terraform?.required_providers.aws.version).toBe(LINE.versions.aws);
    expect(LINE.versions.aws).not.toBe(other.versions.aws);
  });

  it("locks S3 state with use_lockfile on both lines: an override, because cdktf 0.21's S3BackendConfig has no useLockfile (cdktn 0.24's has)", () => {
    const declarations = readFileSync(join(ROOT, "node_modules", "cdktf", "lib", "backends", "s3-backend.d.ts"), "utf8");
    expect(/readonly useLockfile\?: boolean/.test(declarations)).toBe(LINE === LINES.cdktn);
    // Both lines pass S3Backend's props through to the block, typed or not...
    const typed = new TerraformStack(Testing.app(), "typed");
    new S3Backend(typed, { bucket: "b", key: "k", useLockfile: true } as S3BackendConfig);
    expect(JSON.parse(Testing.synth(typed)).terraform.backend.s3).toEqual({ bucket: "b", key: "k", use_lockfile: true });
    // ...and the library's override gives the same block on both, and compiles on both.
    const stack = new TerraformStack(Testing.app(), "state");
    configureRemoteState(stack, { project: "shop", environment: "dev", state: { s3: { bucket: "shop-state", region: "us-east-1" } } });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.s3).toEqual({
      bucket: "shop-state",
      key: "shop/dev.tfstate",
      region: "us-east-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  it("always sets comparison_operator and evaluation_periods on alarms: aws 6.66's bindings made them optional (PromQL alarms), 6.25 requires them", () => {
    const json = synth((scope) =>
      metricAlarm(scope, "Alarm", "shop-dev", {
        purpose: "cpu-high",
        description: "CPU",
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        dimensions: { ClusterName: "c" },
        comparison: "GreaterThanThreshold",
        threshold: 80,
        periodSeconds: 60,
        evaluationPeriods: 5,
        topicArn: "arn:aws:sns:us-east-1:123456789012:t",
      }),
    );
    expect(Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {})).toEqual([
      expect.objectContaining({ comparison_operator: "GreaterThanThreshold", evaluation_periods: 5, metric_name: "CPUUtilization" }),
    ]);
  });
});
