import { blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

const S3_REST = /\.s3(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const S3_WEBSITE = /\.s3-website[.-]/;

/** S3 origins are read through origin access control, never a public bucket or legacy OAI. */
export const cloudfrontS3Oac = defineRule({
  id: "CLOUDFRONT-S3-OAC",
  cites: ["FSBP CloudFront.13", "CKV2_AWS_46"],
  description:
    "Every S3 origin of a CloudFront distribution uses origin access control (signed SigV4 requests), not a legacy origin access identity and not a public S3 website endpoint. `CdnDistribution` always does; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d, { stack }) =>
    blocks(d.config.origin).flatMap((o: any) => {
      const domain = String(o.domain_name ?? "");
      const bucketRef = stack.resolveAll(domain).find((b) => b.type === "aws_s3_bucket");
      const attr = /\.(website_endpoint|website_domain)\}/.test(domain);
      if (S3_WEBSITE.test(domain) || (bucketRef && attr)) {
        return [`origin ${o.origin_id} is an S3 website endpoint, which needs a public bucket`];
      }
      if (!bucketRef && !S3_REST.test(domain)) return [];
      const problems: string[] = [];
      if (!o.origin_access_control_id) problems.push(`S3 origin ${o.origin_id} has no origin_access_control_id`);
      if (blocks(o.s3_origin_config).some((c: any) => c.origin_access_identity))
        problems.push(`S3 origin ${o.origin_id} uses a legacy origin access identity`);
      return problems;
    }),
  fix: "`CdnDistribution` always reads its bucket through origin access control; raw: a `CloudfrontOriginAccessControl` (s3, always, sigv4) as the origin's `originAccessControlId`, and a bucket policy allowing cloudfront.amazonaws.com with aws:SourceArn = the distribution",
});
