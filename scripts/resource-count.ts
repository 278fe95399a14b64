import { countResources } from "./cost/estimate";

/**
 * HCP Terraform Free covers up to 500 managed resources per organization (checked November 2026;
 * https://developer.hashicorp.com/terraform/cloud-docs/overview/estimate-hcp-terraform-cost).
 */
export const HCP_FREE_TIER_RESOURCES = 500;

/** Resource types HCP Terraform leaves out of the managed-resource count. */
export const UNCOUNTED_TYPES = ["terraform_data", "null_resource"];

/**
 * Managed resources per stack, as HCP Terraform counts them: resources with `count` expanded, no
 * data sources, no `terraform_data` or `null_resource`.
 */
export function resourceCounts(stacks: Readonly<Record<string, unknown>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => {
      const all = (json as { resource?: Record<string, unknown> }).resource ?? {};
      const counted = Object.fromEntries(Object.entries(all).filter(([type]) => !UNCOUNTED_TYPES.includes(type)));
      return [name, countResources({ ...(json as object), resource: counted } as never)];
    }),
  );
}

/**
 * A Markdown table of the counts, the environments' total, and how that total compares with the
 * HCP Terraform free tier (`local` stacks keep local state and are not counted there).
 */
export function resourceReport(counts: Readonly<Record<string, number>>, local: readonly string[] = []): string {
  const remote = Object.keys(counts).filter((s) => !local.includes(s));
  const total = remote.reduce((sum, s) => sum + counts[s], 0);
  const rows = Object.entries(counts).map(([s, n]) => `| ${s}${local.includes(s) ? " (local state)" : ""} | ${n} |`);
  const verdict =
    total <= HCP_FREE_TIER_RESOURCES
      ? `HCP Terraform Free: ${total} of ${HCP_FREE_TIER_RESOURCES} managed resources (${HCP_FREE_TIER_RESOURCES - total} left).`
      : `HCP Terraform Free: ${total} managed resources exceed its ${HCP_FREE_TIER_RESOURCES} by ${total - HCP_FREE_TIER_RESOURCES}; keep state in S3, or pay for the resources above ${HCP_FREE_TIER_RESOURCES}.`;
  return ["| stack | managed resources |", "| --- | ---: |", ...rows, `| **${remote.join(" + ")}** | **${total}** |`, "", verdict].join(
    "\n",
  );
}
