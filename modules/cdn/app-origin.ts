import { Construct } from "constructs";
import { CdnAppOrigin, LoadBalancerOriginRef } from "../core/load-balancer-origin";
import { checkIntegerRange, checkOneOf, checkUnique, fail } from "../internal/validate";
import { checkOriginDomain, checkOriginHeaderName } from "./cdn-checks";

// Origin resolution of CdnDistribution: what `appOrigin` says, with its defaults, checked against
// the load balancer behind it (when one is given), so one side's choice is checked in one place.

/** The app origin as the distribution uses it. */
export interface ResolvedAppOrigin {
  readonly domainName: string;
  readonly protocol: "https-only" | "http-only";
  readonly readTimeoutSeconds: number;
  readonly headers: Record<string, string>;
  readonly forwardHost: boolean;
  /** The load balancer behind it, as given in `appOrigin.loadBalancer`. */
  readonly loadBalancer?: LoadBalancerOriginRef;
}

/**
 * The app origin's host name, protocol, timeout and headers, refusing a downgrade to HTTP and,
 * when a load balancer is behind it, anything that load balancer does not serve.
 */
export function resolveAppOrigin(scope: Construct, o: CdnAppOrigin, requireVerification: boolean): ResolvedAppOrigin {
  if (o.domainName === undefined && o.loadBalancer === undefined) {
    fail(scope, "appOrigin", "needs loadBalancer (a WebService's origin) or domainName", o);
  }
  const lb = o.loadBalancer;
  if (
    o.loadBalancer &&
    o.domainName !== undefined &&
    o.loadBalancer.certificateName !== undefined &&
    o.domainName !== o.loadBalancer.certificateName
  ) {
    fail(
      scope,
      "appOrigin.domainName",
      `must be the name the certificate of the load balancer ${o.loadBalancer.constructPath} covers (${o.loadBalancer.certificateName}), or omitted`,
      o.domainName,
    );
  }
  const domainName = o.domainName ?? lb!.certificateName ?? lb!.dnsName;
  checkOriginDomain(scope, "appOrigin.domainName", domainName);
  const hasCertificate = o.originHasCertificate ?? (lb ? lb.protocol === "https" : true);
  const protocol = o.protocol ?? (hasCertificate ? "https-only" : "http-only");
  checkOneOf(scope, "appOrigin.protocol", protocol, ["https-only", "http-only"]);
  const headers: Record<string, string> = { ...(o.customHeaders ?? {}) };
  for (const name of Object.keys(headers)) checkOriginHeaderName(scope, "appOrigin.customHeaders", name);
  checkUnique(
    scope,
    "appOrigin.customHeaders (case-insensitive)",
    Object.keys(headers).map((n) => n.toLowerCase()),
  );
  if (lb) {
    const required = lb.originVerifyHeader;
    if (required && !Object.keys(headers).some((n) => n.toLowerCase() === required.name.toLowerCase())) {
      headers[required.name] = required.value;
    }
    checkMatchesLoadBalancer(scope, lb, domainName, protocol, headers, requireVerification);
  }
  if (protocol === "http-only" && hasCertificate) {
    fail(
      scope,
      "appOrigin.protocol",
      'must not be "http-only" while appOrigin.originHasCertificate is true: that would downgrade CloudFront-to-origin traffic to plain HTTP; use "https-only", or set originHasCertificate: false for an origin without TLS',
      protocol,
    );
  }
  if (protocol === "https-only" && !hasCertificate) {
    fail(
      scope,
      "appOrigin.protocol",
      'must be "http-only" (or omitted) when appOrigin.originHasCertificate is false: CloudFront cannot speak HTTPS to an origin without a certificate',
      protocol,
    );
  }
  const readTimeoutSeconds = o.readTimeoutSeconds ?? 30;
  checkIntegerRange(scope, "appOrigin.readTimeoutSeconds", readTimeoutSeconds, 1, 180);
  return { domainName, protocol, readTimeoutSeconds, headers, forwardHost: o.forwardHost ?? protocol === "http-only", loadBalancer: lb };
}

/**
 * What CloudFront sends must be what the load balancer serves: the protocol of its one serving
 * listener (so also its port), a host name its certificate covers, the header it requires; an
 * internal one only through a VPC origin, in a VPC with an internet gateway. Messages name both sides.
 */
function checkMatchesLoadBalancer(
  scope: Construct,
  lb: LoadBalancerOriginRef,
  domainName: string,
  protocol: "https-only" | "http-only",
  headers: Record<string, string>,
  requireVerification: boolean,
): void {
  const side = `the load balancer ${lb.constructPath}`;
  const served = lb.protocol === "https" ? "https-only" : "http-only";
  if (protocol !== served) {
    const why = lb.protocol === "https" ? "port 80 only redirects to HTTPS" : "it has no certificate";
    fail(
      scope,
      "appOrigin.protocol",
      `is "${protocol}", but ${side} serves ${lb.protocol.toUpperCase()} on port ${lb.port} only (${why}); use "${served}"`,
      protocol,
    );
  }
  if (lb.protocol === "https" && lb.certificateName === undefined && domainName === lb.dnsName) {
    fail(
      scope,
      "appOrigin.domainName",
      `is the AWS DNS name of ${side}, which its certificate does not cover (CloudFront verifies the origin's certificate against this name); give the web service a domain, or appOrigin.domainName the name its certificateArn covers`,
      domainName,
    );
  }
  const required = lb.originVerifyHeader;
  if (required) {
    // Added above unless customHeaders gives it: then the value must be the one required.
    const sent = Object.entries(headers).find(([n]) => n.toLowerCase() === required.name.toLowerCase());
    if (sent && sent[1] !== required.value) {
      fail(
        scope,
        "appOrigin.customHeaders",
        `send a ${required.name} value other than the one ${side} requires (its originVerifyHeader)`,
        "<redacted>",
      );
    }
  }
  if (lb.scheme === "internal" && lb.vpcHasInternetGateway === false) {
    fail(
      scope,
      "appOrigin.loadBalancer",
      `is ${side}, in a VPC without an internet gateway: CloudFront VPC origins need one attached (they don't route through it); give the network public subnets (the Network module then attaches one)`,
      lb.constructPath,
    );
  }
  if (requireVerification && lb.scheme === "internet-facing" && !required) {
    fail(
      scope,
      "requireOriginVerification",
      `is on, but ${side} is internet-facing and requires no origin-verify header: anyone could point another CloudFront distribution at it and skip this one's WAF; set the web service's originVerifyHeader, or its scheme "internal" for a VPC origin`,
      lb.constructPath,
    );
  }
}
