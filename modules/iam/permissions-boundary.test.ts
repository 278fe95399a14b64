import { describe, expect, it } from "vitest";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { applyPermissionsBoundary } from "./permissions-boundary";
import { WorkloadRole } from "../core/workload-role";
import { resources, synth } from "../internal/testing";

describe("applyPermissionsBoundary", () => {
  it("sets the boundary on every role in scope, and keeps a role's own", () => {
    const json = synth((scope) => {
      new WorkloadRole(scope, "Task", { name: "shop-prod-task", assumedBy: "ecs-tasks.amazonaws.com" });
      new IamRole(scope, "Own", { name: "shop-prod-own", assumeRolePolicy: "{}", permissionsBoundary: "arn:aws:iam::1:policy/own" });
      applyPermissionsBoundary(scope, "arn:aws:iam::123456789012:policy/shop-boundary-prod");
    });
    const byName = Object.fromEntries(Object.values(resources(json, "aws_iam_role")).map((r: any) => [r.name, r.permissions_boundary]));
    expect(byName).toEqual({
      "shop-prod-task": "arn:aws:iam::123456789012:policy/shop-boundary-prod",
      "shop-prod-own": "arn:aws:iam::1:policy/own",
    });
  });
});
