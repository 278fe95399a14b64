// flavour: verbatim (this file describes both lines; the renderer copies it unchanged)
/**
 * The two framework lines this library is published for, from one source:
 * - `cdktf`: CDK for Terraform 0.21 (archived upstream in December 2025), the source's own line;
 * - `cdktn`: CDK Terrain 0.24, its community continuation (a package rename, state untouched).
 * The cdktn flavour is rendered from the source by scripts/flavour/render.ts (see docs/cdktn.md).
 */
export interface FrameworkLine {
  /** The core package and the word the rules rewrite (`cdktf`, `cdktn`). */
  readonly framework: "cdktf" | "cdktn";
  /** The framework's name in prose. */
  readonly title: string;
  /** Its documentation site. */
  readonly url: string;
  /** This library's package on that line. */
  readonly packageName: string;
  /** npm scope of the prebuilt providers (`@cdktf`, `@cdktn`). */
  readonly providerScope: string;
  /** Exact versions installed and tested on this line (the peer ranges start at them). */
  readonly versions: {
    /** `cdktf` / `cdktn` and their CLIs. */
    readonly framework: string;
    /** `@cdktf/provider-aws` / `@cdktn/provider-aws`. */
    readonly provider: string;
    /** The hashicorp/aws version the provider bindings were generated for (`required_providers` pins it). */
    readonly aws: string;
    /** `constructs`, as installed. */
    readonly constructs: string;
  };
  /** The version spec of `constructs` the README's install command uses on this line. */
  readonly constructsInstall: string;
  /** `constructs` as the framework requires it (its peer range): this library's peer range. */
  readonly constructsPeer: string;
  /** The Node.js floor the provider package declares (`engines.node`). */
  readonly providerNode: string;
}

export const CDKTF: FrameworkLine = {
  framework: "cdktf",
  title: "CDK for Terraform",
  url: "https://developer.hashicorp.com/terraform/cdktf",
  packageName: "@platform/cdktf-aws-webapp",
  providerScope: "@cdktf",
  versions: { framework: "0.21.0", provider: "21.22.1", aws: "6.25.0", constructs: "10.4.5" },
  constructsInstall: "^10.4",
  constructsPeer: "^10.4.2",
  providerNode: ">= 20.9.0",
};

export const CDKTN: FrameworkLine = {
  framework: "cdktn",
  title: "CDK Terrain",
  url: "https://cdktn.io",
  packageName: "@platform/cdktn-aws-webapp",
  providerScope: "@cdktn",
  versions: { framework: "0.24.0", provider: "25.7.0", aws: "6.66.0", constructs: "10.7.2" },
  // cdktn 0.24 and @cdktn/provider-aws 25 require constructs >=10.6.0 <10.8.0: the README's install
  // names the minor this line is tested with.
  constructsInstall: "10.7",
  constructsPeer: ">=10.6.0 <10.8.0",
  // Node 20 runs it (this repository's suite passes on 20.x; npm only warns), but it is not supported upstream.
  providerNode: ">= 22.11.0",
};

export const LINES = { cdktf: CDKTF, cdktn: CDKTN } as const;
