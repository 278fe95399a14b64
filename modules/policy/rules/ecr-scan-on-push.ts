import { block, blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Images are scanned for vulnerabilities when pushed. */
export const ecrScanOnPush = defineRule({
  id: "ECR-SCAN-ON-PUSH",
  cites: ["FSBP ECR.1", "CKV_AWS_163", "AVD-AWS-0030"],
  description:
    "ECR repositories scan images on push (image_scanning_configuration.scan_on_push), or the stack configures registry-wide scanning (aws_ecr_registry_scanning_configuration). `ContainerRepository` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecr_repository"],
  check: (r, { stack }) => {
    if (block(r.config.image_scanning_configuration)?.scan_on_push === true) return undefined;
    const registryWide = stack
      .resources("aws_ecr_registry_scanning_configuration")
      .some(
        (c) =>
          c.config.scan_type === "ENHANCED" ||
          blocks(c.config.rule).some((x: any) => x.scan_frequency === "SCAN_ON_PUSH" || x.scan_frequency === "CONTINUOUS_SCAN"),
      );
    return registryWide ? undefined : "image_scanning_configuration.scan_on_push is not true and no registry scanning configuration exists";
  },
  fix: "`ContainerRepository` always scans on push; raw `EcrRepository`: `imageScanningConfiguration: { scanOnPush: true }` (or enhanced registry scanning)",
});
