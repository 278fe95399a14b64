import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { databaseConnectStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { pascalCase } from "../internal/naming";
import { checkPattern, fail, isToken } from "../internal/validate";

/**
 * Ingress on TCP `port` of `targetGroupId` from a client's security group, with a construct id
 * derived from the description (`Ingress<Description>`), refused when a description repeats.
 * Shared by the database and its proxy.
 */
export function admitFrom(
  scope: Construct,
  used: Set<string>,
  target: { readonly securityGroupId: string; readonly port: number },
  securityGroupId: string,
  description: string,
): VpcSecurityGroupIngressRule {
  checkPattern(
    scope,
    "allowFrom securityGroupId",
    securityGroupId,
    /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/,
    "must be a security group id such as sg-0123456789abcdef0",
  );
  checkPattern(
    scope,
    "allowFrom description",
    description,
    /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/,
    "must be 1-255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
  );
  if (!isToken(description) && pascalCase(description) === "")
    fail(scope, "allowFrom description", "must contain letters or digits", description);
  const id = `Ingress${pascalCase(description)}`;
  if (used.has(id)) fail(scope, "allowFrom description", "must differ from the descriptions of earlier allowFrom calls", description);
  used.add(id);
  return new VpcSecurityGroupIngressRule(scope, id, {
    securityGroupId: target.securityGroupId,
    referencedSecurityGroupId: securityGroupId,
    ipProtocol: "tcp",
    fromPort: target.port,
    toPort: target.port,
    description,
  });
}

/**
 * `rds-db:connect` on one database-user ARN for a role, once per role and user (the role's name
 * token is the same string for every use of that role, so it identifies repeats).
 */
export function grantConnectOnce(scope: Construct, granted: Set<string>, role: RoleRef, dbUser: string, userArn: string): void {
  const key = `${role.roleName}/${dbUser}`;
  if (granted.has(key)) fail(scope, "grantConnect role", `was already granted ${dbUser}`, role.roleName);
  granted.add(key);
  const base = isToken(role.roleName) ? `Role${granted.size}` : pascalCase(role.roleName);
  grantTo(scope, `Connect${base}As${pascalCase(dbUser)}`, role, databaseConnectStatements([userArn]));
}
