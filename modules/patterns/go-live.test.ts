import { describe, expect, it } from "vitest";
import { SynthJson, findResources, resource, synth } from "../internal/testing";
import { CdnDistribution } from "../cdn/cdn-distribution";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";
import { PRODUCTION_APP } from "./testing";

const app = (props: ContainerWebAppProps): SynthJson => synth((s) => new ContainerWebApp(s, "App", props));
const aliasRecords = (json: SynthJson) =>
  findResources(json, "aws_route53_record", (r) => r.alias !== undefined)
    .map((r) => `${r.type} ${r.name}`)
    .sort();

describe("two-phase go-live: alias records only when set", () => {
  it("phase 1 (aliasRecords: false) creates the distribution with its alias and validated certificate, but moves no user", () => {
    const json = app({ ...PRODUCTION_APP, domain: { ...PRODUCTION_APP.domain!, aliasRecords: false } });
    expect(aliasRecords(json)).toEqual([]);
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.aliases).toEqual(["shop.example.com"]);
    expect(dist.viewer_certificate.acm_certificate_arn).toMatch(/aws_acm_certificate_validation\./);
    // The certificate's DNS validation records are written in phase 1, so phase 2 only adds the aliases.
    expect(findResources(json, "aws_route53_record", (r) => r.alias === undefined).length).toBeGreaterThan(0);
    // What go-live-check is pointed at.
    expect(json.output?.cdn_domain_name.value).toMatch(/^\$\{aws_cloudfront_distribution\.\w+\.domain_name\}$/);
  });

  it("phase 2 (the default) adds the A and AAAA alias records to the distribution", () => {
    const json = app(PRODUCTION_APP);
    expect(aliasRecords(json)).toEqual(["A shop.example.com", "AAAA shop.example.com"]);
    for (const r of findResources(json, "aws_route53_record", (x) => x.alias !== undefined)) {
      expect(r.alias.name).toMatch(/aws_cloudfront_distribution\.\w+\.domain_name/);
    }
  });

  it("CdnDistribution leaves the records out with domain.aliasRecords false, and exposes none", () => {
    let cdn: CdnDistribution | undefined;
    const json = synth((s) => {
      cdn = new CdnDistribution(s, "Cdn", {
        name: "shop-prod",
        appOrigin: { domainName: "abc123.us-east-1.awsapprunner.com" },
        domain: {
          names: ["shop.example.com"],
          hostedZoneId: "Z0123456789ABC",
          certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab",
          aliasRecords: false,
        },
      });
    });
    expect(aliasRecords(json)).toEqual([]);
    expect(cdn!.aliasRecords).toEqual([]);
    expect(cdn!.url).toBe("https://shop.example.com");
  });
});
