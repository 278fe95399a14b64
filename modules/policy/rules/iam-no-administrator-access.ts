import { blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** AWS managed policies that amount to full control of the account. */
export const ADMIN_MANAGED_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

/** No role, user or group gets AdministratorAccess (or PowerUserAccess / IAMFullAccess). */
export const iamNoAdministratorAccess = defineRule({
  id: "IAM-NO-ADMINISTRATOR-ACCESS",
  cites: ["CKV_AWS_274", "FSBP IAM.1"],
  description: "No role, user or group has the AWS managed AdministratorAccess, PowerUserAccess or IAMFullAccess policy attached.",
  severity: ALWAYS,
  resourceTypes: [
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_role_policy_attachments_exclusive",
    "aws_iam_role",
  ],
  check: (r) => {
    const arns: unknown[] = [r.config.policy_arn, ...blocks(r.config.managed_policy_arns), ...blocks(r.config.policy_arns)];
    return arns
      .filter((a): a is string => typeof a === "string" && ADMIN_MANAGED_POLICIES.test(a))
      .map((a) => ({ subject: a, message: `attaches ${a}` }));
  },
  fix: "keep AdministratorAccess out of `DeployRole` prop `awsManagedPolicies` (use `statements` with the exact actions); raw: attach a customer managed policy with the specific actions instead",
});
