import { PRODUCTION_ERROR, defineRule } from "../types";

/** The CDN is protected by a WAF web ACL. */
export const cloudfrontWaf = defineRule({
  id: "CLOUDFRONT-WAF",
  cites: ["FSBP CloudFront.6", "CKV_AWS_68"],
  description: "Every CloudFront distribution is associated with a WAFv2 web ACL (scope CLOUDFRONT, created in us-east-1).",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) => (d.config.web_acl_id ? undefined : "web_acl_id is unset: no WAF in front of the distribution"),
  fix: "set `CdnDistribution` prop `webAcl` to true (a `CloudFrontWebAcl` is created) or `webAclArn`; raw `CloudfrontDistribution`: `webAclId` = a CLOUDFRONT-scope web ACL ARN",
});
