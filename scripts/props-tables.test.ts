import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { interfaces, moduleReadmes, propsBlocksOf, propsTable, renderPropsBlocks } from "./props-tables";

const ROOT = resolve(__dirname, "..");

describe("generated props tables of the module READMEs", () => {
  const all = interfaces();

  it.each(moduleReadmes().map((f) => [relative(ROOT, f), f]))("%s: tables match the props' JSDoc", (_name, file) => {
    const text = readFileSync(file, "utf8");
    if (renderPropsBlocks(text, all) !== text) {
      expect.fail(
        `${relative(ROOT, file)}: a props table differs from the JSDoc of ${propsBlocksOf(text).join(", ")}: run \`npm run docs:props\` and commit the README`,
      );
    }
  });

  it("the main modules' READMEs have a generated table", () => {
    const blocks = moduleReadmes().flatMap((f) => propsBlocksOf(readFileSync(f, "utf8")));
    expect(blocks).toEqual(
      expect.arrayContaining([
        "NetworkProps",
        "PostgresDatabaseProps",
        "FargateServiceProps",
        "WebServiceProps",
        "AppRunnerServiceProps",
        "RedisCacheProps",
        "EmailDomainProps",
        "MonitoringProps",
      ]),
    );
  });

  it("renders name, type, default (value, prose or required) and description, inherited props included", () => {
    const table = propsTable("NatInstanceProps", all);
    expect(table).toMatch(/^\| Prop \| Type \| Default \| Description \|\n\| --- \| --- \| --- \| --- \|\n/);
    expect(table).toContain('| `instanceType` | `string` | `"t4g.nano"` | EC2 instance type');
    expect(table).toContain("| `amiId` | `string` | the most recent image named");
    expect(propsTable("NetworkProps", all)).toMatch(/^\| `name` \| `string` \| required \| Base name/m);
    expect(propsTable("NetworkProps", all)).toContain('| `natGateways` | `NatGatewayMode` | `"single"` |');
    // AdminDatabaseRef extends DatabaseRef: the base's props follow its own.
    expect(propsTable("AdminDatabaseRef", all)).toMatch(/`masterUsername`[\s\S]*`securityGroupId`/);
    expect(() => propsTable("NoSuchProps", all)).toThrow(/no interface NoSuchProps/);
  });
});
