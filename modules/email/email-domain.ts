import { Fn } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SesTemplate } from "@cdktf/provider-aws/lib/ses-template";
import { Sesv2ConfigurationSet } from "@cdktf/provider-aws/lib/sesv2-configuration-set";
import { Sesv2ConfigurationSetEventDestination } from "@cdktf/provider-aws/lib/sesv2-configuration-set-event-destination";
import { Sesv2EmailIdentity } from "@cdktf/provider-aws/lib/sesv2-email-identity";
import { Sesv2EmailIdentityMailFromAttributes } from "@cdktf/provider-aws/lib/sesv2-email-identity-mail-from-attributes";
import { Construct } from "constructs";
import { sendEmailStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { awsContext } from "../internal/aws-context";
import { checkName, physicalName } from "../internal/naming";
import { EMAIL_PATTERN, checkDomain, checkIntegerRange, checkOneOf, checkPattern, checkTags, fail, isToken } from "../internal/validate";
import { EmailDnsRecord, SES_SPF_INCLUDE, checkTxtValue, dmarcValue, spfValue } from "./dns-records";
import { EmailTemplateContent, resolveTemplate } from "./email-templates";
import { checkResourceArn } from "../internal/arns";

/** What SES does when the MAIL FROM domain's MX record is missing. */
export const MAIL_FROM_MX_FAILURE_BEHAVIORS = ["USE_DEFAULT_VALUE", "REJECT_MESSAGE"] as const;

/** Events published to CloudWatch. */
export const CLOUDWATCH_EVENT_TYPES = ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY"];

/** Events published to the SNS topic, when one is given. */
export const SNS_EVENT_TYPES = ["BOUNCE", "COMPLAINT"];

/**
 * Dimension of the CloudWatch event destination. SES v1 documents auto-tag dimension names such
 * as `ses:configuration-set`, but the SES v2 API (`aws_sesv2_*`, used here) documents
 * `DimensionName` as letters, digits, `_` and `-` only, so the colon form is not used. Nothing is
 * lost: the destination belongs to one configuration set, so the default value (the set's name)
 * is exactly what the `ses:configuration-set` auto-tag would report, unless a sender overrides it
 * with its own `ConfigurationSet` message tag.
 */
export const CLOUDWATCH_DIMENSION_NAME = "ConfigurationSet";

/** Easy DKIM always publishes three keys. */
const DKIM_RECORD_COUNT = 3;

/** Props for {@link EmailDomain}. */
export interface EmailDomainProps {
  /** Base of physical names, `<project>-<environment>` (see `baseName`). */
  readonly name: string;
  /** The sending domain, lower case, e.g. `example.com` or `staging.example.com`. */
  readonly domain: string;
  /**
   * Route 53 hosted zone that holds `domain`; the DKIM, MAIL FROM, SPF and DMARC records are created in it.
   * @default - no records are created; create {@link EmailDomain.dnsRecords} wherever the domain's DNS lives
   */
  readonly hostedZoneId?: string;
  /**
   * TTL of the DNS records, in seconds.
   * @default 1800
   */
  readonly recordTtlSeconds?: number;
  /**
   * Custom MAIL FROM domain (bounce return path); must be a subdomain of `domain`.
   * @default `mail.<domain>`
   */
  readonly mailFromDomain?: string;
  /**
   * What SES does when the MAIL FROM MX record is missing: fall back to `amazonses.com`
   * (`USE_DEFAULT_VALUE`) or refuse to send (`REJECT_MESSAGE`).
   * @default "USE_DEFAULT_VALUE"
   */
  readonly mailFromBehaviorOnMxFailure?: string;
  /**
   * Other senders authorized in the domain's SPF record, as `include:` domains (e.g. `_spf.google.com`).
   * A name holds only one SPF record, so they are merged with `amazonses.com` into it.
   * @default [] (only amazonses.com)
   */
  readonly spfIncludes?: readonly string[];
  /**
   * Other TXT values published at `domain` (e.g. site-verification tokens). Route 53 holds one TXT
   * record set per name, so they share the SPF record's set. A value over 255 characters must be
   * split by you into strings joined with `""`; SPF values belong in `spfIncludes`.
   * @default []
   */
  readonly domainTxtValues?: readonly string[];
  /**
   * DMARC policy (`p=`) for mail failing SPF and DKIM alignment: `none`, `quarantine` or `reject`.
   * @default "reject"
   */
  readonly dmarcPolicy?: string;
  /**
   * DMARC policy for subdomains (`sp=`).
   * @default - same as `dmarcPolicy` (tag omitted)
   */
  readonly dmarcSubdomainPolicy?: string;
  /**
   * Percentage of failing mail the policy applies to (`pct=`), 0-100.
   * @default - 100 (tag omitted)
   */
  readonly dmarcPercent?: number;
  /**
   * Mailboxes receiving DMARC aggregate reports (`rua=mailto:...`). A mailbox outside `domain`
   * must publish a DMARC report authorization record in its own domain.
   * @default [`dmarc@<domain>`]
   */
  readonly dmarcReportAddresses?: readonly string[];
  /**
   * An address to verify as its own SES identity (e.g. `noreply@<domain>`); must be in
   * `domain`. SES mails a verification link to it, so the mailbox must exist and someone must
   * click the link, or the identity stays pending. The domain identity already lets every
   * address of the domain send, so this is rarely needed; it adds per-address settings and is
   * granted with the domain.
   * @default - none
   */
  readonly senderAddress?: string;
  /**
   * Exact configuration set name (letters, digits, `_` and `-`, at most 64).
   * @default `<name>-config-set`
   */
  readonly configurationSetName?: string;
  /**
   * SNS topic receiving BOUNCE and COMPLAINT events. A topic of this account needs no topic policy
   * for SES; if it is KMS-encrypted, the key policy must let `ses.amazonaws.com` use the key.
   * @default - CloudWatch only
   */
  readonly eventsTopicArn?: string;
  /**
   * SES templates by name (letters, digits, `_` and `-`, at most 64 with the prefix), each with a
   * subject and HTML and/or text content given inline or as files read at synth.
   * @default {}
   */
  readonly templates?: Readonly<Record<string, EmailTemplateContent>>;
  /**
   * Prefix of every template's SES name, for environments sharing an account and region
   * (template names are unique per account and region).
   * @default "" (names as given)
   */
  readonly templateNamePrefix?: string;
  /** Extra tags on the identities and configuration set. @default {} */
  readonly tags?: Record<string, string>;
}

/** Options for {@link EmailDomain.grantSend}. */
export interface GrantSendOptions {
  /**
   * Allowed From addresses (`ses:FromAddress`); each must be in the domain. `*` matches any
   * characters of the local part, e.g. `*@example.com`.
   * @default - any address of the domain
   */
  readonly fromAddresses?: readonly string[];
}

/**
 * An SES v2 sending domain: the identity with Easy DKIM (RSA 2048), a custom MAIL FROM domain,
 * SPF and DMARC records, a configuration set (TLS required, reputation metrics, suppression of
 * bounces and complaints, events to CloudWatch and optionally SNS), templates, and a grant that
 * lets a role send through exactly this identity. The DNS records are created in Route 53 when
 * `hostedZoneId` is given and exposed in {@link dnsRecords} in every case.
 */
export class EmailDomain extends Construct {
  /** The domain identity. */
  public readonly identity: Sesv2EmailIdentity;
  /** The custom MAIL FROM settings of the identity. */
  public readonly mailFrom: Sesv2EmailIdentityMailFromAttributes;
  /** The configuration set the identity uses by default. */
  public readonly configurationSet: Sesv2ConfigurationSet;
  /** The CloudWatch event destination. */
  public readonly cloudWatchDestination: Sesv2ConfigurationSetEventDestination;
  /** The SNS event destination, when `eventsTopicArn` is given. */
  public readonly snsDestination?: Sesv2ConfigurationSetEventDestination;
  /** The verified sender address identity, when `senderAddress` is given. */
  public readonly senderIdentity?: Sesv2EmailIdentity;
  /** Templates by the key given in `templates`. */
  public readonly templates: Readonly<Record<string, SesTemplate>>;
  /** Every DNS record the domain needs (created in Route 53 only when `hostedZoneId` is given). */
  public readonly dnsRecords: readonly EmailDnsRecord[];
  /** The Route 53 records created (empty when `hostedZoneId` is not given). */
  public readonly records: readonly Route53Record[];
  /** The sending domain. */
  public readonly domain: string;
  /** The MAIL FROM domain. */
  public readonly mailFromDomain: string;
  /** ARN of the domain identity. */
  public readonly identityArn: string;
  /** Name of the configuration set. */
  public readonly configurationSetName: string;
  /** ARN of the configuration set. */
  public readonly configurationSetArn: string;
  private grants = 0;

  public constructor(scope: Construct, id: string, props: EmailDomainProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const domain = props.domain;
    const mailFromDomain = props.mailFromDomain ?? `mail.${domain}`;
    const behaviorOnMxFailure = props.mailFromBehaviorOnMxFailure ?? "USE_DEFAULT_VALUE";
    const ttl = props.recordTtlSeconds ?? 1800;
    const configurationSetName = props.configurationSetName ?? physicalName(this, "ses", props.name, "config-set");
    const templatePrefix = props.templateNamePrefix ?? "";

    this.domain = domain;
    this.mailFromDomain = mailFromDomain;
    checkDomain(this, "domain", domain);
    checkDomain(this, "mailFromDomain", mailFromDomain);
    this.checkInDomain("mailFromDomain", mailFromDomain, `a subdomain of domain (${domain}), e.g. mail.${domain}`, (v) =>
      v.endsWith(`.${domain}`),
    );
    checkOneOf<string>(this, "mailFromBehaviorOnMxFailure", behaviorOnMxFailure, MAIL_FROM_MX_FAILURE_BEHAVIORS);
    checkIntegerRange(this, "recordTtlSeconds", ttl, 60, 172800);
    checkName(this, "configurationSetName", "ses", configurationSetName);
    if (templatePrefix !== "") {
      checkPattern(
        this,
        "templateNamePrefix",
        templatePrefix,
        /^[A-Za-z0-9_-]+$/,
        "must be letters, digits, hyphens and underscores (SES template names allow nothing else)",
      );
    }
    checkResourceArn(this, "eventsTopicArn", props.eventsTopicArn, "snsTopic");
    if (props.senderAddress !== undefined) this.checkAddress("senderAddress", props.senderAddress);

    this.configurationSet = new Sesv2ConfigurationSet(this, "ConfigurationSet", {
      configurationSetName,
      deliveryOptions: { tlsPolicy: "REQUIRE" },
      reputationOptions: { reputationMetricsEnabled: true },
      suppressionOptions: { suppressedReasons: ["BOUNCE", "COMPLAINT"] },
      sendingOptions: { sendingEnabled: true },
      tags: props.tags,
    });
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = this.configurationSet.arn;

    this.cloudWatchDestination = new Sesv2ConfigurationSetEventDestination(this, "CloudWatchDestination", {
      configurationSetName: this.configurationSetName,
      eventDestinationName: "cloudwatch",
      eventDestination: {
        enabled: true,
        matchingEventTypes: CLOUDWATCH_EVENT_TYPES,
        cloudWatchDestination: {
          dimensionConfiguration: [
            { dimensionName: CLOUDWATCH_DIMENSION_NAME, dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: configurationSetName },
          ],
        },
      },
    });
    if (props.eventsTopicArn !== undefined) {
      this.snsDestination = new Sesv2ConfigurationSetEventDestination(this, "SnsDestination", {
        configurationSetName: this.configurationSetName,
        eventDestinationName: "sns-bounces-complaints",
        eventDestination: { enabled: true, matchingEventTypes: SNS_EVENT_TYPES, snsDestination: { topicArn: props.eventsTopicArn } },
      });
    }

    this.identity = new Sesv2EmailIdentity(this, "Identity", {
      emailIdentity: domain,
      configurationSetName: this.configurationSetName,
      dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
      tags: props.tags,
    });
    this.identityArn = this.identity.arn;
    this.mailFrom = new Sesv2EmailIdentityMailFromAttributes(this, "MailFrom", {
      emailIdentity: this.identity.emailIdentity,
      mailFromDomain,
      behaviorOnMxFailure,
    });
    if (props.senderAddress !== undefined) {
      this.senderIdentity = new Sesv2EmailIdentity(this, "SenderIdentity", {
        emailIdentity: props.senderAddress,
        configurationSetName: this.configurationSetName,
        tags: props.tags,
      });
    }

    this.templates = Object.fromEntries(
      Object.entries(props.templates ?? {}).map(([key, content]) => {
        const prop = `templates.${key}`;
        const name = checkName(this, prop, "ses", `${templatePrefix}${key}`);
        const parts = resolveTemplate(this, prop, content);
        return [key, new SesTemplate(this, `Template${key}`, { name, ...parts })];
      }),
    );

    this.dnsRecords = this.buildDnsRecords(props, ttl);
    const zoneId = props.hostedZoneId;
    this.records =
      zoneId === undefined
        ? []
        : this.dnsRecords.map((r) => new Route53Record(this, r.id, { zoneId, name: r.name, type: r.type, ttl: r.ttl, records: r.values }));
  }

  /**
   * Let `role` send email (`ses:SendEmail`, `ses:SendRawEmail`) through exactly this identity
   * (and the sender address identity, if any) with this configuration set and this construct's
   * templates; never `Resource: "*"`. SES v2 `SendEmail` authorizes the template as a resource
   * (`arn:<partition>:ses:<region>:<account>:template/<name>`) when the message uses one, so the
   * templates' ARNs are included. A `WorkloadRole` gets the statement in its grants policy;
   * another role a separate inline policy.
   */
  public grantSend(role: RoleRef, options: GrantSendOptions = {}): void {
    const fromAddresses = options.fromAddresses ?? [];
    fromAddresses.forEach((a, i) => this.checkAddress(`fromAddresses[${i}]`, a, true));
    const extra = [...(this.senderIdentity ? [this.senderIdentity.arn] : []), ...Object.values(this.templates).map((t) => t.arn)];
    const statements = sendEmailStatements(this.identityArn, {
      configurationSetArn: this.configurationSetArn,
      fromAddresses,
    }).map((s) => ({ ...s, resources: [...s.resources, ...extra] }));
    this.grants += 1;
    grantTo(this, this.grants === 1 ? "SendGrant" : `SendGrant${this.grants}`, role, statements);
  }

  private buildDnsRecords(props: EmailDomainProps, ttl: number): EmailDnsRecord[] {
    const { domain, mailFromDomain } = this;
    const region = awsContext(this).region;
    const txtValues = props.domainTxtValues ?? [];
    txtValues.forEach((v, i) => {
      const prop = `domainTxtValues[${i}]`;
      if (!isToken(v) && /^"?v=spf1\b/i.test(v)) fail(this, prop, `must not be an SPF record; add the senders to spfIncludes instead`, v);
      checkTxtValue(this, prop, v);
    });
    const dkim: EmailDnsRecord[] = Array.from({ length: DKIM_RECORD_COUNT }, (_, i) => {
      const token = Fn.element(this.identity.dkimSigningAttributes.tokens, i);
      return {
        id: `DkimRecord${i + 1}`,
        name: `${token}._domainkey.${domain}`,
        type: "CNAME",
        values: [`${token}.dkim.amazonses.com`],
        ttl,
      };
    });
    const dmarc = dmarcValue(this, {
      policy: props.dmarcPolicy ?? "reject",
      subdomainPolicy: props.dmarcSubdomainPolicy,
      percent: props.dmarcPercent,
      reportAddresses: props.dmarcReportAddresses ?? [`dmarc@${domain}`],
    });
    return [
      ...dkim,
      { id: "MailFromMxRecord", name: mailFromDomain, type: "MX", values: [`10 feedback-smtp.${region}.amazonses.com`], ttl },
      { id: "MailFromSpfRecord", name: mailFromDomain, type: "TXT", values: [spfValue(this, "spfIncludes", [SES_SPF_INCLUDE])], ttl },
      { id: "SpfRecord", name: domain, type: "TXT", values: [spfValue(this, "spfIncludes", props.spfIncludes ?? []), ...txtValues], ttl },
      { id: "DmarcRecord", name: `_dmarc.${domain}`, type: "TXT", values: [dmarc], ttl },
    ];
  }

  /** Require an address whose domain part is exactly `domain` (`*` allowed in the local part when `wildcard`). */
  private checkAddress(prop: string, address: string, wildcard = false): void {
    if (isToken(address)) return;
    const concrete = wildcard ? address.replace(/\*/g, "x") : address;
    if (!EMAIL_PATTERN.test(concrete)) fail(this, prop, `must be an email address such as noreply@${this.domain}`, address);
    this.checkInDomain(prop, address, `an address in domain (${this.domain}), e.g. noreply@${this.domain}`, (v) =>
      v.toLowerCase().endsWith(`@${this.domain}`),
    );
  }

  private checkInDomain(prop: string, value: string, rule: string, ok: (value: string) => boolean): void {
    if (isToken(value) || isToken(this.domain)) return;
    if (!ok(value)) fail(this, prop, `must be ${rule}`, value);
  }
}
