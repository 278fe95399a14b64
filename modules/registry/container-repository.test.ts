import { describe, expect, it } from "vitest";
import { TerraformOutput, Token } from "cdktf";
import { WorkloadRole } from "../core/workload-role";
import { policyOf, resource, resources, synth } from "../internal/testing";
import { ContainerRepository } from "./container-repository";

const KMS = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

describe("ContainerRepository", () => {
  it("defaults to scan on push, immutable tags, AES256, no force delete", () => {
    const json = synth((s) => new ContainerRepository(s, "Repo", { name: "interviewlm-staging" }));
    expect(resource(json, "aws_ecr_repository")).toMatchObject({
      name: "interviewlm-staging",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "AES256" }],
      force_delete: false,
    });
    expect(resource(json, "aws_ecr_repository").lifecycle).toBeUndefined();
  });

  it("expires untagged images first, then keeps the 10 most recent", () => {
    const json = synth((s) => new ContainerRepository(s, "Repo", { name: "app" }));
    const policy = JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy);
    expect(policy.rules).toEqual([
      expect.objectContaining({
        rulePriority: 1,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
        action: { type: "expire" },
      }),
      expect.objectContaining({
        rulePriority: 2,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 },
        action: { type: "expire" },
      }),
    ]);
  });

  it("uses a customer-managed KMS key, force delete and prevent destroy when asked", () => {
    const json = synth(
      (s) =>
        new ContainerRepository(s, "Repo", { name: "app", kmsKeyArn: KMS, forceDelete: true, preventDestroy: true, maxImageCount: 20 }),
    );
    const repo = resource(json, "aws_ecr_repository");
    expect(repo.encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: KMS }]);
    expect(repo.force_delete).toBe(true);
    expect(repo.lifecycle).toEqual({ prevent_destroy: true });
    expect(JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy).rules[1].selection.countNumber).toBe(20);
  });

  it("grants pull on the repository ARN and the token on *", () => {
    const json = synth((s) => {
      const repo = new ContainerRepository(s, "Repo", { name: "app" });
      const role = new WorkloadRole(s, "Role", { name: "app-role", assumedBy: "ecs-tasks.amazonaws.com" });
      repo.grantPull(role);
    });
    const policy = policyOf(resource(json, "aws_iam_role_policy"));
    expect(policy.Statement).toEqual([
      {
        Sid: "EcrPull",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        Resource: expect.stringMatching(/^\$\{aws_ecr_repository\.Repo_Repository_[0-9A-F]+\.arn\}$/),
      },
      { Sid: "EcrAuthorizationToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    ]);
  });

  it("grants push to a role read from elsewhere through its own inline policy", () => {
    const json = synth((s) => {
      const repo = new ContainerRepository(s, "Repo", { name: "app" });
      repo.grantPush({ roleName: "ci-deployer", roleArn: "arn:aws:iam::123456789012:role/ci-deployer" });
      repo.grantPull({ roleName: "ci-deployer", roleArn: "arn:aws:iam::123456789012:role/ci-deployer" });
    });
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    expect(policies).toHaveLength(2);
    expect(policies[0].role).toBe("ci-deployer");
    const push = policyOf(policies.find((p) => policyOf(p).Statement[0].Sid === "EcrPush"));
    expect(push.Statement[0].Action).toEqual([
      "ecr:BatchCheckLayerAvailability",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
    ]);
    expect(push.Statement.flatMap((st: any) => [st.Action].flat())).not.toContain("*");
  });

  it.each(["interviewlm/staging/app", "ab", "a.b_c-d/e1", "x".repeat(256)])("accepts the repository name %s", (name) => {
    expect(
      resource(
        synth((s) => new ContainerRepository(s, "Repo", { name })),
        "aws_ecr_repository",
      ).name,
    ).toBe(name);
  });

  it("never count-expires a kept tag: one rule per pattern ahead of the untagged and count rules", () => {
    const json = synth((s) => new ContainerRepository(s, "Repo", { name: "app", keepTagPatterns: ["git-abc1234", "release-*"] }));
    const rules = JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy).rules;
    expect(rules.map((r: any) => [r.rulePriority, r.selection.tagStatus])).toEqual([
      [1, "tagged"],
      [2, "tagged"],
      [3, "untagged"],
      [4, "any"],
    ]);
    expect(rules[0].selection).toEqual({
      tagStatus: "tagged",
      tagPatternList: ["git-abc1234"],
      countType: "imageCountMoreThan",
      countNumber: 10000,
    });
    expect(rules[1].selection.tagPatternList).toEqual(["release-*"]);
    expect(rules[3].selection).toEqual({ tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 });
  });

  it.each([
    ["a tag ECR cannot have", "v1/2", /keepTagPatterns\[0\] must be an image tag or a pattern .*got "v1\/2"/],
    [
      "more than 4 wildcards",
      "*a*b*c*d*",
      /keepTagPatterns\[0\] must have at most 4 wildcards \(ECR tagPatternList\), got "\*a\*b\*c\*d\*"/,
    ],
  ])("fails on %s in keepTagPatterns", (_, pattern, error) => {
    expect(() => synth((s) => new ContainerRepository(s, "Repo", { name: "app", keepTagPatterns: [pattern] }))).toThrow(error);
  });

  it("applies untaggedImageExpiryDays to the untagged rule", () => {
    const json = synth((s) => new ContainerRepository(s, "Repo", { name: "app", untaggedImageExpiryDays: 14 }));
    expect(JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy).rules[0].selection.countNumber).toBe(14);
  });

  it("wires the lifecycle policy to the repository and exposes its URL and ARN", () => {
    const json = synth((s) => {
      const repo = new ContainerRepository(s, "Repo", { name: "app" });
      // Outputs only to see how the attributes resolve (modules never create outputs).
      new TerraformOutput(s, "url", { value: repo.repositoryUrl });
      new TerraformOutput(s, "arn", { value: repo.repositoryArn });
    });
    const id = Object.keys(resources(json, "aws_ecr_repository"))[0];
    expect(resource(json, "aws_ecr_lifecycle_policy").repository).toBe(`\${aws_ecr_repository.${id}.name}`);
    expect(json.output?.url.value).toBe(`\${aws_ecr_repository.${id}.repository_url}`);
    expect(json.output?.arn.value).toBe(`\${aws_ecr_repository.${id}.arn}`);
  });

  it.each([
    ["Interviewlm", /Repo: name must be a valid ecrRepository name.*got "Interviewlm"/],
    ["app/", /Repo: name must be a valid ecrRepository name.*got "app\/"/],
    ["/app", /Repo: name must be a valid ecrRepository name/],
    ["app--web", /Repo: name must be a valid ecrRepository name.*got "app--web"/],
    ["app//web", /Repo: name must be a valid ecrRepository name/],
    ["a", /Repo: name must be 2-256 characters for an ECR repository \(is 1\), got "a"/],
    ["x".repeat(257), /Repo: name must be 2-256 characters for an ECR repository \(is 257\)/],
  ])("rejects the repository name %s", (name, error) => {
    expect(() => synth((s) => new ContainerRepository(s, "Repo", { name }))).toThrow(error);
  });

  it("rejects a key of another region than the stack's (ECR uses keys of its own region)", () => {
    expect(() =>
      synth((s) => new ContainerRepository(s, "Repo", { name: "app", kmsKeyArn: KMS.replace("us-east-1", "eu-west-1") })),
    ).toThrow(
      /Repo: kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and ECR uses keys of its own region only\), not in eu-west-1/,
    );
  });

  it("rejects a key that is not a KMS ARN", () => {
    expect(() => synth((s) => new ContainerRepository(s, "Repo", { name: "app", kmsKeyArn: "alias/ecr" }))).toThrow(
      /Repo: kmsKeyArn must be an ARN of kms.*got "alias\/ecr"/,
    );
  });

  it.each([
    [{ maxImageCount: 0 }, /Repo: maxImageCount must be an integer from 1 to 10000, got 0/],
    [{ maxImageCount: 10001 }, /Repo: maxImageCount must be an integer from 1 to 10000, got 10001/],
    [{ untaggedImageExpiryDays: 0 }, /Repo: untaggedImageExpiryDays must be an integer from 1 to 3650, got 0/],
    [{ untaggedImageExpiryDays: 1.5 }, /Repo: untaggedImageExpiryDays must be an integer from 1 to 3650, got 1.5/],
    [{ maxImageCount: Token.asNumber("${var.keep}") }, /Repo: maxImageCount must be a literal number .*not a reference/],
  ])("rejects lifecycle values %j", (props, error) => {
    expect(() => synth((s) => new ContainerRepository(s, "Repo", { name: "app", ...props }))).toThrow(error);
  });
});
