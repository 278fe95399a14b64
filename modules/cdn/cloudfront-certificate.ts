import { TerraformIterator, TerraformProvider, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { checkTags, checkUnique, fail, isToken } from "../internal/validate";
import { checkAliasName } from "./cdn-checks";

/** ACM's limit on a certificate's subject (common name); SANs may be longer. */
const MAX_SUBJECT_LENGTH = 64;

/** Props for {@link CloudFrontCertificate}. */
export interface CloudFrontCertificateProps {
  /**
   * Names the certificate covers; wildcards (`*.example.com`) allowed. The first name of at most
   * 64 characters is the subject (ACM's limit for the common name); the others are SANs.
   */
  readonly names: readonly string[];
  /** Route 53 hosted zone that holds every name; the DNS validation records are written there. */
  readonly hostedZoneId: string;
  /** The stack's AWS provider aliased to us-east-1: CloudFront only accepts certificates from there. */
  readonly usEast1Provider: TerraformProvider;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A DNS-validated ACM certificate in us-east-1, for CloudFront. `certificateArn` resolves only
 * once validation has succeeded, so a distribution using it never references a pending certificate.
 */
export class CloudFrontCertificate extends Construct {
  /** The certificate (created through the us-east-1 provider). */
  public readonly certificate: AcmCertificate;
  /** The validation records, one per distinct validation name (for_each over the certificate's options). */
  public readonly validationRecords: Route53Record;
  /** Waits for the certificate to be issued. */
  public readonly validation: AcmCertificateValidation;
  /** ARN of the issued certificate. */
  public readonly certificateArn: string;

  public constructor(scope: Construct, id: string, props: CloudFrontCertificateProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    if (props.names.length === 0) fail(this, "names", "must name at least one domain", props.names);
    props.names.forEach((n, i) => checkAliasName(this, `names[${i}]`, n));
    checkUnique(this, "names", props.names);

    // ACM refuses a common name over 64 characters (RFC 5280); SANs may have 253.
    const subject = props.names.find((n) => isToken(n) || n.length <= MAX_SUBJECT_LENGTH);
    if (subject === undefined) {
      fail(
        this,
        "names",
        `must include one name of at most ${MAX_SUBJECT_LENGTH} characters: ACM needs one as the certificate's subject (common name)`,
        props.names,
      );
    }
    const alternatives = props.names.filter((n) => n !== subject);
    this.certificate = new AcmCertificate(this, "Certificate", {
      provider: props.usEast1Provider,
      domainName: subject,
      subjectAlternativeNames: alternatives.length > 0 ? [...alternatives] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      tags: props.tags,
      // A renamed certificate must exist before the distribution lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });

    // A wildcard and its apex share one validation record: keyed by name, allowOverwrite absorbs the repeat.
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    this.validationRecords = new Route53Record(this, "ValidationRecord", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });

    this.validation = new AcmCertificateValidation(this, "Validation", {
      provider: props.usEast1Provider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(this.validationRecords).pluckProperty("fqdn")),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
