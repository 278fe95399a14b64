// flavour: verbatim (reads the source README and renders it for the cdktn line)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installArgs, smallApp } from "./consumer-check";
import { CDKTF, CDKTN } from "./lines";
import { renderText } from "./rules";

const ROOT = join(__dirname, "..", "..");

// What `npm run check:consumers` takes from each line's README: checked here on every run, so the
// README cannot lose them; the packing and installing is that script's (it needs the registry).
describe.runIf(existsSync(join(ROOT, "flavours")))("the README's install command and small app, per line", () => {
  const source = readFileSync(join(ROOT, "README.md"), "utf8");
  const rendered = renderText(source, CDKTF, CDKTN);

  it("installs each line's package with that line's framework, provider and constructs", () => {
    expect(installArgs(source, CDKTF)).toEqual([
      "@platform/cdktf-aws-webapp",
      "cdktf@0.21.0",
      "constructs@^10.4",
      "@cdktf/provider-aws@21.22.1",
    ]);
    expect(installArgs(rendered, CDKTN)).toEqual([
      "@platform/cdktn-aws-webapp",
      "cdktn@0.24.0",
      "constructs@10.7",
      "@cdktn/provider-aws@25.7.0",
    ]);
  });

  it("shows a small app that imports only its own line's packages", () => {
    const imports = (code: string) => [...code.matchAll(/from "([^"]+)"/g)].map((m) => m[1]).sort();
    expect(imports(smallApp(source))).toEqual(["@cdktf/provider-aws/lib/provider", "@platform/cdktf-aws-webapp", "cdktf"]);
    expect(imports(smallApp(rendered))).toEqual(["@cdktn/provider-aws/lib/provider", "@platform/cdktn-aws-webapp", "cdktn"]);
  });
});
