import { describe, expect, it } from "vitest";
import { HCP_FREE_TIER_RESOURCES, resourceCounts, resourceReport } from "./resource-count";

describe("resource report", () => {
  it("counts managed resources as HCP Terraform does (count expanded; no data sources, terraform_data or null_resource)", () => {
    const json = {
      resource: { aws_subnet: { a: { count: 3 }, b: {} }, terraform_data: { t: {} }, null_resource: { n: {} } },
      data: { aws_region: { r: {} } },
    };
    expect(resourceCounts({ dev: json })).toEqual({ dev: 4 });
  });

  it("totals the remote-state stacks against the HCP Terraform free tier, leaving local ones out", () => {
    const report = resourceReport({ bootstrap: 42, dev: 77, prod: 146 }, ["bootstrap"]);
    expect(report).toContain("| bootstrap (local state) | 42 |");
    expect(report).toContain("| **dev + prod** | **223** |");
    expect(report).toMatch(/HCP Terraform Free: 223 of 500 managed resources \(277 left\)\.$/);
  });

  it("says by how much a total exceeds the free tier", () => {
    expect(resourceReport({ prod: HCP_FREE_TIER_RESOURCES + 1 })).toMatch(/501 managed resources exceed its 500 by 1;/);
    expect(resourceReport({ prod: HCP_FREE_TIER_RESOURCES })).toMatch(/500 of 500 managed resources \(0 left\)/);
  });
});
