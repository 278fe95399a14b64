import { IDENTITY_POLICY_TYPES, allowStatements } from "../policy-documents";
import { ALWAYS, defineRule } from "../types";

/** No statement grants everything on everything. */
export const iamNoAdminStatements = defineRule({
  id: "IAM-NO-ADMIN-STATEMENTS",
  cites: ["FSBP IAM.1", "CKV_AWS_1", "CKV_AWS_62"],
  description: 'No identity policy has an Allow statement with Action "*" on Resource "*" (full administrator).',
  severity: ALWAYS,
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  check: (r, { stack }) =>
    allowStatements(r, stack).some((s) => s.actions.includes("*") && s.resources.includes("*"))
      ? 'policy allows Action "*" on Resource "*" (administrator)'
      : undefined,
  fix: "grant through the constructs' grant methods and the `modules/core/statements.ts` builders (exact actions on exact ARNs), `DeployRole` prop `statements` likewise; raw policies: the specific actions on the specific resource ARNs",
});
