import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { BootstrapStack } from "./bootstrap";
import { CONFIG, DELIVERY } from "./config";
import { SynthJson, policyOf, resources, synthStack } from "../modules/internal/testing";

// The bootstrap stack exactly as `npm run synth` writes it (checked-in config, example values).
const app = buildApp(Testing.app(), {});
const json = synthStack(app.node.findChild("bootstrap") as TerraformStack);
const ENVS = ["dev", "staging", "prod"] as const;
const REPO = DELIVERY.github!.repository;
const GH = "token.actions.githubusercontent.com";

function roleEntry(name: string): [string, any] {
  const entry = Object.entries(resources(json, "aws_iam_role")).find(([, r]: [string, any]) => r.name === name);
  if (!entry) throw new Error(`no role ${name}`);
  return entry as [string, any];
}
function trustOf(name: string): any {
  return policyOf(roleEntry(name)[1], "assume_role_policy").Statement;
}
function inlineOf(name: string): any[] {
  const ref = `\${aws_iam_role.${roleEntry(name)[0]}.name}`;
  return Object.values(resources(json, "aws_iam_role_policy")).filter((p: any) => p.role === ref).flatMap((p: any) => policyOf(p).Statement);
}
const providerArn = (url: string) => {
  const [id] = Object.entries(resources(json, "aws_iam_openid_connect_provider")).find(([, p]: [string, any]) => p.url === url)!;
  return `\${aws_iam_openid_connect_provider.${id}.arn}`;
};

