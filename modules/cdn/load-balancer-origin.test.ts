import { describe, expect, it } from "vitest";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { SynthJson, TEST_NETWORK, dataSources, findResources, resource, resources, synth } from "../internal/testing";
import { webService } from "../service/testing";
import { WebService, WebServiceProps } from "../service/web-service";
import { CdnAppOrigin, CdnDistribution, CdnDistributionProps } from "./cdn-distribution";

const ZONE = "Z0EXAMPLE0ZONE0ID";
const ORIGIN_NAME = "origin.shop.example.com";
const SECRET = "0123456789abcdef0123456789abcdef";
const VERIFY = { name: "X-Origin-Verify", value: SECRET };
const HTTPS_INTERNAL: Partial<WebServiceProps> = { scheme: "internal", domain: { name: ORIGIN_NAME, hostedZoneId: ZONE } };
const HTTPS_PUBLIC: Partial<WebServiceProps> = { domain: { name: ORIGIN_NAME, hostedZoneId: ZONE }, ingress: "cloudfront" };

/** A web service with `web` props and a CDN in front of it, its app origin built from the service. */
function cdnFor(
  web: Partial<WebServiceProps>,
  appOrigin: (w: WebService) => CdnAppOrigin,
  cdn: Partial<CdnDistributionProps> = {},
): (scope: Construct) => void {
  return (scope) => {
    const w = webService(scope, web);
    new CdnDistribution(scope, "Cdn", { name: "shop-prod", appOrigin: appOrigin(w), ...cdn });
  };
}

/** The distribution's app origin block. */
function appOriginOf(json: SynthJson): any {
  return resource(json, "aws_cloudfront_distribution").origin.find((o: any) => o.origin_id === "app");
}

/** `${type.name}` of the one resource of a type, as a reference in another resource's attribute. */
function refTo(json: SynthJson, type: string, attribute: string): string {
  const names = Object.keys(resources(json, type));
  expect(names).toHaveLength(1);
  return `\${${type}.${names[0]}.${attribute}}`;
}

describe("WebService with an internal load balancer", () => {
  const json = synth((s) => webService(s, HTTPS_INTERNAL));
  const lb = resource(json, "aws_lb");

  it("sits in the private subnets with no public address", () => {
    expect(lb).toMatchObject({ internal: true, ip_address_type: "ipv4", subnets: [...TEST_NETWORK.privateSubnetIds] });
  });

  it("has no path from the internet: CloudFront's prefix list and its own subnets' ranges (the VPC origin's interfaces) on the serving port", () => {
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")) as any[];
    const toLb = ingress.filter((r) => r.security_group_id.includes("LoadBalancerSecurityGroup"));
    const subnets = dataSources(json, "aws_subnet");
    // One data source per load balancer subnet, read by id; one rule per subnet's CIDR block, nothing VPC-wide.
    expect(Object.values(subnets).map((d: any) => d.id)).toEqual([...TEST_NETWORK.privateSubnetIds]);
    expect(toLb).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, prefix_list_id: expect.stringContaining("aws_ec2_managed_prefix_list.") }),
      ...Object.keys(subnets).map((name) =>
        expect.objectContaining({ from_port: 443, to_port: 443, cidr_ipv4: `\${data.aws_subnet.${name}.cidr_block}` }),
      ),
    ]);
    expect(toLb.filter((r) => r.cidr_ipv4 === TEST_NETWORK.vpcCidr)).toEqual([]);
    expect(ingress.filter((r) => r.cidr_ipv4 === "0.0.0.0/0" || r.cidr_ipv6 !== undefined)).toEqual([]);
    expect(Object.values(dataSources(json, "aws_ec2_managed_prefix_list"))).toEqual([
      expect.objectContaining({ name: "com.amazonaws.global.cloudfront.origin-facing" }),
    ]);
  });

  it("gets its certificate for domain but publishes no alias record", () => {
    expect(resource(json, "aws_acm_certificate")).toMatchObject({ domain_name: ORIGIN_NAME });
    expect(findResources(json, "aws_route53_record", (r) => r.alias !== undefined)).toEqual([]);
  });

  it("admits anything but the CloudFront prefix list only when asked (ingress anywhere)", () => {
    const open = synth((s) => webService(s, { ...HTTPS_INTERNAL, ingress: "anywhere" }));
    const cidrs = (Object.values(resources(open, "aws_vpc_security_group_ingress_rule")) as any[]).map((r) => r.cidr_ipv4).filter(Boolean);
    expect(cidrs.filter((c) => !c.startsWith("${data.aws_subnet."))).toEqual(["0.0.0.0/0", "0.0.0.0/0"]);
  });

  it("admits the VPC's range when its subnet ids are one list token (their count unknown at synth)", () => {
    const network = { ...TEST_NETWORK, privateSubnetIds: Token.asList("${data.terraform_remote_state.net.outputs.private_subnet_ids}") };
    const fromState = synth((s) => webService(s, { ...HTTPS_INTERNAL, network }));
    expect(dataSources(fromState, "aws_subnet")).toEqual({});
    expect(
      findResources(fromState, "aws_vpc_security_group_ingress_rule", (r) => r.cidr_ipv4 !== undefined).map((r) => r.cidr_ipv4),
    ).toEqual([TEST_NETWORK.vpcCidr]);
  });
});

