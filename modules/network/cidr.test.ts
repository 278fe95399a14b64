import { describe, expect, it } from "vitest";
import { Token } from "cdktf";
import { checkCidr, cidrContains, cidrSize, cidrsOverlap, formatCidr, parseCidr, subnetCidr } from "./cidr";

const c = parseCidr;

describe("parseCidr / formatCidr", () => {
  it("round-trips network addresses", () => {
    for (const text of ["10.0.0.0/16", "10.0.1.0/24", "0.0.0.0/0", "255.255.255.255/32", "172.16.0.0/12", "192.168.4.16/28"]) {
      expect(formatCidr(c(text))).toBe(text);
    }
  });

  it("computes the network as an unsigned 32-bit integer", () => {
    expect(c("10.0.0.0/16")).toEqual({ network: 0x0a000000, prefix: 16 });
    expect(c("255.255.255.0/24").network).toBe(0xffffff00);
  });

  it.each([
    ["10.0.0.0", /IPv4 CIDR block such as/],
    ["10.0.0/16", /IPv4 CIDR block such as/],
    ["10.0.0.256/24", /octets 0-255/],
    ["10.0.01.0/24", /no leading zeros/],
    ["10.0.0.0/33", /prefix length 0-32/],
    ["10.0.0.0/08", /prefix length 0-32/],
    [" 10.0.0.0/16", /IPv4 CIDR block such as/],
    ["fd00::/8", /IPv4 CIDR block such as/],
  ])("refuses %j", (text, reason) => {
    expect(() => c(text)).toThrow(reason);
  });

  it("refuses host bits and suggests the network address", () => {
    expect(() => c("10.0.1.0/16")).toThrow(/no host bits set \(did you mean 10\.0\.0\.0\/16\?\)/);
  });
});

describe("cidrContains / cidrsOverlap", () => {
  it("contains itself and its sub-blocks, not its parent or neighbours", () => {
    expect(cidrContains(c("10.0.0.0/16"), c("10.0.0.0/16"))).toBe(true);
    expect(cidrContains(c("10.0.0.0/16"), c("10.0.255.240/28"))).toBe(true);
    expect(cidrContains(c("10.0.1.0/24"), c("10.0.0.0/16"))).toBe(false);
    expect(cidrContains(c("10.0.0.0/16"), c("10.1.0.0/24"))).toBe(false);
    expect(cidrContains(c("0.0.0.0/0"), c("203.0.113.0/24"))).toBe(true);
  });

  it("overlaps in either direction, not for adjacent blocks", () => {
    expect(cidrsOverlap(c("10.0.1.0/24"), c("10.0.1.128/25"))).toBe(true);
    expect(cidrsOverlap(c("10.0.1.128/25"), c("10.0.1.0/24"))).toBe(true);
    expect(cidrsOverlap(c("10.0.1.0/24"), c("10.0.2.0/24"))).toBe(false);
    expect(cidrsOverlap(c("10.0.0.0/23"), c("10.0.2.0/23"))).toBe(false);
  });
});

describe("subnetCidr", () => {
  it("matches Terraform's cidrsubnet", () => {
    expect(formatCidr(subnetCidr(c("10.0.0.0/16"), 8, 10))).toBe("10.0.10.0/24");
    expect(formatCidr(subnetCidr(c("10.1.0.0/16"), 8, 1))).toBe("10.1.1.0/24");
    expect(formatCidr(subnetCidr(c("10.0.0.0/16"), 4, 15))).toBe("10.0.240.0/20");
    expect(formatCidr(subnetCidr(c("192.168.0.0/20"), 8, 255))).toBe("192.168.15.240/28");
    expect(formatCidr(subnetCidr(c("255.255.0.0/16"), 8, 255))).toBe("255.255.255.0/24");
    expect(cidrSize(subnetCidr(c("10.0.0.0/16"), 8, 0))).toBe(256);
  });

  it("refuses indexes and sizes that do not fit", () => {
    expect(() => subnetCidr(c("10.0.0.0/16"), 8, 256)).toThrow(/index 256 is outside 0\.\.255/);
    expect(() => subnetCidr(c("10.0.0.0/28"), 8, 0)).toThrow(/would exceed \/32/);
  });
});

describe("checkCidr", () => {
  it("names the path, prop, rule and value", () => {
    expect(() => checkCidr("Stack/Net", "cidr", "10.0.0.0/8", 16, 28)).toThrow(
      'Stack/Net: cidr must have a prefix length from /16 to /28, got "10.0.0.0/8"',
    );
    expect(() => checkCidr("Stack/Net", "cidr", "nope")).toThrow(/^Stack\/Net: cidr must be an IPv4 CIDR block.*got "nope"$/);
  });

  it("returns the block, or undefined for a token", () => {
    expect(checkCidr("x", "cidr", "10.0.0.0/16", 16, 28)).toEqual(c("10.0.0.0/16"));
    expect(checkCidr("x", "cidr", Token.asString({ Ref: "x" }))).toBeUndefined();
  });
});
