// Public API of the policy layer: re-exports only.
export * from "./types";
export { StackIndex, referencesIn, blocks, block, isUnknown } from "./stack-index";
export type { TerraformJson, Reference } from "./stack-index";
export { statementsOf, isWildcardAction } from "./policy-documents";
export type { Statement } from "./policy-documents";
export * from "./engine";
export * from "../core/suppressions";
export * from "./enforce";
export * from "./format";
export * from "./secret-heuristic";
export * from "./rules";
