import { IConstruct } from "constructs";

// Not exported from the package: a web service registers the origin it serves, and a CDN wired to
// it by host name looks it up to check that both sides agree.

/** The part of a load balancer origin the lookup needs. */
export interface RegisteredOrigin {
  /** The load balancer's AWS DNS name. */
  readonly dnsName: string;
  /** The name its certificate covers, when known. */
  readonly certificateName?: string;
}

/** Marks a construct that serves an origin (a symbol in the global registry, shared by every copy of the library). */
const ORIGIN_OWNER = Symbol.for("@platform/cdktf-aws-webapp.LoadBalancerOriginOwner");

/** Register `scope` as the owner of `origin`. */
export function registerOrigin<T extends RegisteredOrigin>(scope: IConstruct, origin: T): void {
  Object.defineProperty(scope, ORIGIN_OWNER, { value: origin, enumerable: false });
}

/**
 * The origin whose DNS name or certificate name is `hostName`, among the constructs of `scope`'s
 * app (a marker, not `instanceof`: an origin built by a second copy of the library is found too).
 */
export function findOrigin<T extends RegisteredOrigin>(scope: IConstruct, hostName: string): T | undefined {
  for (const c of scope.node.root.node.findAll()) {
    const origin = (c as unknown as Record<symbol, T | undefined>)[ORIGIN_OWNER];
    if (origin && (origin.dnsName === hostName || origin.certificateName === hostName)) return origin;
  }
  return undefined;
}
