import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { resource, resources, synth } from "../internal/testing";
import { CdnDistribution } from "./cdn-distribution";
import { ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID, ALL_VIEWER_POLICY_ID } from "./managed-policies";
import { VIEWER_HOST_FUNCTION_CODE } from "./viewer-host-function";

type Headers = Record<string, { value: string }>;

/** Run the function's code as CloudFront does: `handler(event)` in a fresh context, returning the request. */
function runFunction(headers: Headers): Headers {
  const handler = runInNewContext(`${VIEWER_HOST_FUNCTION_CODE}\nhandler;`, {}) as (event: unknown) => { headers: Headers };
  const event = {
    version: "1.0",
    context: { eventType: "viewer-request" },
    viewer: { ip: "198.51.100.11" },
    request: { method: "GET", uri: "/", querystring: {}, headers, cookies: {} },
  };
  return JSON.parse(JSON.stringify(handler(event).headers)) as Headers;
}

/**
 * Headers an edge function must not add or change (CloudFront Developer Guide, "Restrictions on all
 * edge functions"): disallowed ones fail the request with 502; `host` is read-only in viewer requests.
 */
const DISALLOWED =
  /^(connection|expect|keep-alive|proxy-.*|trailer|upgrade|x-accel-.*|x-amz-cf-.*|x-amzn-.*|x-cache|x-edge-.*|x-forwarded-proto|x-real-ip)$/;

describe("viewer-host CloudFront Function (run in Node)", () => {
  it("passes the viewer's host as X-Forwarded-Host and Forwarded (proto=https), leaving Host as it was", () => {
    const out = runFunction({ host: { value: "d111111abcdef8.cloudfront.net" }, accept: { value: "text/html" } });
    expect(out).toEqual({
      host: { value: "d111111abcdef8.cloudfront.net" },
      accept: { value: "text/html" },
      "x-forwarded-host": { value: "d111111abcdef8.cloudfront.net" },
      forwarded: { value: 'host="d111111abcdef8.cloudfront.net";proto=https' },
    });
  });

  it("overwrites what a viewer sent in X-Forwarded-Host and Forwarded (no host spoofing)", () => {
    const out = runFunction({
      host: { value: "shop.example.com" },
      "x-forwarded-host": { value: "evil.example" },
      forwarded: { value: "host=evil.example;proto=http" },
    });
    expect(out["x-forwarded-host"]).toEqual({ value: "shop.example.com" });
    expect(out.forwarded).toEqual({ value: 'host="shop.example.com";proto=https' });
  });

  it("drops a viewer's X-Forwarded-Host and Forwarded when the request has no Host", () => {
    expect(runFunction({ "x-forwarded-host": { value: "evil.example" }, forwarded: { value: "host=evil.example" } })).toEqual({});
  });

  it("touches no header a function may not add or change", () => {
    const before: Headers = { host: { value: "shop.example.com" } };
    const out = runFunction({ ...before });
    const changed = Object.keys(out).filter((h) => JSON.stringify(out[h]) !== JSON.stringify(before[h]));
    expect(changed.sort()).toEqual(["forwarded", "x-forwarded-host"]);
    expect(changed.filter((h) => DISALLOWED.test(h) || h === "host")).toEqual([]);
  });
});

describe("CdnDistribution: the viewer's host and scheme reach the app", () => {
  const HTTP_ALB = { domainName: "my-alb-123.us-east-1.elb.amazonaws.com", originHasCertificate: false };

  it("runs the published function on viewer requests of the app behavior only", () => {
    const json = synth((s) => new CdnDistribution(s, "Cdn", { name: "shop-dev", appOrigin: HTTP_ALB }));
    const fn = resource(json, "aws_cloudfront_function");
    expect(fn).toMatchObject({
      name: "shop-dev-viewer-host",
      runtime: "cloudfront-js-2.0",
      publish: true,
      code: VIEWER_HOST_FUNCTION_CODE,
    });
    const dist = resource(json, "aws_cloudfront_distribution");
    const arn = `\${aws_cloudfront_function.${Object.keys(resources(json, "aws_cloudfront_function"))[0]}.arn}`;
    expect(dist.default_cache_behavior.function_association).toEqual([{ event_type: "viewer-request", function_arn: arn }]);
    expect(dist.ordered_cache_behavior.map((b: any) => b.function_association)).toEqual([undefined, undefined]);
  });

  it("forwards the viewer's Host to an HTTP origin (no certificate to match), not to an HTTPS one", () => {
    const policy = (appOrigin: object) =>
      resource(
        synth((s) => new CdnDistribution(s, "Cdn", { name: "shop-dev", appOrigin })),
        "aws_cloudfront_distribution",
      ).default_cache_behavior.origin_request_policy_id;
    expect(policy(HTTP_ALB)).toBe(ALL_VIEWER_POLICY_ID);
    expect(policy({ domainName: "abc123.us-east-1.awsapprunner.com" })).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID);
    expect(policy({ domainName: "origin.shop.example.com", forwardHost: true })).toBe(ALL_VIEWER_POLICY_ID);
    expect(policy({ ...HTTP_ALB, forwardHost: false })).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID);
  });
});
