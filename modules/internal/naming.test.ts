import { describe, expect, it } from "vitest";
import { baseName, checkName, pascalCase, physicalName } from "./naming";
import { scratchStack } from "./testing";

describe("physical names", () => {
  const stack = scratchStack();

  it("joins project, environment and purpose", () => {
    expect(baseName("fckdoomscroll", "prod")).toBe("fckdoomscroll-prod");
    expect(physicalName(stack, "loadBalancer", "fckdoomscroll-prod", "alb")).toBe("fckdoomscroll-prod-alb");
  });

  it("enforces the 32-character load balancer and target group limit", () => {
    expect(() => physicalName(stack, "loadBalancer", "a-very-long-project-name-prod", "alb")).toThrow(
      /test: name must be 1-32 characters for a loadBalancer name \(is 33\).*got "a-very-long-project-name-prod-alb"/,
    );
    expect(() => checkName(stack, "name", "targetGroup", "x".repeat(33))).toThrow(/1-32 characters for a targetGroup/);
  });

  it("enforces RDS identifier rules", () => {
    expect(checkName(stack, "identifier", "dbInstance", "fckdoomscroll-db")).toBe("fckdoomscroll-db");
    expect(() => checkName(stack, "identifier", "dbInstance", "1db")).toThrow(
      /identifier must be a valid dbInstance name.*starting with a letter/,
    );
    expect(() => checkName(stack, "identifier", "dbInstance", "my--db")).toThrow(/no '--'/);
    expect(() => checkName(stack, "identifier", "dbInstance", "db-")).toThrow(
      /identifier must be a valid dbInstance name: .*not ending with a hyphen, got "db-"/,
    );
    expect(() => checkName(stack, "identifier", "dbInstance", "a".repeat(64))).toThrow(/1-63 characters/);
  });

  it("enforces IAM role, S3 bucket and ECR rules", () => {
    expect(() => checkName(stack, "name", "iamRole", "r".repeat(65))).toThrow(/1-64 characters for a iamRole/);
    expect(() => checkName(stack, "bucketName", "s3Bucket", "Upper_Case")).toThrow(/valid s3Bucket name/);
    expect(() => checkName(stack, "bucketName", "s3Bucket", "192.168.1.1")).toThrow(/valid s3Bucket name/);
    for (const reserved of [
      "amzn-s3-demo-assets",
      "sthree-assets",
      "xn--assets",
      "assets-s3alias",
      "assets--ol-s3",
      "assets.mrap",
      "assets--use1-az4--x-s3",
      "assets--table-s3",
    ]) {
      expect(() => checkName(stack, "bucketName", "s3Bucket", reserved)).toThrow(
        new RegExp(
          `bucketName must be a valid s3Bucket name: .*not starting with the reserved xn--, sthree- or amzn-s3-demo-, not ending with the reserved -s3alias, --ol-s3, \\.mrap, --x-s3 or --table-s3, got "${reserved.replace(/\./g, "\\.")}"`,
        ),
      );
    }
    // The nearest valid names: the reserved words inside the name, not at its ends.
    for (const valid of ["acme-amzn-s3-demo", "acme-s3alias-logs", "acme.mrap.assets", "acme-x-s3", "acme-table-s3", "xn-acme"]) {
      expect(checkName(stack, "bucketName", "s3Bucket", valid)).toBe(valid);
    }
    expect(checkName(stack, "name", "ecrRepository", "fckdoomscroll/app")).toBe("fckdoomscroll/app");
    expect(() => checkName(stack, "name", "ecrRepository", "App")).toThrow(/valid ecrRepository name/);
    expect(() => checkName(stack, "name", "loadBalancer", "internal-app")).toThrow(
      /name must be a valid loadBalancer name: .*nor starting with 'internal-', got "internal-app"/,
    );
  });

  it("keeps RDS group names clean but lets a name_prefix end in a hyphen", () => {
    expect(() => checkName(stack, "name", "dbGroup", "app-prod-db-subnets-")).toThrow(/valid dbGroup name.*not ending with a hyphen/);
    expect(() => checkName(stack, "name", "dbGroup", "app--subnets")).toThrow(/no '--'/);
    expect(checkName(stack, "namePrefix", "dbGroupPrefix", "app-prod-db-postgres16-")).toBe("app-prod-db-postgres16-");
  });

  it("derives stable PascalCase construct-id parts from user text", () => {
    expect(pascalCase("PostgreSQL from the web service")).toBe("PostgreSQLFromTheWebService");
    expect(pascalCase("10.0.1.0/24")).toBe("1001024");
    expect(pascalCase("  --- ")).toBe("");
  });
});