describe("CdnDistribution in front of an internal load balancer (VPC origin)", () => {
  const json = synth(cdnFor(HTTPS_INTERNAL, (w) => ({ loadBalancer: w.origin })));
  const vpcOrigin = resource(json, "aws_cloudfront_vpc_origin");

  it("creates a VPC origin for the load balancer's ARN, HTTPS on 443 with TLS 1.2", () => {
    expect(vpcOrigin.vpc_origin_endpoint_config).toEqual([
      expect.objectContaining({
        arn: refTo(json, "aws_lb", "arn"),
        http_port: 80,
        https_port: 443,
        origin_protocol_policy: "https-only",
        origin_ssl_protocols: [{ items: ["TLSv1.2"], quantity: 1 }],
      }),
    ]);
  });

  it("points the app origin at the VPC origin, under the name the certificate covers, with no internet custom origin", () => {
    const origin = appOriginOf(json);
    expect(origin.vpc_origin_config).toEqual({
      vpc_origin_id: refTo(json, "aws_cloudfront_vpc_origin", "id"),
      origin_read_timeout: 30,
      origin_keepalive_timeout: 5,
    });
    expect(origin.custom_origin_config).toBeUndefined();
    expect(origin.domain_name).toBe(ORIGIN_NAME);
  });

  it("waits up to 30 minutes and replaces the VPC origin (new one first) whenever its settings change", () => {
    expect(vpcOrigin.timeouts).toEqual({ create: "30m", update: "30m", delete: "30m" });
    const settingsName = Object.keys(resources(json, "terraform_data"))[0];
    expect(vpcOrigin.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`terraform_data.${settingsName}`] });
    expect(resource(json, "terraform_data").triggers_replace).toMatchObject({
      arn: refTo(json, "aws_lb", "arn"),
      originProtocolPolicy: "https-only",
    });
    expect(vpcOrigin.vpc_origin_endpoint_config[0].name).toBe(`shop-prod-app-\${substr(terraform_data.${settingsName}.id, 0, 8)}`);
  });

  it("speaks HTTP on 80 to an internal load balancer without a certificate, at its DNS name", () => {
    const http = synth(cdnFor({ scheme: "internal" }, (w) => ({ loadBalancer: w.origin })));
    expect(resource(http, "aws_cloudfront_vpc_origin").vpc_origin_endpoint_config[0]).toMatchObject({
      http_port: 80,
      origin_protocol_policy: "http-only",
    });
    expect(appOriginOf(http).domain_name).toBe(refTo(http, "aws_lb", "dns_name"));
    expect((Object.values(resources(http, "aws_vpc_security_group_ingress_rule")) as any[]).find((r) => r.prefix_list_id)).toMatchObject({
      from_port: 80,
    });
  });

  it("needs an internet gateway in the VPC (public subnets), and takes the nearest valid network", () => {
    const noGateway = { ...HTTPS_INTERNAL, network: { ...TEST_NETWORK, publicSubnetIds: [] } };
    expect(() => synth(cdnFor(noGateway, (w) => ({ loadBalancer: w.origin })))).toThrow(
      /test\/Cdn: appOrigin\.loadBalancer is the load balancer test\/Web, in a VPC without an internet gateway: CloudFront VPC origins need one attached/,
    );
    expect(() => synth(cdnFor(HTTPS_INTERNAL, (w) => ({ loadBalancer: w.origin })))).not.toThrow();
  });
});

