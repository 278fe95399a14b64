import { TerraformOutput } from "cdktf";
import { describe, expect, it } from "vitest";
import { Construct } from "constructs";
import { policyOf, resources, synth, SynthJson } from "../internal/testing";
import { DeployRole } from "./deploy-role";
import { GitHubDeployRoles, GitHubDeployRolesProps } from "./github-deploy-roles";
import { gitHubSubjects } from "./github-subjects";
import { HcpTerraformWorkspaceRoles } from "./hcp-terraform-workspace-roles";
import { GitHubActionsOidc, HcpTerraformOidc } from "./oidc-provider";
import { PermissionsBoundaryPolicy, permissionsBoundaryName } from "./permissions-boundary-policy";

const REPO = { owner: "octo-org", name: "shop", ownerId: 1234567, repositoryId: 890123456 };
const STATE = { bucketArn: "arn:aws:s3:::shop-terraform-state", key: "shop/prod.tfstate" };

function gitHub(props: Partial<GitHubDeployRolesProps> = {}, build?: (roles: GitHubDeployRoles, scope: Construct) => void): SynthJson {
  return synth((scope) => {
    const oidc = new GitHubActionsOidc(scope, "GitHub");
    const roles = new GitHubDeployRoles(scope, "Prod", {
      oidc,
      repository: REPO,
      name: "shop-deploy-prod",
      environment: "prod",
      managedNamePrefix: "shop-prod",
      state: STATE,
      ...props,
    });
    build?.(roles, scope);
  });
}