describe("bootstrap: workload identity (checked-in config)", () => {
  it("creates one GitHub Actions and one HCP Terraform OIDC provider", () => {
    expect(Object.values(resources(json, "aws_iam_openid_connect_provider"))).toEqual([
      { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
      { url: "https://app.terraform.io", client_id_list: ["aws.workload.identity"] },
    ]);
  });

  it.each(ENVS)("%s: GitHub plan role trusts exactly pull requests and main of the repository, in both sub forms", (env) => {
    const ids = `repo:${REPO.owner}@${REPO.ownerId}/${REPO.name}@${REPO.repositoryId}`;
    const names = `repo:${REPO.owner}/${REPO.name}`;
    expect(trustOf(`fckdoomscroll-deploy-${env}-plan`)).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: providerArn(`https://${GH}`) },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GH}:aud`]: "sts.amazonaws.com",
            [`${GH}:sub`]: [`${ids}:pull_request`, `${names}:pull_request`, `${ids}:ref:refs/heads/main`, `${names}:ref:refs/heads/main`],
          },
        },
      },
    ]);
  });

  it.each(ENVS)("%s: GitHub apply role trusts only the %s GitHub environment", (env) => {
    const [statement] = trustOf(`fckdoomscroll-deploy-${env}-apply`);
    expect(statement.Condition).toEqual({
      StringEquals: {
        [`${GH}:aud`]: "sts.amazonaws.com",
        [`${GH}:sub`]: [
          `repo:${REPO.owner}@${REPO.ownerId}/${REPO.name}@${REPO.repositoryId}:environment:${env}`,
          `repo:${REPO.owner}/${REPO.name}:environment:${env}`,
        ],
      },
    });
  });

  it.each(ENVS)("%s: HCP Terraform roles trust one workspace and one run phase each", (env) => {
    for (const phase of ["plan", "apply"]) {
      const [statement] = trustOf(`fckdoomscroll-tfc-${env}-${phase}`);
      expect(statement.Principal).toEqual({ Federated: providerArn("https://app.terraform.io") });
      expect(statement.Condition).toEqual({
        StringEquals: {
          "app.terraform.io:aud": "aws.workload.identity",
          "app.terraform.io:sub": `organization:example-org:project:fckdoomscroll:workspace:fckdoomscroll-${env}:run_phase:${phase}`,
        },
      });
    }
  });

  it("no trust policy has a wildcard principal, a wildcard subject, or an Allow without conditions", () => {
    const roles = Object.values(resources(json, "aws_iam_role"));
    expect(roles).toHaveLength(12);
    for (const role of roles) {
      for (const s of policyOf(role, "assume_role_policy").Statement) {
        expect(JSON.stringify(s.Principal)).not.toContain("*");
        expect(Object.keys(s.Principal)).toEqual(["Federated"]);
        expect(Object.keys(s.Condition)).toEqual(["StringEquals"]);
        expect(JSON.stringify(s.Condition)).not.toMatch(/[*?]/);
      }
    }
  });

  it.each(ENVS)("%s: GitHub roles reach only their own state key and lock file", (env) => {
    const key = `fckdoomscroll/${env}.tfstate`;
    for (const phase of ["plan", "apply"]) {
      const s3 = inlineOf(`fckdoomscroll-deploy-${env}-${phase}`).filter((s) => [s.Action].flat().some((a: string) => a.startsWith("s3:")));
      const objects = s3.filter((s) => s.Action !== "s3:ListBucket").flatMap((s) => [s.Resource].flat());
      expect(objects.map((r: string) => r.replace(/^.*\.arn\}\//, ""))).toEqual([key, `${key}.tflock`]);
      const list = s3.find((s) => s.Action === "s3:ListBucket");
      expect(list.Condition).toEqual({ StringLike: { "s3:prefix": [key, "env:/"] } });
    }
  });

  it("the state bucket policy denies each role every other object and any bucket change", () => {
    const policy = policyOf(Object.values(resources(json, "aws_s3_bucket_policy"))[0]).Statement;
    const bySid = Object.fromEntries(policy.map((s: any) => [s.Sid, s]));
    const bucket = `\${aws_s3_bucket.${Object.keys(resources(json, "aws_s3_bucket"))[0]}.arn}`;
    for (const env of ENVS) {
      const own = bySid[`GitHub${env[0].toUpperCase()}${env.slice(1)}OnlyOwnState`];
      expect(own.Effect).toBe("Deny");
      expect(own.NotResource).toEqual([`${bucket}/fckdoomscroll/${env}.tfstate`, `${bucket}/fckdoomscroll/${env}.tfstate.tflock`]);
      expect(own.Principal.AWS).toHaveLength(2);
      const hcp = bySid[`HcpTerraform${env[0].toUpperCase()}${env.slice(1)}OnlyOwnState`];
      expect(hcp.Resource).toBe(`${bucket}/*`);
    }
    expect(bySid.DenyInsecureTransport.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
  });

  it("prints each workspace's HCP Terraform variables and each GitHub role ARN as outputs", () => {
    const outputs = json.output as Record<string, any>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        "state_bucket",
        "state_bucket_region",
        ...ENVS.flatMap((e) => [`github_${e}_plan_role_arn`, `github_${e}_apply_role_arn`, `hcp_terraform_${e}_workspace_variables`]),
      ].sort(),
    );
    expect(Object.keys(outputs.hcp_terraform_prod_workspace_variables.value).sort()).toEqual(
      ["TFC_AWS_APPLY_ROLE_ARN", "TFC_AWS_PLAN_ROLE_ARN", "TFC_AWS_PROVIDER_AUTH"],
    );
    expect(outputs.hcp_terraform_prod_workspace_variables.value.TFC_AWS_APPLY_ROLE_ARN).toBe(
      `\${aws_iam_role.${roleEntry("fckdoomscroll-tfc-prod-apply")[0]}.arn}`,
    );
  });
});

describe("bootstrap: opt-in", () => {
  it("creates no identity provider or role without delivery settings", () => {
    const bare: SynthJson = synthStack(new BootstrapStack(Testing.app(), "bootstrap", CONFIG.prod, [CONFIG.dev]));
    expect(resources(bare, "aws_iam_openid_connect_provider")).toEqual({});
    expect(resources(bare, "aws_iam_role")).toEqual({});
    expect(Object.keys(bare.output ?? {})).toEqual(["state_bucket", "state_bucket_region"]);
  });

  it("gives no state access to an environment whose state is in another bucket", () => {
    const elsewhere = { ...CONFIG.dev, state: { s3: { bucket: "other-team-state", region: "us-east-1" } } };
    const other = synthStack(new BootstrapStack(Testing.app(), "bootstrap", CONFIG.prod, [elsewhere], { github: DELIVERY.github }));
    const policies = Object.values(resources(other, "aws_iam_role_policy")).flatMap((p: any) => policyOf(p).Statement);
    expect(policies.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith("s3:")))).toEqual([]);
    const bucketPolicy = policyOf(Object.values(resources(other, "aws_s3_bucket_policy"))[0]).Statement;
    expect(bucketPolicy.find((s: any) => s.Sid === "GitHubDevOnlyOwnState").Resource).toMatch(/\/\*$/);
  });
});

describe("permissions boundary (DELIVERY.permissionsBoundary)", () => {
  const boundaryRef = (env: string) => {
    const [id] = Object.entries(resources(json, "aws_iam_policy")).find(([, p]: [string, any]) => p.name === `fckdoomscroll-boundary-${env}`)!;
    return `\${aws_iam_policy.${id}.arn}`;
  };

  it("the bootstrap creates one boundary per environment: everything but IAM, Organizations, Account, and no role chaining", () => {
    const policies = Object.values(resources(json, "aws_iam_policy"));
    expect(policies.map((p: any) => p.name).sort()).toEqual(["fckdoomscroll-boundary-dev", "fckdoomscroll-boundary-prod", "fckdoomscroll-boundary-staging"]);
    expect(policyOf(policies[0]).Statement).toEqual([
      { Sid: "EverythingButIdentity", Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      { Sid: "NoRoleChaining", Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
    ]);
  });

  it.each(ENVS)("%s: both apply roles may grant role permissions only with the %s boundary", (env) => {
    for (const role of [`fckdoomscroll-deploy-${env}-apply`, `fckdoomscroll-tfc-${env}-apply`]) {
      const grant = inlineOf(role).find((s) => s.Sid === "GrantOnlyWithinBoundary");
      expect(grant.Condition, role).toEqual({ StringEquals: { "iam:PermissionsBoundary": boundaryRef(env) } });
      expect(inlineOf(role).find((s) => s.Sid === "ManageEnvironmentRoles").Action).not.toContain("iam:CreateRole");
    }
  });

  it.each(ENVS)("%s: every role of the environment stack carries that boundary", (env) => {
    const stack = synthStack(app.node.findChild(env) as TerraformStack);
    const roles = Object.values(resources(stack, "aws_iam_role"));
    expect(roles.length).toBeGreaterThanOrEqual(3);
    for (const role of roles) {
      expect(role.permissions_boundary, role.name).toBe(
        `arn:\${data.aws_partition.AwsContextPartition.partition}:iam::\${data.aws_caller_identity.AwsContext.account_id}:policy/fckdoomscroll-boundary-${env}`,
      );
    }
  });
});

describe("stack dependencies", () => {
  it("no stack reads another's outputs, so only 'bootstrap first' orders them", () => {
    for (const name of ["bootstrap", ...ENVS]) {
      const stack = synthStack(app.node.findChild(name) as TerraformStack);
      expect(stack.data?.terraform_remote_state, name).toBeUndefined();
      expect(JSON.stringify(stack), name).not.toMatch(/cross-stack-output/);
    }
  });
});

describe("tag guard wiring", () => {
  it.each(ENVS)("%s: the apply roles' guard allows exactly the Environment tag the %s stack's provider sets", (env) => {
    const stack = synthStack(app.node.findChild(env) as TerraformStack);
    const tag = (stack.provider!.aws[0] as any).default_tags[0].tags.Environment;
    expect(tag).toBe(env);
    for (const role of [`fckdoomscroll-deploy-${env}-apply`, `fckdoomscroll-tfc-${env}-apply`]) {
      const guard = inlineOf(role).find((s) => s.Sid === "NoOtherEnvironmentResources");
      expect(guard.Condition.StringNotEquals["aws:ResourceTag/Environment"], role).toBe(tag);
    }
  });
});

describe("apply roles can manage every IAM name the environments use", () => {
  it.each(ENVS)("%s: every IAM role and customer managed policy is named fckdoomscroll-%s-*", (env) => {
    const stack = synthStack(app.node.findChild(env) as TerraformStack);
    const names = [...Object.values(resources(stack, "aws_iam_role")), ...Object.values(resources(stack, "aws_iam_policy"))].map((r: any) => r.name ?? r.name_prefix);
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(name).toMatch(new RegExp(`^fckdoomscroll-${env}-`));
    const scope = inlineOf(`fckdoomscroll-deploy-${env}-apply`).find((s) => s.Sid === "ManageEnvironmentRoles").Resource;
    expect(scope).toMatch(new RegExp(`:role/fckdoomscroll-${env}-\\*$`));
  });
});
