import { SynthJson, resources } from "./testing";

/**
 * Test helper: a synthesized stack with its Terraform references replaced by the values AWS
 * would give them in `account` and `region` (partition, account id, region, names, and the ARNs
 * of the resource types deploy roles and policies refer to; logical ids stand in for generated
 * ids), so that policy documents can be evaluated ({@link ./iam-evaluator}). References it cannot
 * resolve stay as they are.
 */
export function resolveReferences(json: SynthJson, account: string, region: string): Record<string, any> {
  const arnOf = (type: string, id: string, r: Record<string, any>): string | undefined => {
    const regional = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
    switch (type) {
      case "aws_s3_bucket":
        return `arn:aws:s3:::${r.bucket}`;
      case "aws_iam_role":
        return `arn:aws:iam::${account}:role/${r.name}`;
      case "aws_iam_policy":
        return `arn:aws:iam::${account}:policy/${r.name}`;
      case "aws_iam_openid_connect_provider":
        return `arn:aws:iam::${account}:oidc-provider/${String(r.url).replace("https://", "")}`;
      case "aws_kms_key":
        return regional("kms", `key/${id}`);
      case "aws_ecs_cluster":
        return regional("ecs", `cluster/${r.name}`);
      case "aws_ecs_task_definition":
        return regional("ecs", `task-definition/${r.family}:1`);
      default:
        return undefined;
    }
  };
  const text = JSON.stringify(json)
    .replace(/\$\{data\.aws_partition\.[\w]+\.partition\}/g, "aws")
    .replace(/\$\{data\.aws_caller_identity\.[\w]+\.account_id\}/g, account)
    .replace(/\$\{data\.aws_region\.[\w]+\.(region|name)\}/g, region)
    .replace(/\$\{(aws_[a-z0-9_]+)\.([\w]+)\.(arn|name|bucket|id)\}/g, (token, type, id, attribute) => {
      const r = resources(json, type)[id];
      if (!r) return token;
      if (attribute === "arn") return arnOf(type, id, r) ?? token;
      if (attribute === "id") return type === "aws_kms_key" ? id : token;
      return r[attribute] ?? token;
    });
  return JSON.parse(text);
}
