import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";

/** A DNS name for the load balancer in a Route 53 hosted zone. */
export interface LoadBalancerDomain {
  /** Lower-case DNS name, e.g. `origin.example.com`. */
  readonly name: string;
  /** The Route 53 hosted zone holding `name`. */
  readonly hostedZoneId: string;
}

/**
 * An ACM certificate for `domain.name`, validated through DNS records in the zone. Returns the
 * ARN from the validation resource, so a listener using it waits until the certificate is issued.
 */
export function dnsValidatedCertificate(
  scope: Construct,
  domain: LoadBalancerDomain,
  tags?: Record<string, string>,
): { certificate: AcmCertificate; certificateArn: string } {
  const certificate = new AcmCertificate(scope, "Certificate", {
    domainName: domain.name,
    validationMethod: "DNS",
    keyAlgorithm: "RSA_2048",
    lifecycle: { createBeforeDestroy: true },
    tags,
  });
  const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
  const records = new Route53Record(scope, "CertificateValidationRecord", {
    forEach: options,
    zoneId: domain.hostedZoneId,
    name: options.getString("resource_record_name"),
    type: options.getString("resource_record_type"),
    records: [options.getString("resource_record_value")],
    ttl: 60,
    allowOverwrite: true,
  });
  const validation = new AcmCertificateValidation(scope, "CertificateValidation", {
    certificateArn: certificate.arn,
    validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
  });
  return { certificate, certificateArn: validation.certificateArn };
}

/** Alias records (A, and AAAA for a dual-stack load balancer) from `domain.name` to the load balancer. */
export function aliasToLoadBalancer(scope: Construct, domain: LoadBalancerDomain, lb: Lb, dualStack: boolean): Route53Record[] {
  return (dualStack ? ["A", "AAAA"] : ["A"]).map(
    (type) =>
      new Route53Record(scope, `Alias${type}`, {
        zoneId: domain.hostedZoneId,
        name: domain.name,
        type,
        alias: { name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true },
      }),
  );
}
