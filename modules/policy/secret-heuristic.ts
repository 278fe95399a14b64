// The library's one secret heuristic, shared by the container/App Runner validation and the
// NO-PLAINTEXT-SECRETS rule; exported here so consumers can apply it to their own settings.
export { looksLikeSecret, isCredentialName, credentialShapeOf } from "../internal/secret-heuristic";
export type { SecretSuspicion } from "../internal/secret-heuristic";
