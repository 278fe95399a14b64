import { describe, expect, it } from "vitest";
import { CONFIG, ENVIRONMENTS } from "../../environments/config";
import { synthesizeEnvironments } from "../diagram/environments";
import { checkBudget, estimateStack } from "./estimate";

// The checked-in environments, synthesized in-process, against their budgets: a change that
// pushes one over fails here, naming the largest items (CI's `npm run cost` does the same).
const stacks = synthesizeEnvironments();

describe("environment budgets", () => {
  it.each(ENVIRONMENTS)("%s costs no more than its monthlyBudgetUsd", (env) => {
    const estimate = estimateStack(env, stacks[env]);
    const verdict = checkBudget(estimate, CONFIG[env].monthlyBudgetUsd);
    expect(verdict.withinBudget, verdict.message).toBe(true);
    expect(estimate.unpriced, "price these resource types in scripts/cost/estimate.ts (or list them there as free)").toEqual([]);
  });

  it("keeps prod's protections while meeting its target: Multi-AZ, deletion protection, encryption, WAF", () => {
    const db = Object.values(stacks.prod.resource!.aws_db_instance)[0];
    expect(db).toMatchObject({ multi_az: true, deletion_protection: true, storage_encrypted: true });
    expect(Object.keys(stacks.prod.resource!.aws_wafv2_web_acl ?? {})).toHaveLength(1);
  });
});