function roleNamed(json: SynthJson, name: string): any {
  const role = Object.values(resources(json, "aws_iam_role")).find((r: any) => r.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role;
}

/** `${aws_iam_role.<logical id>.name}`: how other resources refer to the role named `name`. */
function roleNameRef(json: SynthJson, name: string): string {
  const entry = Object.entries(resources(json, "aws_iam_role")).find(([, r]: [string, any]) => r.name === name);
  if (!entry) throw new Error(`no role ${name}`);
  return `\${aws_iam_role.${entry[0]}.name}`;
}

function inlineStatements(json: SynthJson, roleName: string): any[] {
  const ref = roleNameRef(json, roleName);
  const policies = Object.values(resources(json, "aws_iam_role_policy")).filter((p: any) => p.role === ref);
  return policies.flatMap((p: any) => policyOf(p).Statement);
}

function attachedManaged(json: SynthJson, roleName: string): string[] {
  const ref = roleNameRef(json, roleName);
  return Object.values(resources(json, "aws_iam_role_policy_attachment"))
    .filter((a: any) => a.role === ref)
    .map((a: any) => a.policy_arn);
}

describe("OIDC providers", () => {
  it("GitHub: token.actions.githubusercontent.com for sts.amazonaws.com, without a thumbprint", () => {
    const json = gitHub();
    expect(Object.values(resources(json, "aws_iam_openid_connect_provider"))).toEqual([
      { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
    ]);
  });

  it("HCP Terraform: app.terraform.io for aws.workload.identity; an existing provider is referenced, not created", () => {
    const json = synth((scope) => {
      new HcpTerraformOidc(scope, "Hcp");
      const existing = new GitHubActionsOidc(scope, "Existing", {
        existingProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      });
      expect(existing.providerArn).toBe("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
      expect(existing.provider).toBeUndefined();
    });
    expect(Object.values(resources(json, "aws_iam_openid_connect_provider"))).toEqual([
      { url: "https://app.terraform.io", client_id_list: ["aws.workload.identity"] },
    ]);
  });

  it("looks up the account's existing provider by URL instead of creating one, and trusts its ARN", () => {
    const json = synth((scope) => {
      const github = new GitHubActionsOidc(scope, "GitHub", { lookupExisting: true });
      const hcp = new HcpTerraformOidc(scope, "Hcp", { lookupExisting: true });
      new DeployRole(scope, "R", { name: "r", oidc: github, subjects: ["repo:o/r:pull_request"] });
      expect(github.provider).toBeUndefined();
      expect(hcp.lookup).toBeDefined();
    });
    expect(resources(json, "aws_iam_openid_connect_provider")).toEqual({});
    const lookups = (json.data as any).aws_iam_openid_connect_provider;
    expect(Object.values(lookups)).toEqual([{ url: "https://token.actions.githubusercontent.com" }, { url: "https://app.terraform.io" }]);
    const [githubId] = Object.keys(lookups);
    expect(policyOf(Object.values(resources(json, "aws_iam_role"))[0], "assume_role_policy").Statement[0].Principal).toEqual({
      Federated: `\${data.aws_iam_openid_connect_provider.${githubId}.arn}`,
    });
  });

  it("refuses an existing provider that is not an IAM ARN", () => {
    expect(() => synth((s) => new GitHubActionsOidc(s, "G", { existingProviderArn: "token.actions.githubusercontent.com" }))).toThrow(
      /G: existingProviderArn must be an IAM OIDC identity provider ARN \(arn:aws:iam::<account>:oidc-provider\/<host>\), got "token.actions.githubusercontent.com"/,
    );
  });
});

describe("gitHubSubjects", () => {
  it("builds the name form, the immutable-id form, or both", () => {
    const name = { owner: "octo-org", name: "shop" };
    expect(gitHubSubjects("x", "p", name, { environment: "prod" })).toEqual(["repo:octo-org/shop:environment:prod"]);
    expect(gitHubSubjects("x", "p", REPO, { branch: "main" })).toEqual(["repo:octo-org@1234567/shop@890123456:ref:refs/heads/main"]);
    expect(() => gitHubSubjects("x", "p", REPO, { branch: "refs/heads/main" })).toThrow(
      'x: p.branch must be the bare name: the subject adds refs/heads/ itself (give "main"), got "refs/heads/main"',
    );
    expect(() => gitHubSubjects("x", "p", REPO, { tag: "refs/tags/v1" })).toThrow(
      /p\.tag must be the bare name: the subject adds refs\/tags\/ itself \(give "v1"\)/,
    );
    expect(gitHubSubjects("x", "p", REPO, { branch: "release/refs" })).toEqual([
      "repo:octo-org@1234567/shop@890123456:ref:refs/heads/release/refs",
    ]);
    expect(gitHubSubjects("x", "p", { ...REPO, subjectFormat: "both" }, { pullRequest: true })).toEqual([
      "repo:octo-org@1234567/shop@890123456:pull_request",
      "repo:octo-org/shop:pull_request",
    ]);
    expect(gitHubSubjects("x", "p", { ...REPO, subjectFormat: "name" }, { tag: "v1.2.0" })).toEqual([
      "repo:octo-org/shop:ref:refs/tags/v1.2.0",
    ]);
  });

  it("refuses the immutable form without both ids", () => {
    expect(() =>
      gitHubSubjects("x", "p", { owner: "octo-org", name: "shop", ownerId: 1, subjectFormat: "immutable" }, { branch: "main" }),
    ).toThrow(/x: repository.subjectFormat needs ownerId and repositoryId .*got "immutable"/);
  });

  it("refuses wildcards, and a context that names two places", () => {
    expect(() => gitHubSubjects("x", "p", REPO, { branch: "release/*" })).toThrow(
      /x: p.branch must be an exact branch name .*got "release\/\*"/,
    );
    expect(gitHubSubjects("x", "p", REPO, { branch: "release/1.x" })).toEqual([
      "repo:octo-org@1234567/shop@890123456:ref:refs/heads/release/1.x",
    ]);
    expect(() => gitHubSubjects("x", "p", REPO, { branch: "main", environment: "prod" })).toThrow(
      /x: p must name exactly one of environment, branch/,
    );
  });
});

describe("GitHubDeployRoles", () => {
  const json = gitHub();
  const [providerId] = Object.keys(resources(json, "aws_iam_openid_connect_provider"));
  const PROVIDER_REF = `\${aws_iam_openid_connect_provider.${providerId}.arn}`;
  const plan = roleNamed(json, "shop-deploy-prod-plan");
  const apply = roleNamed(json, "shop-deploy-prod-apply");

  it("plan trusts pull requests and main of this repository only, with the sts audience", () => {
    expect(policyOf(plan, "assume_role_policy").Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: PROVIDER_REF },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": [
              "repo:octo-org@1234567/shop@890123456:pull_request",
              "repo:octo-org@1234567/shop@890123456:ref:refs/heads/main",
            ],
          },
        },
      },
    ]);
  });

  it("apply trusts only jobs of the prod GitHub environment", () => {
    const [trust] = policyOf(apply, "assume_role_policy").Statement;
    expect(trust.Principal).toEqual({ Federated: PROVIDER_REF });
    expect(trust.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:octo-org@1234567/shop@890123456:environment:prod",
      },
    });
    expect(apply.max_session_duration).toBe(7200);
  });

  it("plan reads configuration (no managed policy), its own state object and lock file, and no other object", () => {
    expect(attachedManaged(json, "shop-deploy-prod-plan")).toEqual([]);
    const statements = inlineStatements(json, "shop-deploy-prod-plan");
    expect(statements.map((s: any) => s.Sid).slice(0, 3)).toEqual(["ReadConfiguration", "NoApplicationData", "NoObjectsButState"]);
    expect(statements[2]).toEqual({
      Sid: "NoObjectsButState",
      Effect: "Deny",
      Action: "s3:GetObject*",
      NotResource: [`${STATE.bucketArn}/shop/prod.tfstate`, `${STATE.bucketArn}/shop/prod.tfstate.tflock`],
    });
    expect(statements.slice(3)).toEqual([
      {
        Sid: "ListOwnState",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: STATE.bucketArn,
        Condition: { StringLike: { "s3:prefix": ["shop/prod.tfstate", "env:/"] } },
      },
      { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${STATE.bucketArn}/shop/prod.tfstate` },
      {
        Sid: "StateLockFile",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: `${STATE.bucketArn}/shop/prod.tfstate.tflock`,
      },
    ]);
  });

  it("apply is PowerUserAccess plus IAM on the environment's names, its state, a tag guard and no role chaining", () => {
    expect(attachedManaged(json, "shop-deploy-prod-apply")).toEqual([
      "arn:${data.aws_partition.AwsContextPartition.partition}:iam::aws:policy/PowerUserAccess",
    ]);
    const statements = inlineStatements(json, "shop-deploy-prod-apply");
    const bySid = Object.fromEntries(statements.map((s: any) => [s.Sid, s]));
    expect(bySid.ManageEnvironmentRoles.Resource).toBe(
      "arn:${data.aws_partition.AwsContextPartition.partition}:iam::${data.aws_caller_identity.AwsContext.account_id}:role/shop-prod-*",
    );
    expect(bySid.ManageEnvironmentRoles.Action).toEqual(expect.arrayContaining(["iam:CreateRole", "iam:PutRolePolicy", "iam:PassRole"]));
    expect(bySid.ReadWriteState).toEqual({
      Sid: "ReadWriteState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject"],
      Resource: `${STATE.bucketArn}/shop/prod.tfstate`,
    });
    expect(bySid.NoOtherEnvironmentResources.Condition).toEqual({
      StringNotEquals: { "aws:ResourceTag/Environment": "prod" },
      Null: { "aws:ResourceTag/Environment": "false" },
    });
    expect(bySid.NoOtherEnvironmentResources.Effect).toBe("Deny");
    expect(bySid.NoRoleChaining).toEqual({ Sid: "NoRoleChaining", Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" });
    // Every Allow is scoped: no Action "*" and no Resource "*" outside Deny statements.
    for (const s of statements.filter((x: any) => x.Effect === "Allow")) {
      expect([s.Action].flat()).not.toContain("*");
      expect([s.Resource].flat()).not.toContain("*");
    }
  });

  it("with a permissions boundary, grants role permissions only with it and never removes it", () => {
    const boundary = "arn:aws:iam::123456789012:policy/shop-deploy-prod-boundary";
    const statements = inlineStatements(gitHub({ permissionsBoundaryArn: boundary }), "shop-deploy-prod-apply");
    const bySid = Object.fromEntries(statements.map((s: any) => [s.Sid, s]));
    expect(bySid.ManageEnvironmentRoles.Action).not.toContain("iam:CreateRole");
    expect(bySid.GrantOnlyWithinBoundary.Action).toEqual(
      expect.arrayContaining(["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"]),
    );
    expect(bySid.GrantOnlyWithinBoundary.Condition).toEqual({ StringEquals: { "iam:PermissionsBoundary": boundary } });
    expect(bySid.KeepBoundary).toMatchObject({ Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary" });
  });

  it("keeps both roles to their own state in the bucket policy", () => {
    let statements: any[] = [];
    gitHub({}, (roles) => {
      statements = roles.stateBucketStatements(STATE.bucketArn);
    });
    expect(statements[0]).toMatchObject({
      sid: "ProdOnlyOwnState",
      effect: "Deny",
      resources: [],
      notResources: [`${STATE.bucketArn}/shop/prod.tfstate`, `${STATE.bucketArn}/shop/prod.tfstate.tflock`],
    });
    expect(statements[0].principal.AWS).toHaveLength(2);
    expect(statements[1]).toMatchObject({ sid: "ProdNoBucketChanges", effect: "Deny", resources: [STATE.bucketArn] });
    expect(statements[1].actions).toEqual(expect.arrayContaining(["s3:PutBucketPolicy", "s3:DeleteBucket"]));
  });

  it("can use the name form and a GitHub environment named differently", () => {
    const json2 = gitHub({
      repository: { owner: "octo-org", name: "shop" },
      gitHubEnvironment: "production",
      planOnPullRequests: false,
      planBranches: ["main", "release"],
    });
    expect(
      policyOf(roleNamed(json2, "shop-deploy-prod-apply"), "assume_role_policy").Statement[0].Condition.StringEquals[
        "token.actions.githubusercontent.com:sub"
      ],
    ).toBe("repo:octo-org/shop:environment:production");
    expect(
      policyOf(roleNamed(json2, "shop-deploy-prod-plan"), "assume_role_policy").Statement[0].Condition.StringEquals[
        "token.actions.githubusercontent.com:sub"
      ],
    ).toEqual(["repo:octo-org/shop:ref:refs/heads/main", "repo:octo-org/shop:ref:refs/heads/release"]);
  });

  it("lets the plan role read more services' configuration when asked, never with a wildcard", () => {
    const read = (json: SynthJson) =>
      inlineStatements(json, "shop-deploy-prod-plan").find((s: any) => s.Sid === "ReadConfiguration").Action;
    expect(read(gitHub())).not.toContain("lambda:Get*");
    expect(read(gitHub({ additionalPlanReadServices: ["lambda"] }))).toEqual(
      expect.arrayContaining(["lambda:Describe*", "lambda:List*", "lambda:Get*"]),
    );
    expect(() => gitHub({ additionalPlanReadServices: ["*"] })).toThrow(
      /Prod: additionalPlanReadServices must be IAM service prefixes .*got "\*"/,
    );
  });

  it("refuses a managed name prefix with a wildcard, which would reach other roles", () => {
    expect(() => gitHub({ managedNamePrefix: "shop-*" })).toThrow(
      /Prod: managedNamePrefix must be 1-60 IAM name characters .*got "shop-\*"/,
    );
    expect(() => gitHub({ managedNamePrefix: "shop-prod2" })).not.toThrow();
  });

  it("refuses a boundary given by name or inside the prefix the apply role rewrites, and takes one outside it", () => {
    expect(() => gitHub({ permissionsBoundaryArn: "shop-boundary" })).toThrow(
      'test/Prod: permissionsBoundaryArn must be an IAM managed policy ARN (arn:aws:iam::<account>:policy/<path/><name>): IAM takes a permissions boundary by its managed policy ARN, not its name, got "shop-boundary"',
    );
    expect(() => gitHub({ permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/shop-prod-boundary" })).toThrow(
      /Prod: permissionsBoundaryArn must name a policy outside managedNamePrefix "shop-prod-\*": the apply role may rewrite policies of that prefix/,
    );
    expect(() => gitHub({ permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/shop-boundary-prod" })).not.toThrow();
  });

  it("refuses an empty OIDC audience and takes a custom one", () => {
    expect(() => synth((scope) => new HcpTerraformOidc(scope, "Hcp", { audience: "" }))).toThrow(
      /test\/Hcp: audience must be the 1-255 character audience .*got ""/,
    );
    expect(() => synth((scope) => new HcpTerraformOidc(scope, "Hcp", { audience: "aws.workload.identity.shop" }))).not.toThrow();
  });

  it("refuses a state bucket ARN with a region or a bare bucket name", () => {
    expect(() => gitHub({ state: { ...STATE, bucketArn: "arn:aws:s3:us-east-1::shop-terraform-state" } })).toThrow(
      /Prod: state\.bucketArn must be an S3 bucket ARN \(arn:aws:s3:::<bucket>/,
    );
    expect(() => gitHub({ state: { ...STATE, bucketArn: "shop-terraform-state" } })).toThrow(/got "shop-terraform-state"/);
  });

  it("refuses role names the apply role would itself manage", () => {
    expect(() => gitHub({ name: "shop-prod-deploy" })).toThrow(
      /Prod: name must not start with managedNamePrefix "shop-prod-".*got "shop-prod-deploy"/,
    );
    expect(() => gitHub({ name: "shop-prodx-deploy" })).not.toThrow();
  });
});

describe("DeployRole", () => {
  const oidc = {
    providerArn: "arn:aws:iam::123456789012:oidc-provider/app.terraform.io",
    host: "app.terraform.io",
    audience: "aws.workload.identity",
  };

  it("refuses wildcard subjects and sessions outside 1-12 hours", () => {
    expect(() => synth((s) => new DeployRole(s, "R", { name: "r", oidc, subjects: ["organization:acme:project:*"] }))).toThrow(
      /R: subjects must be exact sub claims \(no \* or \?\).*got "organization:acme:project:\*"/,
    );
    expect(() => synth((s) => new DeployRole(s, "R", { name: "r", oidc, subjects: ["a"], maxSessionDurationSeconds: 43201 }))).toThrow(
      /R: maxSessionDurationSeconds must be an integer from 3600 to 43200, got 43201/,
    );
    expect(() =>
      synth((s) => new DeployRole(s, "R", { name: "r", oidc, subjects: ["a"], maxSessionDurationSeconds: 43200 })),
    ).not.toThrow();
  });
});

describe("HcpTerraformWorkspaceRoles", () => {
  const json = synth((scope) => {
    const oidc = new HcpTerraformOidc(scope, "Hcp");
    const roles = new HcpTerraformWorkspaceRoles(scope, "TfcProd", {
      oidc,
      organization: "acme",
      project: "shop",
      workspace: "shop-prod",
      name: "shop-tfc-prod",
      environment: "prod",
      managedNamePrefix: "shop-prod",
    });
    new TerraformOutput(scope, "variables", { value: roles.workspaceVariables });
  });

  it("trusts one workspace, one run phase per role, with the aws.workload.identity audience", () => {
    const sub = (name: string) => policyOf(roleNamed(json, name), "assume_role_policy").Statement[0].Condition.StringEquals;
    expect(sub("shop-tfc-prod-plan")).toEqual({
      "app.terraform.io:aud": "aws.workload.identity",
      "app.terraform.io:sub": "organization:acme:project:shop:workspace:shop-prod:run_phase:plan",
    });
    expect(sub("shop-tfc-prod-apply")["app.terraform.io:sub"]).toBe("organization:acme:project:shop:workspace:shop-prod:run_phase:apply");
  });

  it("gets no state bucket access (state stays in HCP Terraform) and names the workspace variables", () => {
    const tfcPlan = inlineStatements(json, "shop-tfc-prod-plan");
    expect(tfcPlan.map((s: any) => s.Sid)).toEqual(["ReadConfiguration", "NoApplicationData", "NoObjectsButState"]);
    expect(tfcPlan[2].Resource).toBe("*");
    const arnOf = (name: string) => roleNameRef(json, name).replace(/\.name\}$/, ".arn}");
    expect(json.output!.variables.value).toEqual({
      TFC_AWS_PROVIDER_AUTH: "true",
      TFC_AWS_PLAN_ROLE_ARN: arnOf("shop-tfc-prod-plan"),
      TFC_AWS_APPLY_ROLE_ARN: arnOf("shop-tfc-prod-apply"),
    });
  });

  it("refuses a workspace name HCP Terraform would not accept", () => {
    const build = (workspace: string) => () =>
      synth(
        (s) =>
          new HcpTerraformWorkspaceRoles(s, "T", {
            oidc: new HcpTerraformOidc(s, "H"),
            organization: "acme",
            project: "Default Project",
            workspace,
            name: "shop-tfc-prod",
            environment: "prod",
            managedNamePrefix: "shop-prod",
          }),
      );
    expect(build("shop prod")).toThrow(/T: workspace must be an HCP Terraform workspace name .*got "shop prod"/);
    expect(build("shop-prod")).not.toThrow();
  });
});

describe("PermissionsBoundaryPolicy", () => {
  it("is named outside the environment's managed prefix and caps roles below IAM", () => {
    expect(permissionsBoundaryName("shop", "prod")).toBe("shop-boundary-prod");
    expect(permissionsBoundaryName("shop", "prod").startsWith("shop-prod-")).toBe(false);
    const json = synth((s) => new PermissionsBoundaryPolicy(s, "Boundary", { name: permissionsBoundaryName("shop", "prod") }));
    const [policy] = Object.values(resources(json, "aws_iam_policy"));
    expect(policy.name).toBe("shop-boundary-prod");
    expect(policyOf(policy).Statement.map((s: any) => [s.Effect, s.NotAction ?? s.Action])).toEqual([
      ["Allow", ["iam:*", "organizations:*", "account:*"]],
      ["Deny", "sts:AssumeRole"],
    ]);
  });

  it("refuses a name IAM would not accept", () => {
    expect(() => synth((s) => new PermissionsBoundaryPolicy(s, "Boundary", { name: "shop boundary" }))).toThrow(
      /Boundary: name must be a valid iamPolicy name.*got "shop boundary"/,
    );
  });
});
