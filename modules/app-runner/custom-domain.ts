import { Fn, Token } from "cdktf";
import { ApprunnerCustomDomainAssociation } from "@cdktf/provider-aws/lib/apprunner-custom-domain-association";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { checkDomain, checkIntegerRange, fail, isToken } from "../internal/validate";

/** Props for {@link AppRunnerCustomDomain}. */
export interface AppRunnerCustomDomainProps {
  /** ARN of the App Runner service. */
  readonly serviceArn: string;
  /** The domain to serve, e.g. `staging.example.com` (a sub-domain: the record is a CNAME). */
  readonly domainName: string;
  /** Route 53 hosted zone that holds `domainName`. */
  readonly hostedZoneId: string;
  /**
   * Also serve `www.<domainName>`.
   * @default false
   */
  readonly enableWwwSubdomain?: boolean;
  /**
   * How many certificate validation records to create (see the README). Too many is harmless
   * (`element()` wraps round and the record is written twice); too few leaves the certificate
   * pending.
   * @default 2, or 3 with enableWwwSubdomain
   */
  readonly validationRecordCount?: number;
  /**
   * TTL of the records, seconds.
   * @default 300
   */
  readonly ttlSeconds?: number;
}

/**
 * Associate a custom domain with an App Runner service and publish, in Route 53, the ACM
 * validation CNAMEs App Runner asks for and the CNAME(s) pointing the domain at the service.
 *
 * `certificate_validation_records` is a set known only after apply, so `for_each` over it fails
 * at plan ("Invalid for_each argument"). The records are therefore a fixed number of
 * `aws_route53_record`s, each reading `element(tolist(...), i)`: the count is known at plan,
 * the values at apply.
 */
export class AppRunnerCustomDomain extends Construct {
  /** The association. */
  public readonly association: ApprunnerCustomDomainAssociation;
  /** The validation CNAMEs, in index order. */
  public readonly validationRecords: Route53Record[];
  /** `domainName` → the service's App Runner domain. */
  public readonly domainRecord: Route53Record;
  /** `www.<domainName>` → the service, when enabled. */
  public readonly wwwRecord?: Route53Record;

  public constructor(scope: Construct, id: string, props: AppRunnerCustomDomainProps) {
    super(scope, id);
    checkDomain(this, "domain.name", props.domainName);
    // The domain gets a CNAME, which DNS forbids at a zone apex. A two-label name (example.com) is
    // always an apex; deeper apexes (example.co.uk) cannot be told from the name alone.
    if (!isToken(props.domainName) && props.domainName.split(".").length < 3) {
      fail(
        this,
        "domain.name",
        "must be a sub-domain such as staging.example.com: the module points it at the service with a CNAME, which Route 53 refuses at a zone apex",
        props.domainName,
      );
    }
    const www = props.enableWwwSubdomain ?? false;
    const count = props.validationRecordCount ?? (www ? 3 : 2);
    const ttl = props.ttlSeconds ?? 300;
    checkIntegerRange(this, "domain.validationRecordCount", count, 1, 10);
    checkIntegerRange(this, "domain.ttlSeconds", ttl, 60, 172800);

    this.association = new ApprunnerCustomDomainAssociation(this, "Association", {
      serviceArn: props.serviceArn,
      domainName: props.domainName,
      enableWwwSubdomain: www,
    });

    // The list token already renders as `tolist(<set>)`.
    const records = this.association.certificateValidationRecords;
    const field = (i: number, key: "name" | "type" | "value"): string => Token.asString(Fn.lookup(Fn.element(records, i), key, ""));
    this.validationRecords = Array.from(
      { length: count },
      (_, i) =>
        new Route53Record(this, `Validation${i}`, {
          zoneId: props.hostedZoneId,
          name: field(i, "name"),
          type: field(i, "type"),
          records: [field(i, "value")],
          ttl,
          // A repeated record (count above what App Runner returned) rewrites the same value.
          allowOverwrite: true,
        }),
    );

    const cname = (recordId: string, name: string): Route53Record =>
      new Route53Record(this, recordId, {
        zoneId: props.hostedZoneId,
        name,
        type: "CNAME",
        records: [this.association.dnsTarget],
        ttl,
      });
    this.domainRecord = cname("Record", props.domainName);
    this.wwwRecord = www ? cname("WwwRecord", `www.${props.domainName}`) : undefined;
  }
}