describe("Origin verification: one setting on the web service, both sides", () => {
  const json = synth(cdnFor({ ...HTTPS_PUBLIC, originVerifyHeader: VERIFY }, (w) => ({ loadBalancer: w.origin })));

  it("sends the header the load balancer's rule requires, over HTTPS to its certificate name", () => {
    const origin = appOriginOf(json);
    expect(origin.custom_header).toEqual([{ name: "X-Origin-Verify", value: SECRET }]);
    expect(origin.custom_origin_config).toMatchObject({ origin_protocol_policy: "https-only", https_port: 443 });
    expect(origin.domain_name).toBe(ORIGIN_NAME);
    const rule = findResources(json, "aws_lb_listener_rule", (r) => r.priority === 50000)[0];
    expect(rule.condition).toEqual([{ http_header: { http_header_name: "X-Origin-Verify", values: [SECRET] } }]);
    expect(resources(json, "aws_cloudfront_vpc_origin")).toEqual({});
  });

  it("production (requireOriginVerification) refuses an internet-facing load balancer without the header", () => {
    expect(() => synth(cdnFor(HTTPS_PUBLIC, (w) => ({ loadBalancer: w.origin }), { requireOriginVerification: true }))).toThrow(
      /test\/Cdn: requireOriginVerification is on, but the load balancer test\/Web is internet-facing and requires no origin-verify header.*set the web service's originVerifyHeader, or its scheme "internal"/,
    );
  });

  it("production accepts the header, or an internal load balancer without one", () => {
    const withHeader = cdnFor({ ...HTTPS_PUBLIC, originVerifyHeader: VERIFY }, (w) => ({ loadBalancer: w.origin }), {
      requireOriginVerification: true,
    });
    expect(() => synth(withHeader)).not.toThrow();
    expect(() => synth(cdnFor(HTTPS_INTERNAL, (w) => ({ loadBalancer: w.origin }), { requireOriginVerification: true }))).not.toThrow();
  });
});

describe("A CDN wired to a web service's origin must match it", () => {
  it("sends the header the load balancer requires, or refuses another value without echoing either", () => {
    const json = synth(cdnFor({ ...HTTPS_PUBLIC, originVerifyHeader: VERIFY }, (w) => ({ loadBalancer: w.origin })));
    expect(appOriginOf(json).custom_header).toEqual([{ name: "X-Origin-Verify", value: SECRET }]);
    const wrong = cdnFor({ ...HTTPS_PUBLIC, originVerifyHeader: VERIFY }, (w) => ({
      loadBalancer: w.origin,
      customHeaders: { "x-origin-verify": "another-secret-value-0000" },
    }));
    expect(() => synth(wrong)).toThrow(
      /send a X-Origin-Verify value other than the one the load balancer test\/Web requires.*got "<redacted>"/,
    );
    expect(() => synth(wrong)).not.toThrow(new RegExp(SECRET));
  });

  it("refuses https-only to a load balancer that serves HTTP only on 80", () => {
    expect(() =>
      synth(cdnFor({ ingress: "cloudfront" }, (w) => ({ loadBalancer: w.origin, protocol: "https-only", originHasCertificate: true }))),
    ).toThrow(
      /test\/Cdn: appOrigin\.protocol is "https-only", but the load balancer test\/Web serves HTTP on port 80 only \(it has no certificate\); use "http-only"/,
    );
  });

  it("refuses http-only to a load balancer whose port 80 only redirects to HTTPS", () => {
    expect(() =>
      synth(cdnFor(HTTPS_PUBLIC, (w) => ({ loadBalancer: w.origin, protocol: "http-only", originHasCertificate: false }))),
    ).toThrow(
      /appOrigin\.protocol is "http-only", but the load balancer test\/Web serves HTTPS on port 443 only \(port 80 only redirects to HTTPS\); use "https-only"/,
    );
  });

  it("refuses the AWS DNS name of an HTTPS load balancer whose certificate names are unknown", () => {
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
    expect(() => synth(cdnFor({ certificateArn }, (w) => ({ loadBalancer: w.origin })))).toThrow(
      /appOrigin\.domainName is the AWS DNS name of the load balancer test\/Web, which its certificate does not cover/,
    );
    expect(() =>
      synth(cdnFor({ certificateArn }, (w) => ({ loadBalancer: w.origin, domainName: "app-origin.shop.example.com" }))),
    ).not.toThrow();
  });

  it("wires only what it is given: a domainName alone is a custom origin, never matched to a web service of the app", () => {
    // No hidden lookup: the service in the same app requires a header, but the CDN was not wired to it.
    const json = synth(cdnFor({ ...HTTPS_PUBLIC, originVerifyHeader: VERIFY }, () => ({ domainName: ORIGIN_NAME })));
    expect(appOriginOf(json)).toMatchObject({ domain_name: ORIGIN_NAME, custom_origin_config: { origin_protocol_policy: "https-only" } });
    expect(appOriginOf(json).custom_header).toEqual([]);
  });

  it("refuses a domainName other than the certificate's name next to loadBalancer", () => {
    expect(() => synth(cdnFor(HTTPS_PUBLIC, (w) => ({ loadBalancer: w.origin, domainName: "other.shop.example.com" })))).toThrow(
      /appOrigin\.domainName must be the name the certificate of the load balancer test\/Web covers \(origin\.shop\.example\.com\), or omitted/,
    );
  });

  it("needs loadBalancer or domainName", () => {
    expect(() => synth(cdnFor({}, () => ({})))).toThrow(/test\/Cdn: appOrigin needs loadBalancer \(a WebService's origin\) or domainName/);
  });
});
