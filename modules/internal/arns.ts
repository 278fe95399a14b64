import { IConstruct } from "constructs";
import { checkPattern } from "./validate";

/**
 * The shapes of the ARNs the library hands to other services: each names its service, whether the
 * region and account fields are filled, and its resource part. An ARN of the right service but the
 * wrong resource type or form (a role where an OIDC provider goes, a policy given by name, a bucket
 * ARN with a region) is accepted by Terraform's plan and refused by the service at apply; here it
 * is refused at synth. Source: "Amazon Resource Names (ARNs)" and each service's "Resource types
 * defined by ..." table in the Service Authorization Reference,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
interface ArnShape {
  readonly service: string;
  /** true: `<region>` is required; false: the field is empty (global resources). */
  readonly regional: boolean;
  /** true: the 12-digit account is required; false: the field is empty (S3 buckets). */
  readonly account: boolean;
  /** The resource part after `:<account>:`. */
  readonly resource: RegExp;
  /** What it is, for the message. */
  readonly what: string;
  /** The form, for the message. */
  readonly form: string;
}

const ARN_SHAPES = {
  kmsKey: {
    service: "kms",
    regional: true,
    account: true,
    resource: /^key\/[A-Za-z0-9-]+$/,
    what: "a KMS key ARN",
    form: "arn:aws:kms:<region>:<account>:key/<id>",
  },
  snsTopic: {
    service: "sns",
    regional: true,
    account: true,
    resource: /^[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
    what: "an SNS topic ARN",
    form: "arn:aws:sns:<region>:<account>:<topic>",
  },
  cloudwatchAlarm: {
    service: "cloudwatch",
    regional: true,
    account: true,
    resource: /^alarm:.+$/,
    what: "a CloudWatch alarm ARN",
    form: "arn:aws:cloudwatch:<region>:<account>:alarm:<name>",
  },
  acmCertificate: {
    service: "acm",
    regional: true,
    account: true,
    resource: /^certificate\/[0-9a-f-]+$/,
    what: "an ACM certificate ARN",
    form: "arn:aws:acm:<region>:<account>:certificate/<id>",
  },
  wafv2WebAcl: {
    service: "wafv2",
    regional: true,
    account: true,
    resource: /^(global|regional)\/webacl\/[^/]+\/[0-9a-f-]+$/,
    what: "a WAFv2 web ACL ARN",
    form: "arn:aws:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>",
  },
  iamOidcProvider: {
    service: "iam",
    regional: false,
    account: true,
    resource: /^oidc-provider\/[^\s]+$/,
    what: "an IAM OIDC identity provider ARN",
    form: "arn:aws:iam::<account>:oidc-provider/<host>",
  },
  iamPolicy: {
    service: "iam",
    regional: false,
    account: true,
    resource: /^policy\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/,
    what: "an IAM managed policy ARN",
    form: "arn:aws:iam::<account>:policy/<path/><name>",
  },
  iamRole: {
    service: "iam",
    regional: false,
    account: true,
    resource: /^role\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/,
    what: "an IAM role ARN",
    form: "arn:aws:iam::<account>:role/<path/><name>",
  },
  s3Bucket: {
    service: "s3",
    regional: false,
    account: false,
    resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    what: "an S3 bucket ARN",
    form: "arn:aws:s3:::<bucket> (no region, account or object path)",
  },
} as const satisfies Record<string, ArnShape>;

/** The kinds of ARN {@link checkResourceArn} knows. */
export type ArnKind = keyof typeof ARN_SHAPES;

/** Check that `value` is an ARN of `kind`: partition, service, region and account fields, resource type. */
export function checkResourceArn(scope: IConstruct | string, prop: string, value: string | undefined, kind: ArnKind, why?: string): void {
  const s: ArnShape = ARN_SHAPES[kind];
  const region = s.regional ? "[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d" : "";
  const account = s.account ? "\\d{12}" : "";
  const resource = s.resource.source.replace(/^\^/, "").replace(/\$$/, "");
  const pattern = new RegExp(`^arn:aws(-cn|-us-gov|-iso|-iso-b)?:${s.service}:${region}:${account}:${resource}$`);
  checkPattern(scope, prop, value, pattern, `must be ${s.what} (${s.form})${why ? `: ${why}` : ""}`);
}
