// The policy layer, exported by the package as the `policy` namespace (as cdk-nag keeps its rules
// and packs apart from the constructs): `policy.rules.rdsMultiAz`, `policy.evaluate(json, ...)`,
// `policy.StackIndex` for writing a rule. The few names every user needs (`enforcePolicies`,
// `suppress`, `policyReport`, `formatReport`...) are also top-level names of the package.
export * from "./types";
export { StackIndex, referencesIn, blocks, block, isUnknown } from "./stack-index";
export type { TerraformJson, Reference } from "./stack-index";
export { statementsOf, isWildcardAction } from "./policy-documents";
export type { Statement } from "./policy-documents";
export * from "./engine";
export * from "../core/suppressions";
export * from "./enforce";
export * from "./format";
export { looksLikeSecret, isCredentialName, credentialShapeOf } from "../internal/secret-heuristic";
export type { SecretSuspicion } from "../internal/secret-heuristic";
/** Every rule object (`rules.ALL_RULES`, `rules.rdsMultiAz`, ...), one per file of `rules/`. */
export * as rules from "./rules";
