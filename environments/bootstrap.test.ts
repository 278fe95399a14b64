import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { BootstrapStack } from "./bootstrap";
import { CONFIG, DELIVERY, EnvironmentConfig } from "./config";
import { SynthJson, policyOf, resources, synthStack } from "../modules/internal/testing";

// The bootstrap stacks exactly as `npm run synth` writes them (checked-in config, example values):
// one account per environment, so one bootstrap per environment.
const app = buildApp(Testing.app(), {});
const ENVS = ["dev", "staging", "prod"] as const;
const BOOTSTRAP = Object.fromEntries(ENVS.map((env) => [env, synthStack(BootstrapStack.forEnvironment(app, env))])) as Record<
  (typeof ENVS)[number],
  SynthJson
>;
const REPO = DELIVERY.github!.repository;
const GH = "token.actions.githubusercontent.com";
const ACCOUNT_IDS = Object.fromEntries(ENVS.map((env) => [env, CONFIG[env].accountId])) as Record<(typeof ENVS)[number], string>;

/** The bootstrap that holds a role: the environment is the name's last but one part. */
function bootstrapOfRole(name: string): SynthJson {
  const env = ENVS.find((e) => name.endsWith(`-${e}-plan`) || name.endsWith(`-${e}-apply`));
  if (!env) throw new Error(`no environment in role name ${name}`);
  return BOOTSTRAP[env];
}
function roleEntry(name: string): [string, any] {
  const entry = Object.entries(resources(bootstrapOfRole(name), "aws_iam_role")).find(([, r]: [string, any]) => r.name === name);
  if (!entry) throw new Error(`no role ${name}`);
  return entry as [string, any];
}
function trustOf(name: string): any {
  return policyOf(roleEntry(name)[1], "assume_role_policy").Statement;
}
function inlineOf(name: string): any[] {
  const ref = `\${aws_iam_role.${roleEntry(name)[0]}.name}`;
  return Object.values(resources(bootstrapOfRole(name), "aws_iam_role_policy"))
    .filter((p: any) => p.role === ref)
    .flatMap((p: any) => policyOf(p).Statement);
}
const providerArn = (json: SynthJson, url: string) => {
  const [id] = Object.entries(resources(json, "aws_iam_openid_connect_provider")).find(([, p]: [string, any]) => p.url === url)!;
  return `\${aws_iam_openid_connect_provider.${id}.arn}`;
};

