import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID, ALL_VIEWER_POLICY_ID } from "../cdn/managed-policies";
import { SynthJson, resource, resources, synth } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

/** A non-production Auth.js app without a domain: CloudFront's default certificate, an internal HTTP load balancer. */
const NO_DOMAIN: ContainerWebAppProps = {
  project: "shop",
  environment: "dev",
  profile: "non-production",
  imageTag: "v1",
  authJs: true,
  database: { poolSize: 4 },
};
const app = (props: ContainerWebAppProps): SynthJson => synth((s) => new ContainerWebApp(s, "App", props));
const webEnv = (json: SynthJson): Record<string, string> => {
  const web = Object.entries(resources(json, "aws_ecs_task_definition")).find(([n]) => n.includes("_Web_"))![1] as any;
  return Object.fromEntries(JSON.parse(web.container_definitions)[0].environment.map((e: any) => [e.name, e.value]));
};

/** What the app behavior's function does to a viewer request with this Host (its code, run in Node). */
function viewerRequest(json: SynthJson, host: string): Record<string, string> {
  const fn = resource(json, "aws_cloudfront_function");
  const handler = runInNewContext(`${fn.code}\nhandler;`, {}) as (e: unknown) => { headers: Record<string, { value: string }> };
  const out = handler({
    request: { method: "GET", uri: "/api/auth/signin", headers: { host: { value: host }, "x-forwarded-host": { value: "evil.example" } } },
  });
  return Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k, v.value]));
}

describe("ContainerWebApp: Auth.js without a domain, end to end on the synthesized JSON", () => {
  const json = app(NO_DOMAIN);
  const dist = resource(json, "aws_cloudfront_distribution");
  const distDomain = `\${aws_cloudfront_distribution.${Object.keys(resources(json, "aws_cloudfront_distribution"))[0]}.domain_name}`;

  it("tells the app its public URL (the distribution's https name) and to trust the forwarded host", () => {
    const env = webEnv(json);
    expect(env.AUTH_URL).toBe(`https://${distDomain}`);
    expect(env.APP_URL).toBe(env.AUTH_URL);
    expect(env.AUTH_TRUST_HOST).toBe("true");
  });

  it("reaches the app only over HTTPS from viewers, through the VPC origin to the internal HTTP listener", () => {
    expect(dist.default_cache_behavior.viewer_protocol_policy).toBe("redirect-to-https");
    expect(dist.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(resource(json, "aws_lb").internal).toBe(true);
    expect(resource(json, "aws_cloudfront_vpc_origin").vpc_origin_endpoint_config[0]).toMatchObject({
      origin_protocol_policy: "http-only",
      http_port: 80,
    });
  });

  it("hands the app the viewer's host: Host itself (AllViewer over HTTP) and X-Forwarded-Host, whatever the viewer sent", () => {
    expect(dist.default_cache_behavior.origin_request_policy_id).toBe(ALL_VIEWER_POLICY_ID);
    const fn = `\${aws_cloudfront_function.${Object.keys(resources(json, "aws_cloudfront_function"))[0]}.arn}`;
    expect(dist.default_cache_behavior.function_association).toEqual([{ event_type: "viewer-request", function_arn: fn }]);
    // The viewer's host is the host of AUTH_URL: Auth.js's callbacks and the request agree.
    const viewerHost = new URL(webEnv(json).AUTH_URL.replace(distDomain, "d111111abcdef8.cloudfront.net")).host;
    const headers = viewerRequest(json, viewerHost);
    expect(headers).toMatchObject({ host: viewerHost, "x-forwarded-host": viewerHost, forwarded: `host="${viewerHost}";proto=https` });
    // CloudFront may not let a function set X-Forwarded-Proto; the function leaves it alone.
    expect(headers["x-forwarded-proto"]).toBeUndefined();
  });

  it("with a domain, keeps the origin's name for TLS (AllViewerExceptHostHeader) and still forwards the viewer's host", () => {
    const withDomain = app({ ...NO_DOMAIN, domain: { name: "shop.example.com", hostedZoneId: "Z0123456789ABC" } });
    const behavior = resource(withDomain, "aws_cloudfront_distribution").default_cache_behavior;
    expect(behavior.origin_request_policy_id).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID);
    expect(behavior.function_association).toHaveLength(1);
    expect(webEnv(withDomain).AUTH_URL).toBe("https://shop.example.com");
    expect(viewerRequest(withDomain, "shop.example.com")["x-forwarded-host"]).toBe("shop.example.com");
  });
});
