import { describe, expect, it } from "vitest";
import { SynthJson, dataSources, findResources, resource, resources, synth } from "../internal/testing";
import { evaluate } from "../policy/engine";
import { albOriginVerify } from "../policy/rules/alb-origin-verify";
import { TerraformJson } from "../policy/stack-index";
import { ContainerWebApp, ContainerWebAppProps, ORIGIN_VERIFY_HEADER } from "./container-web-app";
import { PRODUCTION_APP } from "./testing";

const PROD: ContainerWebAppProps = PRODUCTION_APP;
const SECRET = "s3cr3t-0123456789abcdef0123456789abcdef";
const app = (props: ContainerWebAppProps): SynthJson => synth((s) => new ContainerWebApp(s, "App", props));
const ref = (json: SynthJson, type: string, attribute: string): string =>
  `\${${type}.${Object.keys(resources(json, type))[0]}.${attribute}}`;

describe("ContainerWebApp edge: production reaches the app only through CloudFront", () => {
  const json = app(PROD);
  const lb = resource(json, "aws_lb");

  it("creates the VPC origin after the internet gateway it needs (and deletes it before)", () => {
    expect(resource(json, "aws_cloudfront_vpc_origin").depends_on).toEqual([
      `aws_internet_gateway.${Object.keys(resources(json, "aws_internet_gateway"))[0]}`,
    ]);
  });

  it("puts the load balancer in the private subnets, internal, with no public alias record", () => {
    expect(lb.internal).toBe(true);
    expect(lb.subnets.every((s: string) => s.includes("PrivateSubnet"))).toBe(true);
    expect(findResources(json, "aws_route53_record", (r) => r.name === "origin.shop.example.com" && r.alias !== undefined)).toEqual([]);
  });

  it("admits nothing from 0.0.0.0/0 or ::/0 on the load balancer: CloudFront's prefix list and its own (private) subnets' ranges on 443", () => {
    const sg = lb.security_groups[0].replace(/^\$\{(.*)\.id\}$/, "$1");
    const rules = (Object.values(resources(json, "aws_vpc_security_group_ingress_rule")) as any[]).filter((r) =>
      r.security_group_id.includes(sg),
    );
    const subnetIdOf = (cidr: string) => dataSources(json, "aws_subnet")[/data\.aws_subnet\.(\w+)\.cidr_block/.exec(cidr)![1]].id;
    expect(rules).toEqual([
      expect.objectContaining({ from_port: 443, to_port: 443, prefix_list_id: expect.stringContaining("aws_ec2_managed_prefix_list") }),
      expect.objectContaining({ from_port: 443, to_port: 443, cidr_ipv4: expect.stringContaining("data.aws_subnet.") }),
      expect.objectContaining({ from_port: 443, to_port: 443, cidr_ipv4: expect.stringContaining("data.aws_subnet.") }),
    ]);
    // The subnets read are the load balancer's own: where CloudFront puts the VPC origin's interfaces.
    expect(rules.slice(1).map((r) => subnetIdOf(r.cidr_ipv4))).toEqual(lb.subnets);
  });

  it("sends the CDN's app origin through a VPC origin whose ARN is the load balancer's, over HTTPS", () => {
    const vpcOrigin = resource(json, "aws_cloudfront_vpc_origin");
    expect(vpcOrigin.vpc_origin_endpoint_config[0]).toMatchObject({
      arn: ref(json, "aws_lb", "arn"),
      https_port: 443,
      origin_protocol_policy: "https-only",
    });
    const origin = resource(json, "aws_cloudfront_distribution").origin.find((o: any) => o.origin_id === "app");
    expect(origin.vpc_origin_config.vpc_origin_id).toBe(ref(json, "aws_cloudfront_vpc_origin", "id"));
    expect(origin.domain_name).toBe("origin.shop.example.com");
    expect(origin.custom_origin_config).toBeUndefined();
  });
});

describe("ContainerWebApp edge: a public load balancer", () => {
  it("is refused in production without the origin-verify secret, naming the setting", () => {
    expect(() => app({ ...PROD, cdn: { originAccess: "public" } })).toThrow(
      /App: cdn\.originVerifySecret is required for production with cdn\.originAccess "public".*supply it from the pipeline's secret store/,
    );
  });

  it("requires the one secret on both sides in production", () => {
    const json = app({ ...PROD, cdn: { originAccess: "public", originVerifySecret: SECRET } });
    expect(resource(json, "aws_lb").internal).toBe(false);
    const origin = resource(json, "aws_cloudfront_distribution").origin.find((o: any) => o.origin_id === "app");
    expect(origin.custom_header).toEqual([{ name: ORIGIN_VERIFY_HEADER, value: SECRET }]);
    const rule = findResources(json, "aws_lb_listener_rule", (r) => r.priority === 50000)[0];
    expect(rule.condition).toEqual([{ http_header: { http_header_name: ORIGIN_VERIFY_HEADER, values: [SECRET] } }]);
    expect(resources(json, "aws_cloudfront_vpc_origin")).toEqual({});
  });

  it("is allowed without the secret outside production", () => {
    const staging = { ...PROD, environment: "staging", profile: "non-production" as const, cdn: { originAccess: "public" as const } };
    expect(resource(app(staging), "aws_lb").internal).toBe(false);
  });

  it("passes the ALB-ORIGIN-VERIFY policy with the header, and only with it", () => {
    const findings = (props: ContainerWebAppProps) =>
      evaluate(app(props) as unknown as TerraformJson, { tier: "production", rules: [albOriginVerify] }).failed.map((f) => f.path);
    expect(findings({ ...PROD, cdn: { originAccess: "public", originVerifySecret: SECRET } })).toEqual([]);
    expect(findings({ ...PROD, profile: "non-production", cdn: { originAccess: "public" } })).toEqual([
      expect.stringContaining("Web_HttpsListener"),
    ]);
  });
});
