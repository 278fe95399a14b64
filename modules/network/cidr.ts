import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * IPv4 CIDR arithmetic for planning VPC subnets at synth time: parse, format, contains,
 * overlaps and `subnetCidr` (Terraform's `cidrsubnet`). Pure functions, no cdktf.
 */

/** An IPv4 CIDR block: network address as an unsigned 32-bit integer, and prefix length. */
export interface Ipv4Cidr {
  /** Network address (host bits zero), 0..2^32-1. */
  readonly network: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

/** Thrown by {@link parseCidr} and {@link subnetCidr}; the message is the rule that was broken. */
export class CidrError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "CidrError";
  }
}

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const OCTET = /^(0|[1-9]\d{0,2})$/;

/** The netmask of a prefix length, as an unsigned 32-bit integer. */
export function netmask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Dotted-quad form of an unsigned 32-bit address. */
export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".");
}

/** `a.b.c.d/n` form. */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefix}`;
}

/**
 * Parse `a.b.c.d/n`. Refuses leading zeros, octets above 255, prefixes above 32 and host bits
 * set (AWS and Terraform want the network address: `10.0.1.0/16` is refused, `10.0.0.0/16` is not).
 */
export function parseCidr(text: string): Ipv4Cidr {
  const match = typeof text === "string" ? CIDR_SHAPE.exec(text) : null;
  if (!match) throw new CidrError("must be an IPv4 CIDR block such as 10.0.0.0/16");
  const octets = match.slice(1, 5);
  if (!octets.every((o) => OCTET.test(o) && Number(o) <= 255)) {
    throw new CidrError("must be an IPv4 CIDR block such as 10.0.0.0/16 (octets 0-255, no leading zeros)");
  }
  const prefix = Number(match[5]);
  if (!OCTET.test(match[5]) || prefix > 32) {
    throw new CidrError("must be an IPv4 CIDR block such as 10.0.0.0/16 (prefix length 0-32)");
  }
  const address = octets.reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
  const network = (address & netmask(prefix)) >>> 0;
  if (network !== address) {
    throw new CidrError(`must be a network address with no host bits set (did you mean ${formatCidr({ network, prefix })}?)`);
  }
  return { network, prefix };
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** True when every address of `inner` is in `outer` (a block contains itself). */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.network & netmask(outer.prefix)) >>> 0 === outer.network;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/**
 * The `index`-th block of prefix `parent.prefix + newBits` inside `parent`, like Terraform's
 * `cidrsubnet(parent, newBits, index)`: `subnetCidr(10.0.0.0/16, 8, 10)` is `10.0.10.0/24`.
 */
export function subnetCidr(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefix = parent.prefix + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefix > 32) {
    throw new CidrError(`cannot add ${newBits} bits to a /${parent.prefix} (the prefix would exceed /32)`);
  }
  const count = 2 ** newBits;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new CidrError(`index ${index} is outside 0..${count - 1} for /${prefix} blocks in ${formatCidr(parent)}`);
  }
  return { network: (parent.network + index * cidrSize({ network: 0, prefix })) >>> 0, prefix };
}

/**
 * Validate a CIDR prop at synth: the value must parse and its prefix lie in `[minPrefix, maxPrefix]`.
 * Returns the parsed block, or `undefined` for a token (known only at apply).
 */
export function checkCidr(scope: IConstruct | string, prop: string, value: string, minPrefix = 0, maxPrefix = 32): Ipv4Cidr | undefined {
  if (isToken(value)) return undefined;
  let cidr: Ipv4Cidr;
  try {
    cidr = parseCidr(value);
  } catch (e) {
    if (e instanceof CidrError) fail(scope, prop, e.message, value);
    throw e;
  }
  if (cidr.prefix < minPrefix || cidr.prefix > maxPrefix) {
    fail(scope, prop, `must have a prefix length from /${minPrefix} to /${maxPrefix}`, value);
  }
  return cidr;
}
