import { ResourceBlock } from "./types";

/** Synthesized Terraform JSON of one stack, as `TerraformStack.toTerraform()` returns it. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly [key: string]: unknown;
}

/** A reference found inside an interpolation: `${aws_s3_bucket.Site_1234.arn}`. */
export interface Reference {
  /** `data.<type>.<name>` or `<type>.<name>`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** True for data sources. */
  readonly data: boolean;
}

const INTERPOLATION = /\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
const ADDRESS = /(?<![\w.])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** All resource / data-source references inside a value (strings, arrays and objects, deep). */
export function referencesIn(value: unknown): Reference[] {
  const found: Reference[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === "string") {
      for (const interpolation of v.matchAll(INTERPOLATION)) {
        for (const m of interpolation[1].matchAll(ADDRESS)) {
          const [, data, type, name] = m;
          if (!type.includes("_") || ["var", "local", "module", "each", "count", "path", "self"].includes(type)) continue;
          found.push({ address: `${data ? "data." : ""}${type}.${name}`, type, name, data: !!data });
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v !== null && typeof v === "object") {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** True when a string is (or contains) a Terraform interpolation, i.e. is known only at apply. */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/**
 * Nested blocks come out of cdktf as an object (single block) or an array (list block);
 * this reads both as an array (empty when absent; `null` entries are dropped, so rules can
 * read attributes of every entry without a guard).
 */
export function blocks(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null) : [value];
}

/** The first nested block of an attribute, or undefined. */
export function block(value: unknown): any {
  return blocks(value)[0];
}

function toBlock(type: string, name: string, raw: any, data: boolean): ResourceBlock {
  const { ["//"]: meta, ...config } = raw ?? {};
  const address = `${data ? "data." : ""}${type}.${name}`;
  return { type, name, address, path: meta?.metadata?.path ?? address, config };
}

/**
 * Read-only index over one stack's synthesized JSON: resources by type and address, and
 * resolution of the `${type.name.attr}` references that wire resources together.
 */
export class StackIndex {
  private readonly byType = new Map<string, ResourceBlock[]>();
  private readonly byAddress = new Map<string, ResourceBlock>();

  public constructor(public readonly json: TerraformJson) {
    for (const [kind, data] of [
      ["resource", false],
      ["data", true],
    ] as const) {
      for (const [type, named] of Object.entries(json[kind] ?? {})) {
        for (const [name, raw] of Object.entries(named as Record<string, any>)) {
          const b = toBlock(type, name, raw, data);
          this.byAddress.set(b.address, b);
          if (!data) this.byType.set(type, [...(this.byType.get(type) ?? []), b]);
        }
      }
    }
  }

  /** Resources (not data sources) of one or more types. */
  public resources(...types: string[]): ResourceBlock[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** A resource or data source by address (`aws_vpc.Main`, `data.aws_iam_policy_document.X`). */
  public get(address: string): ResourceBlock | undefined {
    return this.byAddress.get(address);
  }

  /** The blocks a value refers to (deep), that exist in this stack. */
  public resolveAll(value: unknown): ResourceBlock[] {
    return referencesIn(value)
      .map((r) => this.byAddress.get(r.address))
      .filter((b): b is ResourceBlock => b !== undefined);
  }

  /** The first block a value refers to. */
  public resolve(value: unknown): ResourceBlock | undefined {
    return this.resolveAll(value)[0];
  }

  /** True when `value` refers to `target` (by reference, or literally to one of its `literalKeys` values). */
  public pointsAt(value: unknown, target: ResourceBlock, literalKeys: readonly string[] = []): boolean {
    if (referencesIn(value).some((r) => r.address === target.address)) return true;
    if (typeof value !== "string" || isUnknown(value)) return false;
    return literalKeys.some((k) => typeof target.config[k] === "string" && !isUnknown(target.config[k]) && target.config[k] === value);
  }

  /**
   * Resources of `types` whose `attribute` points at `target`, e.g. the public access blocks
   * whose `bucket` is this bucket (`literalKeys: ["bucket"]` also matches a literal bucket name).
   */
  public pointingAt(
    target: ResourceBlock,
    types: readonly string[],
    attribute: string,
    literalKeys: readonly string[] = [],
  ): ResourceBlock[] {
    return this.resources(...types).filter((r) => this.pointsAt(r.config[attribute], target, literalKeys));
  }
}
