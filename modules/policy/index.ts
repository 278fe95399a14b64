// Public API of the policy layer: re-exports only.
export * from "./types";
export { StackIndex, TerraformJson, Reference, referencesIn, blocks, block, isUnknown } from "./stack-index";
export { Statement, statementsOf, isWildcardAction } from "./policy-documents";
export * from "./engine";
export * from "./suppressions";
export * from "./enforce";
export * from "./format";
export * from "./rules";