describe("bootstrap: one per account (checked-in config)", () => {
  it("makes one bootstrap stack per account, named after its environments", () => {
    expect(BootstrapStack.all(app).map((s) => [s.node.id, s.accountId, s.environments])).toEqual([
      ["bootstrap-dev", ACCOUNT_IDS.dev, ["dev"]],
      ["bootstrap-staging", ACCOUNT_IDS.staging, ["staging"]],
      ["bootstrap-prod", ACCOUNT_IDS.prod, ["prod"]],
    ]);
  });

  it.each(ENVS)("%s: its bootstrap is pinned to its account, keeps that account's state bucket and only its roles", (env) => {
    const json = BOOTSTRAP[env];
    expect(json.provider!.aws[0].allowed_account_ids).toEqual([ACCOUNT_IDS[env]]);
    expect(json.terraform!.backend).toEqual({ local: { path: `../../../terraform.bootstrap-${env}.tfstate` } });
    expect(Object.values(resources(json, "aws_s3_bucket")).map((b: any) => b.bucket)).toEqual([
      `fckdoomscroll-tfstate-${ACCOUNT_IDS[env]}`,
    ]);
    expect(
      Object.values(resources(json, "aws_iam_role"))
        .map((r: any) => r.name)
        .sort(),
    ).toEqual([
      `fckdoomscroll-deploy-${env}-apply`,
      `fckdoomscroll-deploy-${env}-plan`,
      `fckdoomscroll-tfc-${env}-apply`,
      `fckdoomscroll-tfc-${env}-plan`,
    ]);
    expect(json.output!.account_id.value).toBe(ACCOUNT_IDS[env]);
    expect(json.output![`github_${env}_plan_role_arn`].description).toBe(
      `role-to-assume of the ${env} plan jobs (account ${ACCOUNT_IDS[env]})`,
    );
  });

  it("single-account mode: one `bootstrap` with every environment's roles and state in one bucket", () => {
    const one = buildApp(Testing.app(), {}, { singleAccount: "444444444444" });
    expect(BootstrapStack.all(one).map((s) => [s.node.id, s.environments])).toEqual([["bootstrap", ["dev", "staging", "prod"]]]);
    const json = synthStack(BootstrapStack.forEnvironment(one, "prod"));
    expect(json.terraform!.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
    expect(Object.values(resources(json, "aws_iam_role"))).toHaveLength(12);
    for (const env of ENVS) {
      const stack = synthStack(one.node.findChild(env) as TerraformStack);
      expect(stack.provider!.aws[0].allowed_account_ids).toEqual(["444444444444"]);
      expect(stack.terraform!.backend.s3.bucket).toBe("fckdoomscroll-tfstate-444444444444");
    }
  });

  it("refuses an environment of another account", () => {
    expect(
      () => new BootstrapStack(Testing.app(), "bootstrap-prod", { accountId: ACCOUNT_IDS.prod, environments: [CONFIG.prod, CONFIG.dev] }),
    ).toThrow(
      `bootstrap-prod: environment dev lives in account ${ACCOUNT_IDS.dev}, not ${ACCOUNT_IDS.prod}: its bootstrap is that account's`,
    );
  });
});

describe("bootstrap: workload identity (checked-in config)", () => {
  it.each(ENVS)("%s: its account gets one GitHub Actions and one HCP Terraform OIDC provider", (env) => {
    expect(Object.values(resources(BOOTSTRAP[env], "aws_iam_openid_connect_provider"))).toEqual([
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
        Principal: { Federated: providerArn(BOOTSTRAP[env], `https://${GH}`) },
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
      expect(statement.Principal).toEqual({ Federated: providerArn(BOOTSTRAP[env], "https://app.terraform.io") });
      expect(statement.Condition).toEqual({
        StringEquals: {
          "app.terraform.io:aud": "aws.workload.identity",
          "app.terraform.io:sub": `organization:example-org:project:fckdoomscroll:workspace:fckdoomscroll-${env}:run_phase:${phase}`,
        },
      });
    }
  });

  it("no trust policy has a wildcard principal, a wildcard subject, or an Allow without conditions", () => {
    const roles = ENVS.flatMap((env) => Object.values(resources(BOOTSTRAP[env], "aws_iam_role")));
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
      // The plan role's configuration reads (s3:Get*, s3:List* on *) are evaluated in plan-role.test.ts.
      const s3 = inlineOf(`fckdoomscroll-deploy-${env}-${phase}`).filter(
        (s) => s.Effect === "Allow" && s.Sid !== "ReadConfiguration" && [s.Action].flat().some((a: string) => a.startsWith("s3:")),
      );
      const objects = s3.filter((s) => s.Action !== "s3:ListBucket").flatMap((s) => [s.Resource].flat());
      expect(objects.map((r: string) => r.replace(/^.*\.arn\}\//, ""))).toEqual([key, `${key}.tflock`]);
      const list = s3.find((s) => s.Action === "s3:ListBucket");
      expect(list.Condition).toEqual({ StringLike: { "s3:prefix": [key, "env:/"] } });
    }
  });

  it.each(ENVS)("%s: the state bucket policy denies each role every other object and any bucket change", (env) => {
    const json = BOOTSTRAP[env];
    const policy = policyOf(Object.values(resources(json, "aws_s3_bucket_policy"))[0]).Statement;
    const bySid = Object.fromEntries(policy.map((s: any) => [s.Sid, s]));
    const bucket = `\${aws_s3_bucket.${Object.keys(resources(json, "aws_s3_bucket"))[0]}.arn}`;
    {
      const own = bySid[`GitHub${env[0].toUpperCase()}${env.slice(1)}OnlyOwnState`];
      expect(own.Effect).toBe("Deny");
      expect(own.NotResource).toEqual([`${bucket}/fckdoomscroll/${env}.tfstate`, `${bucket}/fckdoomscroll/${env}.tfstate.tflock`]);
      expect(own.Principal.AWS).toHaveLength(2);
      const hcp = bySid[`HcpTerraform${env[0].toUpperCase()}${env.slice(1)}OnlyOwnState`];
      expect(hcp.Resource).toBe(`${bucket}/*`);
    }
    expect(bySid.DenyInsecureTransport.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
  });

  it("prints the account, each workspace's HCP Terraform variables and each GitHub role ARN as outputs", () => {
    const outputs = BOOTSTRAP.prod.output as Record<string, any>;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        "account_id",
        "state_bucket",
        "state_bucket_region",
        "github_prod_plan_role_arn",
        "github_prod_apply_role_arn",
        "hcp_terraform_prod_workspace_variables",
      ].sort(),
    );
    expect(Object.keys(outputs.hcp_terraform_prod_workspace_variables.value).sort()).toEqual([
      "TFC_AWS_APPLY_ROLE_ARN",
      "TFC_AWS_PLAN_ROLE_ARN",
      "TFC_AWS_PROVIDER_AUTH",
    ]);
    expect(outputs.hcp_terraform_prod_workspace_variables.value.TFC_AWS_APPLY_ROLE_ARN).toBe(
      `\${aws_iam_role.${roleEntry("fckdoomscroll-tfc-prod-apply")[0]}.arn}`,
    );
  });
});

describe("bootstrap: opt-in", () => {
  it("creates no identity provider or role without delivery settings", () => {
    const bare: SynthJson = synthStack(
      new BootstrapStack(Testing.app(), "bootstrap", { accountId: CONFIG.dev.accountId, environments: [CONFIG.dev] }),
    );
    expect(resources(bare, "aws_iam_openid_connect_provider")).toEqual({});
    expect(resources(bare, "aws_iam_role")).toEqual({});
    expect(Object.keys(bare.output ?? {})).toEqual(["account_id", "state_bucket", "state_bucket_region"]);
  });

  it("uses the account's existing OIDC providers when delivery says so, creating none", () => {
    const existing = synthStack(
      new BootstrapStack(Testing.app(), "bootstrap", {
        accountId: CONFIG.prod.accountId,
        environments: [CONFIG.prod],
        delivery: {
          github: { ...DELIVERY.github!, useExistingProvider: true },
          hcpTerraform: { ...DELIVERY.hcpTerraform!, useExistingProvider: true },
        },
      }),
    );
    expect(resources(existing, "aws_iam_openid_connect_provider")).toEqual({});
    expect(Object.values((existing.data as any).aws_iam_openid_connect_provider).map((d: any) => d.url)).toEqual([
      "https://token.actions.githubusercontent.com",
      "https://app.terraform.io",
    ]);
    expect(Object.values(resources(existing, "aws_iam_role"))).toHaveLength(4);
  });

  it("gives no state access to an environment whose state is in another bucket", () => {
    const elsewhere: EnvironmentConfig = {
      ...CONFIG.dev,
      accountId: CONFIG.prod.accountId,
      state: { s3: { bucket: "other-team-state", region: "us-east-1" } },
    };
    const other = synthStack(
      new BootstrapStack(Testing.app(), "bootstrap", {
        accountId: CONFIG.prod.accountId,
        environments: [CONFIG.prod, elsewhere],
        delivery: { github: DELIVERY.github },
      }),
    );
    const devRole = Object.entries(resources(other, "aws_iam_role")).find(
      ([, r]: [string, any]) => r.name === "fckdoomscroll-deploy-dev-apply",
    )![0];
    const policies = Object.values(resources(other, "aws_iam_role_policy"))
      .filter((p: any) => p.role.includes(devRole))
      .flatMap((p: any) => policyOf(p).Statement);
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.filter((s: any) => s.Effect === "Allow" && [s.Action].flat().some((a: string) => a.startsWith("s3:")))).toEqual([]);
    const bucketPolicy = policyOf(Object.values(resources(other, "aws_s3_bucket_policy"))[0]).Statement;
    expect(bucketPolicy.find((s: any) => s.Sid === "GitHubDevOnlyOwnState").Resource).toMatch(/\/\*$/);
  });
});

describe("permissions boundary (DELIVERY.permissionsBoundary)", () => {
  const boundaryRef = (env: string) => {
    const [id] = Object.entries(resources(BOOTSTRAP[env as (typeof ENVS)[number]], "aws_iam_policy")).find(
      ([, p]: [string, any]) => p.name === `fckdoomscroll-boundary-${env}`,
    )!;
    return `\${aws_iam_policy.${id}.arn}`;
  };

  it.each(ENVS)("%s: its bootstrap creates its boundary: everything but IAM, Organizations, Account, and no role chaining", (env) => {
    const policies = Object.values(resources(BOOTSTRAP[env], "aws_iam_policy"));
    expect(policies.map((p: any) => p.name)).toEqual([`fckdoomscroll-boundary-${env}`]);
    const statements = policyOf(policies[0]).Statement;
    expect(statements.slice(0, 2)).toEqual([
      { Sid: "EverythingButIdentity", Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      { Sid: "NoRoleChaining", Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
    ]);
    // Then the environment's guards (the cross-environment test evaluates them): all Deny.
    expect(statements.slice(2).map((s: any) => s.Effect)).toEqual(statements.slice(2).map(() => "Deny"));
    expect(statements.map((s: any) => s.Sid)).toEqual(expect.arrayContaining(["NoOtherEnvironmentResources", "NoStateBucket"]));
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
    for (const name of [...ENVS.map((e) => `bootstrap-${e}`), ...ENVS]) {
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
    const names = [...Object.values(resources(stack, "aws_iam_role")), ...Object.values(resources(stack, "aws_iam_policy"))].map(
      (r: any) => r.name ?? r.name_prefix,
    );
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(name).toMatch(new RegExp(`^fckdoomscroll-${env}-`));
    const scope = inlineOf(`fckdoomscroll-deploy-${env}-apply`).find((s) => s.Sid === "ManageEnvironmentRoles").Resource;
    expect(scope).toMatch(new RegExp(`:role/fckdoomscroll-${env}-\\*$`));
  });
});
