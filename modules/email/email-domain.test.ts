import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { SynthJson, findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { EmailDomain, EmailDomainProps } from "./email-domain";
import { EmailTemplateContent } from "./email-templates";

const ZONE = "Z0EXAMPLE0ZONE0ID";
/** Three templates with placeholders, HTML and text, as an app would pass them. */
const TEMPLATES: Record<"Reminder" | "Digest" | "Welcome", EmailTemplateContent> = {
  Reminder: {
    subject: "{{name}}, {{days}} days in a row",
    html: "<!DOCTYPE html><p>Hi {{name}}</p>",
    text: "Hi {{name}}\nUnsubscribe: {{unsubscribeUrl}}",
  },
  Digest: { subject: "Your week: {{minutes}} minutes", html: "<!DOCTYPE html><p>{{minutes}}</p>", text: "{{minutes}} minutes" },
  Welcome: { subject: "Welcome, {{name}}", text: "Welcome {{name}}" },
};
const BASE: EmailDomainProps = { name: "fckdoomscroll-prod", domain: "example.com", hostedZoneId: ZONE };

/** Synthesize one EmailDomain (plus whatever `extra` adds) and return the JSON and the construct. */
function build(props: Partial<EmailDomainProps> = {}, extra?: (email: EmailDomain) => void): { json: SynthJson; email: EmailDomain } {
  let email!: EmailDomain;
  const json = synth((scope) => {
    email = new EmailDomain(scope, "Email", { ...BASE, ...props });
    extra?.(email);
  });
  return { json, email };
}

function record(json: SynthJson, name: string, type: string): any {
  const found = findResources(json, "aws_route53_record", (r) => r.name === name && r.type === type);
  expect(found).toHaveLength(1);
  return found[0];
}

function fails(props: Partial<EmailDomainProps>, message: RegExp): void {
  expect(() => build(props)).toThrow(message);
}

/** Terraform reference to an attribute of the one resource of `type` matching `match`. */
function ref(json: SynthJson, type: string, attribute: string, match: (r: any) => boolean = () => true): string {
  const keys = Object.entries(resources(json, type))
    .filter(([, r]) => match(r))
    .map(([key]) => key);
  expect(keys).toHaveLength(1);
  return `${type}.${keys[0]}.${attribute}`;
}

const domainIdentity = (r: any): boolean => r.email_identity === "example.com";

describe("EmailDomain defaults", () => {
  const { json, email } = build();

  it("creates a domain identity with 2048-bit Easy DKIM that uses the configuration set", () => {
    const identities = resources(json, "aws_sesv2_email_identity");
    expect(Object.keys(identities)).toHaveLength(1);
    expect(resource(json, "aws_sesv2_email_identity")).toMatchObject({
      email_identity: "example.com",
      dkim_signing_attributes: { next_signing_key_length: "RSA_2048_BIT" },
      configuration_set_name: `\${${ref(json, "aws_sesv2_configuration_set", "configuration_set_name")}}`,
    });
  });

  it("uses mail.<domain> as MAIL FROM, falling back to amazonses.com when its MX is missing", () => {
    expect(resource(json, "aws_sesv2_email_identity_mail_from_attributes")).toMatchObject({
      mail_from_domain: "mail.example.com",
      behavior_on_mx_failure: "USE_DEFAULT_VALUE",
    });
    expect(email.mailFromDomain).toBe("mail.example.com");
  });

  it("creates a configuration set: TLS required, reputation metrics, suppression, sending enabled", () => {
    expect(resource(json, "aws_sesv2_configuration_set")).toEqual({
      configuration_set_name: "fckdoomscroll-prod-config-set",
      delivery_options: { tls_policy: "REQUIRE" },
      reputation_options: { reputation_metrics_enabled: true },
      suppression_options: { suppressed_reasons: ["BOUNCE", "COMPLAINT"] },
      sending_options: { sending_enabled: true },
    });
  });

  it("publishes send, reject, bounce, complaint and delivery events to CloudWatch only", () => {
    expect(resource(json, "aws_sesv2_configuration_set_event_destination")).toMatchObject({
      event_destination_name: "cloudwatch",
      event_destination: {
        enabled: true,
        matching_event_types: ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY"],
        cloud_watch_destination: {
          dimension_configuration: [
            {
              dimension_name: "ConfigurationSet",
              dimension_value_source: "MESSAGE_TAG",
              default_dimension_value: "fckdoomscroll-prod-config-set",
            },
          ],
        },
      },
    });
  });

  it("creates no templates, no sender identity and no policy until asked", () => {
    expect(resources(json, "aws_ses_template")).toEqual({});
    expect(email.senderIdentity).toBeUndefined();
    expect(resources(json, "aws_iam_role_policy")).toEqual({});
  });

  it("creates the seven DNS records in the zone, exactly those it exposes", () => {
    const created = Object.values(resources(json, "aws_route53_record"));
    expect(created).toHaveLength(7);
    expect(email.records).toHaveLength(7);
    expect(email.dnsRecords.map((r) => r.id)).toEqual([
      "DkimRecord1",
      "DkimRecord2",
      "DkimRecord3",
      "MailFromMxRecord",
      "MailFromSpfRecord",
      "SpfRecord",
      "DmarcRecord",
    ]);
    for (const r of created) expect(r).toMatchObject({ zone_id: ZONE, ttl: 1800 });
  });
});

describe("EmailDomain defaults, with a sender address and templates", () => {
  const { json } = build({ senderAddress: "noreply@example.com", templates: TEMPLATES });

  it("publishes SPF include:amazonses.com ~all at the domain", () => {
    expect(record(json, "example.com", "TXT").records).toEqual(["v=spf1 include:amazonses.com ~all"]);
  });

  it("publishes DMARC p=reject with aggregate reports to dmarc@<domain>", () => {
    expect(record(json, "_dmarc.example.com", "TXT").records).toEqual(["v=DMARC1; p=reject; rua=mailto:dmarc@example.com"]);
  });

  it("publishes the three Easy DKIM CNAMEs from the identity's tokens", () => {
    for (const i of [0, 1, 2]) {
      const token = `\${element(${ref(json, "aws_sesv2_email_identity", "dkim_signing_attributes[0].tokens", domainIdentity)}, ${i})}`;
      expect(record(json, `${token}._domainkey.example.com`, "CNAME").records).toEqual([`${token}.dkim.amazonses.com`]);
    }
  });

  it("publishes the MAIL FROM MX (regional feedback endpoint) and SPF", () => {
    expect(record(json, "mail.example.com", "MX").records).toEqual([
      "10 feedback-smtp.${data.aws_region.AwsContextRegion.region}.amazonses.com",
    ]);
    expect(record(json, "mail.example.com", "TXT").records).toEqual(["v=spf1 include:amazonses.com ~all"]);
  });

  it("verifies noreply@ as a sender identity on the configuration set", () => {
    const sender = findResources(json, "aws_sesv2_email_identity", (r) => r.email_identity === "noreply@example.com");
    expect(sender).toHaveLength(1);
    expect(sender[0].configuration_set_name).toBe(`\${${ref(json, "aws_sesv2_configuration_set", "configuration_set_name")}}`);
  });

  it("creates one SES template per entry, with its subject, HTML and text (Handlebars placeholders kept as they are)", () => {
    const templates = Object.values(resources(json, "aws_ses_template"));
    expect(templates.map((t) => t.name).sort()).toEqual(["Digest", "Reminder", "Welcome"]);
    expect(findResources(json, "aws_ses_template", (t) => t.name === "Reminder")[0]).toMatchObject({
      subject: "{{name}}, {{days}} days in a row",
      html: "<!DOCTYPE html><p>Hi {{name}}</p>",
      text: "Hi {{name}}\nUnsubscribe: {{unsubscribeUrl}}",
    });
    expect(findResources(json, "aws_ses_template", (t) => t.name === "Welcome")[0].html).toBeUndefined();
  });
});

describe("EmailDomain variants", () => {
  it("exposes the records and creates none when the zone is not managed here", () => {
    const { json, email } = build({ hostedZoneId: undefined });
    expect(resources(json, "aws_route53_record")).toEqual({});
    expect(email.records).toEqual([]);
    expect(email.dnsRecords).toHaveLength(7);
    expect(email.dnsRecords.find((r) => r.id === "DmarcRecord")).toEqual({
      id: "DmarcRecord",
      name: "_dmarc.example.com",
      type: "TXT",
      values: ["v=DMARC1; p=reject; rua=mailto:dmarc@example.com"],
      ttl: 1800,
    });
  });

  it("works on a subdomain with its own MAIL FROM, DMARC and TTL settings", () => {
    const { json } = build({
      domain: "staging.example.com",
      mailFromDomain: "bounce.staging.example.com",
      mailFromBehaviorOnMxFailure: "REJECT_MESSAGE",
      dmarcPolicy: "quarantine",
      dmarcSubdomainPolicy: "none",
      dmarcPercent: 50,
      dmarcReportAddresses: ["a@example.com", "b@example.com"],
      recordTtlSeconds: 300,
    });
    expect(resource(json, "aws_sesv2_email_identity_mail_from_attributes")).toMatchObject({
      mail_from_domain: "bounce.staging.example.com",
      behavior_on_mx_failure: "REJECT_MESSAGE",
    });
    expect(record(json, "bounce.staging.example.com", "MX").ttl).toBe(300);
    expect(record(json, "_dmarc.staging.example.com", "TXT").records).toEqual([
      "v=DMARC1; p=quarantine; sp=none; pct=50; rua=mailto:a@example.com,mailto:b@example.com",
    ]);
  });

  it("merges SPF includes and other TXT values into one record set at the domain", () => {
    const { json } = build({ spfIncludes: ["_spf.google.com", "amazonses.com"], domainTxtValues: ["google-site-verification=abc"] });
    expect(record(json, "example.com", "TXT").records).toEqual([
      "v=spf1 include:amazonses.com include:_spf.google.com ~all",
      "google-site-verification=abc",
    ]);
  });

  it('splits a generated TXT value over 255 characters into strings joined by ""', () => {
    const includes = Array.from({ length: 9 }, (_, i) => `${"s".repeat(20)}${i}.example.net`);
    const [value] = record(build({ spfIncludes: includes }).json, "example.com", "TXT").records;
    const parts = value.split('""');
    expect(parts.length).toBe(2);
    expect(parts[0]).toHaveLength(255);
    expect(parts.join("")).toBe(`v=spf1 include:amazonses.com ${includes.map((i) => `include:${i}`).join(" ")} ~all`);
  });

  it("accepts a user TXT value over 255 characters once it is split", () => {
    const split = `${"a".repeat(255)}""${"b".repeat(10)}`;
    expect(record(build({ domainTxtValues: [split] }).json, "example.com", "TXT").records[1]).toBe(split);
  });

  it("sends BOUNCE and COMPLAINT events to the SNS topic when one is given", () => {
    const topicArn = "arn:aws:sns:us-east-1:123456789012:email-events";
    const sns = findResources(
      build({ eventsTopicArn: topicArn }).json,
      "aws_sesv2_configuration_set_event_destination",
      (r) => r.event_destination.sns_destination,
    );
    expect(sns).toHaveLength(1);
    expect(sns[0].event_destination).toEqual({
      enabled: true,
      matching_event_types: ["BOUNCE", "COMPLAINT"],
      sns_destination: { topic_arn: topicArn },
    });
  });

  it("names the configuration set and prefixes template names on request", () => {
    const { json } = build({
      configurationSetName: "custom_set",
      templateNamePrefix: "dev-",
      templates: { WelcomeEmail: TEMPLATES.Welcome },
    });
    expect(resource(json, "aws_sesv2_configuration_set").configuration_set_name).toBe("custom_set");
    expect(resource(json, "aws_ses_template").name).toBe("dev-WelcomeEmail");
  });

  it("puts extra tags on the identities and the configuration set", () => {
    const tags = { team: "growth" };
    const { json } = build({ tags, senderAddress: "noreply@example.com" });
    for (const identity of Object.values(resources(json, "aws_sesv2_email_identity"))) expect(identity.tags).toEqual(tags);
    expect(resource(json, "aws_sesv2_configuration_set").tags).toEqual(tags);
  });

  it("uses the configuration set's name as the CloudWatch dimension's default value", () => {
    const { json } = build({ configurationSetName: "custom_set" });
    const [dimension] = resource(json, "aws_sesv2_configuration_set_event_destination").event_destination.cloud_watch_destination
      .dimension_configuration;
    expect(dimension).toEqual({
      dimension_name: "ConfigurationSet",
      dimension_value_source: "MESSAGE_TAG",
      default_dimension_value: "custom_set",
    });
    expect(dimension.dimension_name).toMatch(/^[A-Za-z0-9_-]{1,256}$/); // the SES v2 DimensionName rule (no colon)
  });

  it("reads template parts from files and escapes Terraform's ${ and %{", () => {
    const dir = mkdtempSync(join(tmpdir(), "email-templates-"));
    writeFileSync(join(dir, "t.html"), "<p>Hi {{name}}, ${cost} %{x}</p>");
    const { json } = build({ templates: { Receipt: { subject: "Receipt", htmlFile: join(dir, "t.html"), text: "Paid ${cost}" } } });
    expect(resource(json, "aws_ses_template")).toEqual({
      name: "Receipt",
      subject: "Receipt",
      html: "<p>Hi {{name}}, $${cost} %%{x}</p>",
      text: "Paid $${cost}",
    });
  });
});

describe("EmailDomain.grantSend", () => {
  const arnOf = (json: SynthJson, type: string, match?: (r: any) => boolean): string => `\${${ref(json, type, "arn", match)}}`;

  it("scopes a separate policy on a plain role to the identity and configuration set", () => {
    const { json } = build({}, (email) =>
      email.grantSend({ roleName: "apprunner-instance", roleArn: "arn:aws:iam::123456789012:role/apprunner-instance" }),
    );
    const policy = resource(json, "aws_iam_role_policy");
    expect(policy.role).toBe("apprunner-instance");
    expect(policyOf(policy).Statement).toEqual([
      {
        Sid: "SendEmail",
        Effect: "Allow",
        Action: ["ses:SendEmail", "ses:SendRawEmail"],
        Resource: [arnOf(json, "aws_sesv2_email_identity"), arnOf(json, "aws_sesv2_configuration_set")],
      },
    ]);
    expect(JSON.stringify(policyOf(policy))).not.toContain('"*"');
  });

  it("adds to a WorkloadRole's grants policy, with the sender identity and From addresses", () => {
    const { json } = build({ senderAddress: "noreply@example.com" }, (email) => {
      const role = new WorkloadRole(email.node.scope!, "TaskRole", {
        name: "fckdoomscroll-prod-task",
        assumedBy: "ecs-tasks.amazonaws.com",
      });
      email.grantSend(role, { fromAddresses: ["noreply@example.com", "*@example.com"] });
    });
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    expect(policies).toHaveLength(1);
    expect(policyOf(policies[0]).Statement).toEqual([
      {
        Sid: "SendEmail",
        Effect: "Allow",
        Action: ["ses:SendEmail", "ses:SendRawEmail"],
        Resource: [
          arnOf(json, "aws_sesv2_email_identity", domainIdentity),
          arnOf(json, "aws_sesv2_configuration_set"),
          arnOf(json, "aws_sesv2_email_identity", (r) => r.email_identity === "noreply@example.com"),
        ],
        Condition: { StringLike: { "ses:FromAddress": ["noreply@example.com", "*@example.com"] } },
      },
    ]);
  });

  it("includes this construct's templates, which SES v2 SendEmail authorizes as resources", () => {
    const { json } = build({ templates: TEMPLATES }, (email) =>
      email.grantSend({ roleName: "r", roleArn: "arn:aws:iam::123456789012:role/r" }),
    );
    const [statement] = policyOf(resource(json, "aws_iam_role_policy")).Statement;
    const templateArns = Object.keys(resources(json, "aws_ses_template")).map((key) => `\${aws_ses_template.${key}.arn}`);
    expect(templateArns).toHaveLength(3);
    expect(statement.Resource.slice(0, 2)).toEqual([arnOf(json, "aws_sesv2_email_identity"), arnOf(json, "aws_sesv2_configuration_set")]);
    expect([...statement.Resource.slice(2)].sort()).toEqual([...templateArns].sort());
    expect(statement.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
  });

  it("fails for a From address outside the domain", () => {
    expect(() =>
      build({}, (email) => email.grantSend({ roleName: "r", roleArn: "arn:aws:iam::1:role/r" }, { fromAddresses: ["noreply@other.com"] })),
    ).toThrow('test/Email: fromAddresses[0] must be an address in domain (example.com), e.g. noreply@example.com, got "noreply@other.com"');
  });
});

describe("EmailDomain bad input", () => {
  it("fails for an invalid domain", () => {
    fails({ domain: "Example.com." }, /test\/Email: domain must be a lower-case DNS name .*got "Example.com."/);
  });

  it("fails for a MAIL FROM that is not a subdomain of the domain", () => {
    fails({ mailFromDomain: "mail.other.com" }, /mailFromDomain must be a subdomain of domain \(example.com\).*got "mail.other.com"/);
    fails({ mailFromDomain: "example.com" }, /mailFromDomain must be a subdomain of domain/);
  });

  it("fails for an unknown MAIL FROM MX failure behavior", () => {
    fails(
      { mailFromBehaviorOnMxFailure: "BOUNCE" },
      /mailFromBehaviorOnMxFailure must be one of "USE_DEFAULT_VALUE", "REJECT_MESSAGE", got "BOUNCE"/,
    );
  });

  it("fails for a DMARC policy other than none/quarantine/reject", () => {
    fails({ dmarcPolicy: "block" }, /test\/Email: dmarcPolicy must be one of "none", "quarantine", "reject", got "block"/);
    fails({ dmarcSubdomainPolicy: "Reject" }, /dmarcSubdomainPolicy must be one of/);
  });

  it("fails for bad DMARC report addresses or percentage", () => {
    fails({ dmarcReportAddresses: ["not-an-address"] }, /dmarcReportAddresses\[0\] must be an email address.*got "not-an-address"/);
    fails({ dmarcReportAddresses: [] }, /dmarcReportAddresses must name at least one mailbox/);
    fails({ dmarcPercent: 120 }, /dmarcPercent must be an integer from 0 to 100, got 120/);
  });

  it("fails for a TXT string over 255 characters that was not split", () => {
    fails(
      { domainTxtValues: ["x".repeat(300)] },
      /domainTxtValues\[0\] must be split into TXT strings of at most 255 characters \(one is 300\)/,
    );
  });

  it("fails for an SPF value outside spfIncludes and for bad or too many includes", () => {
    fails(
      { domainTxtValues: ["v=spf1 include:_spf.google.com ~all"] },
      /domainTxtValues\[0\] must not be an SPF record; add the senders to spfIncludes/,
    );
    fails({ spfIncludes: ["include:_spf.google.com"] }, /spfIncludes entries must be domain names .*got "include:_spf.google.com"/);
    fails({ spfIncludes: Array.from({ length: 10 }, (_, i) => `s${i}.example.net`) }, /spfIncludes with amazonses.com makes 11 includes/);
  });

  it("fails for template names AWS rejects", () => {
    fails(
      { templates: { "Welcome Email": TEMPLATES.Welcome } },
      /templates.Welcome Email must be a valid ses name: letters, digits, hyphens and underscores, got "Welcome Email"/,
    );
    fails({ templates: { ["T".repeat(65)]: TEMPLATES.Welcome } }, /must be 1-64 characters for a ses name \(is 65\)/);
  });

  it("fails for a template name prefix SES rejects", () => {
    fails(
      { templateNamePrefix: "dev.", templates: TEMPLATES },
      /test\/Email: templateNamePrefix must be letters, digits, hyphens and underscores .*got "dev\."/,
    );
  });

  it("fails for a template over SES's 500 KB limit", () => {
    fails(
      { templates: { Big: { subject: "Hi", text: "x".repeat(500 * 1024) } } },
      /templates.Big must be at most 512000 bytes in total \(SES limit\); it is 512002/,
    );
  });

  it("fails for template content SES or the file system cannot provide", () => {
    fails({ templates: { Empty: { subject: "Hi" } } }, /templates.Empty needs an HTML part/);
    fails({ templates: { NoSubject: { subject: " ", text: "x" } } }, /templates.NoSubject.subject must be a non-empty subject line/);
    fails(
      { templates: { Missing: { subject: "Hi", htmlFile: "no/such/file.html" } } },
      /templates.Missing.htmlFile must name an existing file \(resolved to .*no\/such\/file.html\), got "no\/such\/file.html"/,
    );
    fails({ templates: { Both: { subject: "Hi", text: "a", textFile: "b.txt" } } }, /templates.Both.textFile cannot be combined with text/);
  });

  it("fails for a sender address outside the domain", () => {
    fails(
      { senderAddress: "noreply@other.com" },
      /test\/Email: senderAddress must be an address in domain \(example.com\), e.g. noreply@example.com, got "noreply@other.com"/,
    );
    fails({ senderAddress: "noreply@mail.example.com" }, /senderAddress must be an address in domain/);
    fails({ senderAddress: "noreply" }, /senderAddress must be an email address/);
  });

  it("fails for a bad configuration set name, events topic or TTL", () => {
    fails({ configurationSetName: "my.set" }, /configurationSetName must be a valid ses name/);
    fails(
      { eventsTopicArn: "arn:aws:sqs:us-east-1:123456789012:q" },
      /eventsTopicArn must be an SNS topic ARN .*got "arn:aws:sqs:us-east-1:123456789012:q"/,
    );
    fails({ recordTtlSeconds: 10 }, /recordTtlSeconds must be an integer from 60 to 172800, got 10/);
  });
});
