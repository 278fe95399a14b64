import { LOAD_BALANCER_TYPES } from "../network";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Load balancers refuse deletion in prod. */
export const albDeletionProtection = defineRule({
  id: "ALB-DELETION-PROTECTION",
  cites: ["FSBP ELB.6", "CKV_AWS_150"],
  description: "Load balancers have deletion protection in prod: deleting one takes the site down and changes its DNS name.",
  severity: PRODUCTION_ERROR,
  dataProtection: true,
  resourceTypes: [...LOAD_BALANCER_TYPES],
  check: (lb) => (lb.config.enable_deletion_protection === true ? undefined : "enable_deletion_protection is not true"),
  fix: "keep `WebService` prop `deletionProtection` true (the default); raw `Lb`: `enableDeletionProtection: true`",
});
