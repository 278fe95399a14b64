/**
 * A PascalCase construct id made from a user-given key, so ids stay stable when entries are
 * added or removed (no list indexes): `AUTH_SECRET` → `AuthSecret`,
 * `ops@example.com` → `OpsExampleCom`, `feature-flags/new-ui` → `FeatureFlagsNewUi`.
 * Not exported from the package (a candidate for `internal/naming.ts`).
 */
export function pascalId(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("");
}
