import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { checkMaxLength, checkNumber, checkPattern, checkUnique, fail, isToken } from "../internal/validate";
import { checkResourceArn } from "../internal/arns";

/** The cost allocation tag a budget is filtered on. */
export interface CostAllocationTag {
  /** Tag key, e.g. `Environment` (user-defined tags only). */
  readonly key: string;
  /** Tag value, e.g. `prod`. */
  readonly value: string;
}

/** Props for {@link CostBudget}. */
export interface CostBudgetProps {
  /** Budget name, unique in the account (e.g. `<project>-<environment>-monthly`); 1-100 characters, no `:` or `\`. */
  readonly name: string;
  /** Monthly limit, USD. */
  readonly monthlyLimitUsd: number;
  /**
   * SNS topic notified at each threshold (e.g. `Monitoring.warningTopicArn`). Its topic policy
   * must let `budgets.amazonaws.com` publish and, when it is KMS-encrypted, its key policy must
   * let that principal use `kms:GenerateDataKey*` and `kms:Decrypt`: `Monitoring` does both when
   * given `additionalPublisherServices: ["budgets.amazonaws.com"]`.
   */
  readonly topicArn: string;
  /**
   * Only costs carrying this tag count: for several environments in one account. The tag must be
   * activated as a cost allocation tag in the Billing console (Cost allocation tags; under AWS
   * Organizations only the management account can) before AWS Budgets sees it; until then, and
   * for 24 hours after, the budget reads $0. AWS Budgets ORs the values of one tag filter, so
   * one tag (not Project AND Environment) identifies the environment.
   * @default - no filter: every cost of the account counts (an account per environment)
   */
  readonly costAllocationTag?: CostAllocationTag;
  /**
   * Percentages of the limit at which ACTUAL spend notifies the topic.
   * @default [80, 100]
   */
  readonly thresholdsPercent?: readonly number[];
  /**
   * What must exist before the budget is created: the topic policy that lets AWS Budgets publish
   * (e.g. `Monitoring.topicPolicies`). The budget references only the topic's ARN, so without it
   * Terraform creates the budget and the topic policy in parallel, and the budget's subscribers
   * may be registered before Budgets is allowed to publish to them.
   * @default [] - no extra dependencies
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** AWS Budgets names: 1-100 characters, none of `:` and `\` (CreateBudget API, BudgetName). */
const BUDGET_NAME = /^[^:\\]{1,100}$/;

/**
 * A monthly AWS cost budget for one environment, filtered by a cost allocation tag, that notifies
 * an SNS topic when ACTUAL spend crosses each threshold (by default 80 % and 100 % of the limit).
 * Budgets that only notify are free.
 */
export class CostBudget extends Construct {
  /** The budget. */
  public readonly budget: BudgetsBudget;

  public constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    const thresholds = props.thresholdsPercent ?? [80, 100];
    checkPattern(this, "name", props.name, BUDGET_NAME, "must be 1-100 characters without : or \\ (AWS Budgets names)");
    checkNumber(this, "monthlyLimitUsd", props.monthlyLimitUsd);
    if (!isToken(props.monthlyLimitUsd) && !(props.monthlyLimitUsd > 0))
      fail(this, "monthlyLimitUsd", "must be a positive amount of US dollars", props.monthlyLimitUsd);
    checkResourceArn(this, "topicArn", props.topicArn, "snsTopic");
    if (props.costAllocationTag) {
      const { key, value } = props.costAllocationTag;
      // User-defined cost allocation tags: key 1-128, value up to 256 characters; aws: keys are AWS-generated tags.
      checkPattern(
        this,
        "costAllocationTag.key",
        key,
        /^(?!aws:).{1,128}$/,
        "must be a user-defined tag key of 1-128 characters (not aws:...)",
      );
      checkMaxLength(this, "costAllocationTag.value", value, 256);
    }
    if (thresholds.length === 0) fail(this, "thresholdsPercent", "must list at least one percentage", thresholds);
    // AWS Budgets allows up to 10 notifications per budget (Budgets quotas).
    if (thresholds.length > 10)
      fail(this, "thresholdsPercent", "must list at most 10 percentages (AWS Budgets notifications per budget)", thresholds);
    thresholds.forEach((t, i) => {
      checkNumber(this, `thresholdsPercent[${i}]`, t);
      if (!(t > 0)) fail(this, `thresholdsPercent[${i}]`, "must be a positive percentage", t);
    });
    checkUnique(this, "thresholdsPercent", thresholds.map(String));

    this.budget = new BudgetsBudget(this, "Budget", {
      name: props.name,
      budgetType: "COST",
      limitAmount: String(props.monthlyLimitUsd),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      // Format from the Budgets API CostFilters: "user:<key>$<value>" for user-defined tags.
      costFilter: props.costAllocationTag
        ? [{ name: "TagKeyValue", values: [`user:${props.costAllocationTag.key}$${props.costAllocationTag.value}`] }]
        : undefined,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
      notification: thresholds.map((threshold) => ({
        comparisonOperator: "GREATER_THAN",
        notificationType: "ACTUAL",
        threshold,
        thresholdType: "PERCENTAGE",
        subscriberSnsTopicArns: [props.topicArn],
      })),
    });
  }
}
