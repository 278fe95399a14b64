// The package's public API: re-exports only.
export * from "./iam/policy-document";
export * from "./iam/statements";
export * from "./iam/workload-role";
export * from "./network/network-ref";
export * from "./database/database-ref";
export * from "./monitoring/alarm-topics";
export * from "./secrets/secret-ref";
export * from "./state/remote-state";
export * from "./storage/private-bucket";
export { baseName } from "./internal/naming";
export { ValidationError } from "./internal/validate";
export * from "./registry/repository-ref";
