import { IDENTITY_POLICY_TYPES, allowStatements, isWildcardAction } from "../policy-documents";
import { ALWAYS, defineRule } from "../types";

/** Identity policies name actions; no `*` or `service:*`, no NotAction allows. */
export const iamNoWildcardActions = defineRule({
  id: "IAM-NO-WILDCARD-ACTIONS",
  cites: ["FSBP IAM.21", "CKV_AWS_49", "CKV_AWS_63", "AVD-AWS-0057"],
  description: 'Allow statements of identity policies list actions explicitly: no "*", no "service:*", no NotAction (least privilege).',
  severity: ALWAYS,
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  check: (r, { stack }) =>
    allowStatements(r, stack).flatMap((s) => [
      ...s.actions.filter(isWildcardAction).map((a) => ({ subject: a, message: `Allow statement grants wildcard action "${a}"` })),
      ...(s.notActions.length > 0
        ? [{ subject: "NotAction", message: `Allow statement uses NotAction (${s.notActions.join(", ")}), granting everything else` }]
        : []),
    ]),
  fix: "list exact actions in `DeployRole` prop `statements` and in statements given to `WorkloadRole.addToPolicy` (the `modules/core/statements.ts` builders do); raw policies: the exact actions the workload calls",
});
