/** A header CloudFront adds to origin requests; the load balancer answers 403 to requests without it. */
export interface OriginVerifyHeader {
  /** Header name, e.g. `X-Origin-Verify`. */
  readonly name: string;
  /** Shared secret value (ends up in Terraform state; rotate by changing it where it is set). */
  readonly value: string;
}

/**
 * What a CDN needs to know of a load balancer to reach it: scheme, the one protocol and port it
 * serves, the name its certificate covers and the header it requires. A {@link WebService}
 * exposes one as `origin`; `CdnDistribution` takes it as `appOrigin.loadBalancer` and derives its
 * origin settings from it, so the two sides cannot disagree.
 */
export interface LoadBalancerOriginRef {
  /** Construct path of the load balancer's owner, used in error messages that name both sides. */
  readonly constructPath: string;
  /** ARN of the Application Load Balancer (a CloudFront VPC origin points at it). */
  readonly loadBalancerArn: string;
  /** The load balancer's AWS DNS name. */
  readonly dnsName: string;
  /** `internal`: private subnets, no public addresses, reachable from CloudFront only through a VPC origin. */
  readonly scheme: "internet-facing" | "internal";
  /** What the serving listener speaks: `https` on 443 (80 only redirects) or `http` on 80. */
  readonly protocol: "https" | "http";
  /** Port of the serving listener: 443 with HTTPS, 80 without. */
  readonly port: number;
  /**
   * The name the load balancer's certificate covers (its `domain.name`), which CloudFront must use as
   * the origin host name to verify the certificate.
   * @default - none (HTTP, or an HTTPS listener with a certificateArn of unknown names)
   */
  readonly certificateName?: string;
  /**
   * The header every request must carry, or the load balancer answers 403.
   * @default - none required
   */
  readonly originVerifyHeader?: OriginVerifyHeader;
  /**
   * Whether the VPC has an internet gateway (CloudFront VPC origins need one attached, although
   * they don't route through it): true when the network has public subnets.
   * @default - unknown (subnet ids known only at apply)
   */
  readonly vpcHasInternetGateway?: boolean;
}

/** The dynamic origin: a load balancer or an App Runner service. */
export interface CdnAppOrigin {
  /**
   * The load balancer behind the CDN: a `WebService`'s `origin`. Protocol, port, host name and the
   * origin-verify header come from it, so the CDN and the load balancer cannot disagree. An
   * internal load balancer is reached through a CloudFront VPC origin created here (`vpcOrigin`).
   * @default - none: a custom origin at `domainName`
   */
  readonly loadBalancer?: LoadBalancerOriginRef;
  /**
   * Host name CloudFront connects to and verifies the origin's certificate against: a name the
   * ALB's certificate covers, or an App Runner service URL without `https://`. Alone it is a
   * custom origin that nothing is checked against: to reach a `WebService`, pass its `origin` as
   * `loadBalancer`, so both sides are derived from and checked against one another.
   * @default - `loadBalancer`'s certificate name, else its DNS name (required without `loadBalancer`)
   */
  readonly domainName?: string;
  /**
   * The origin serves HTTPS with a certificate valid for `domainName`. While it does, `http-only` is refused (a downgrade).
   * @default - whether `loadBalancer` serves HTTPS; true without it
   */
  readonly originHasCertificate?: boolean;
  /**
   * How CloudFront connects. `http-only` only for an origin without a certificate (e.g. an ALB
   * with an HTTP listener only); traffic between CloudFront and the origin is then unencrypted
   * (inside AWS's network with an internal load balancer).
   * @default "https-only" (TLSv1.2) when `originHasCertificate`, else "http-only"
   */
  readonly protocol?: "https-only" | "http-only";
  /**
   * Headers CloudFront adds to every origin request. `loadBalancer`'s origin-verify header is
   * added by itself; give it here only for an origin wired by `domainName`. Values end up in
   * Terraform state.
   * @default {}
   */
  readonly customHeaders?: Record<string, string>;
  /**
   * Seconds CloudFront waits for the origin's response (above 60 needs a CloudFront quota increase).
   * @default 30
   */
  readonly readTimeoutSeconds?: number;
  /**
   * Forward the viewer's `Host` header to the origin (managed origin request policy AllViewer) instead
   * of the origin's own name (AllViewerExceptHostHeader). Over HTTPS CloudFront then verifies the
   * origin's certificate against the viewer's name, so only set it when that certificate covers
   * every alias; App Runner routes by its own host name and needs it off. Either way the app gets the
   * viewer's name in `X-Forwarded-Host` (the CDN's viewer-request function).
   * @default - true for "http-only" (no certificate to match), false for "https-only"
   */
  readonly forwardHost?: boolean;
}
