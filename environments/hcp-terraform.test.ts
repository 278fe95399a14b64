import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { BootstrapStack } from "./bootstrap";
import { DELIVERY, ENVIRONMENTS } from "./config";
import { policyOf, resources, synthStack } from "../modules/internal/testing";
import { HCP_FREE_TIER_RESOURCES, resourceCounts } from "../scripts/resource-count";

// The CLI-driven HCP Terraform workflow: the same app with TFC_ORGANIZATION set.
const app = buildApp(Testing.app(), { TFC_ORGANIZATION: "example-org" });
const json = Object.fromEntries(ENVIRONMENTS.map((name) => [name, synthStack(app.node.findChild(name) as TerraformStack)]));

describe("HCP Terraform (TFC_ORGANIZATION set)", () => {
  it.each(ENVIRONMENTS)("%s uses the cloud backend with workspace fckdoomscroll-%s in the trusted project, and no S3 backend", (env) => {
    expect(json[env].terraform!.cloud).toEqual({
      organization: "example-org",
      hostname: "app.terraform.io",
      workspaces: { name: `fckdoomscroll-${env}`, project: DELIVERY.hcpTerraform!.project },
    });
    expect(json[env].terraform!.backend).toBeUndefined();
  });

  it.each(ENVIRONMENTS)("%s: the bootstrap roles trust exactly that workspace", (env) => {
    const role = Object.values(resources(synthStack(BootstrapStack.forEnvironment(app, env)), "aws_iam_role")).find(
      (r: any) => r.name === `fckdoomscroll-tfc-${env}-apply`,
    );
    const sub = policyOf(role, "assume_role_policy").Statement[0].Condition.StringEquals["app.terraform.io:sub"];
    expect(sub).toBe(
      `organization:${DELIVERY.hcpTerraform!.organization}:project:${DELIVERY.hcpTerraform!.project}:workspace:fckdoomscroll-${env}:run_phase:apply`,
    );
  });

  it("the three environments fit the HCP Terraform free tier", () => {
    const counts = resourceCounts(Object.fromEntries(ENVIRONMENTS.map((e) => [e, json[e]])));
    const total = ENVIRONMENTS.reduce((sum, e) => sum + counts[e], 0);
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThanOrEqual(HCP_FREE_TIER_RESOURCES);
  });
});
