import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { Construct } from "constructs";

/**
 * The viewer-request CloudFront Function of the app behavior (cloudfront-js-2.0). It tells the
 * app the name and scheme the viewer used, which the origin request cannot carry by itself:
 *
 * - `X-Forwarded-Host` is set to the viewer's `Host` (always overwritten, so a viewer cannot
 *   choose the host an app with a trusted proxy, e.g. Auth.js with `AUTH_TRUST_HOST`, builds URLs from).
 * - `Forwarded: host="<viewer host>";proto=https` (RFC 7239), also overwritten: only HTTPS
 *   viewer requests reach the app (the behavior redirects HTTP to HTTPS), so the scheme is always https.
 *
 * What a function may not do (CloudFront Developer Guide, "Restrictions on all edge functions",
 * HTTP headers): `X-Forwarded-Proto` is a disallowed header (adding it fails the request with 502),
 * and `Host` is read-only in viewer-request events. `X-Forwarded-Proto` reaches the app from the
 * load balancer, which overwrites it with its listener's protocol (Elastic Load Balancing User
 * Guide, "HTTP headers and Application Load Balancers"): `https` behind an HTTPS listener, `http`
 * behind the HTTP listener of an app without a domain.
 *
 * Plain ES5.1 so that it also runs unchanged in Node for the tests.
 */
export const VIEWER_HOST_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var headers = request.headers;
  var host = headers.host && headers.host.value;
  if (host) {
    headers["x-forwarded-host"] = { value: host };
    headers["forwarded"] = { value: 'host="' + host + '";proto=https' };
  } else {
    delete headers["x-forwarded-host"];
    delete headers["forwarded"];
  }
  return request;
}
`;

/** The CloudFront Functions runtime the code is written for. */
export const VIEWER_HOST_FUNCTION_RUNTIME = "cloudfront-js-2.0";

/**
 * Create the viewer-host function (published: the distribution runs the LIVE stage). CloudFront
 * Functions are global; the name is unique per account (1-64 letters, digits, `-`, `_`).
 */
export function viewerHostFunction(scope: Construct, id: string, name: string): CloudfrontFunction {
  return new CloudfrontFunction(scope, id, {
    name: `${name}-viewer-host`,
    runtime: VIEWER_HOST_FUNCTION_RUNTIME,
    comment: "Sets X-Forwarded-Host and Forwarded from the viewer request",
    code: VIEWER_HOST_FUNCTION_CODE,
    publish: true,
  });
}
