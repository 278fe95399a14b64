import { describe, expect, it } from "vitest";
import { TerraformOutput, TerraformStack, Testing, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ContainerRepository } from "../registry/container-repository";
import { RepositoryRef } from "../core/repository-ref";
import { TEST_NETWORK, findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { AppRunnerService, AppRunnerServiceProps } from "./app-runner-service";
import { APP_RUNNER_INSTANCE_SIZES } from "./instance-size";

const REPOSITORY: RepositoryRef = {
  repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/interviewlm-staging",
  repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/interviewlm-staging",
};
const AUTH_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:interviewlm/auth-AbCdEf";
const DB_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:interviewlm/db-GhIjKl";
const PARAMETER = "arn:aws:ssm:us-east-1:123456789012:parameter/interviewlm/feature-flags";
const BASE: AppRunnerServiceProps = { name: "interviewlm-staging", network: TEST_NETWORK, repository: REPOSITORY, imageTag: "v1.2.3" };

function build(props: Partial<AppRunnerServiceProps> = {}, then?: (svc: AppRunnerService, scope: Construct) => void) {
  return synth((s) => {
    const svc = new AppRunnerService(s, "App", { ...BASE, ...props });
    then?.(svc, s);
  });
}

function expectError(props: Partial<AppRunnerServiceProps>, error: RegExp) {
  expect(() => build(props)).toThrow(error);
}

describe("AppRunnerService", () => {
  it("defaults: 1 vCPU / 2 GB, port 3000, tolerant HTTP health check, VPC egress, public ingress", () => {
    const json = build();
    const svc = resource(json, "aws_apprunner_service");
    expect(svc).toMatchObject({
      service_name: "interviewlm-staging",
      instance_configuration: { cpu: "1024", memory: "2048" },
      health_check_configuration: {
        protocol: "HTTP",
        path: "/api/health",
        interval: 10,
        timeout: 5,
        healthy_threshold: 1,
        unhealthy_threshold: 6,
      },
      network_configuration: {
        ip_address_type: "IPV4",
        egress_configuration: { egress_type: "VPC" },
        ingress_configuration: { is_publicly_accessible: true },
      },
      source_configuration: {
        auto_deployments_enabled: false,
        image_repository: {
          image_identifier: `${REPOSITORY.repositoryUrl}:v1.2.3`,
          image_repository_type: "ECR",
          image_configuration: { port: "3000" },
        },
      },
    });
    // Failures tolerated before "unhealthy" outlast a 20-30 s start.
    const hc = svc.health_check_configuration;
    expect(hc.interval * hc.unhealthy_threshold).toBeGreaterThanOrEqual(60);
    expect(resource(json, "aws_apprunner_auto_scaling_configuration_version")).toMatchObject({
      auto_scaling_configuration_name: "interviewlm-staging-as",
      max_concurrency: 100,
      min_size: 1,
      max_size: 3,
    });
    expect(svc.auto_scaling_configuration_arn).toMatch(/aws_apprunner_auto_scaling_configuration_version\.App_AutoScaling_\w+\.arn/);
    expect(svc.observability_configuration).toBeUndefined();
    expect(resources(json, "aws_apprunner_custom_domain_association")).toEqual({});
  });

  it("pulls from the repository with an access role trusted by build.apprunner.amazonaws.com and scoped to it", () => {
    const json = build();
    const role = findResources(json, "aws_iam_role", (r) => r.name === "interviewlm-staging-apprunner-access")[0];
    expect(policyOf(role, "assume_role_policy").Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "build.apprunner.amazonaws.com" },
        Action: "sts:AssumeRole",
        // Enforced whenever App Runner sends the key; cannot lock the service out if it does not.
        Condition: { StringEqualsIfExists: { "aws:SourceAccount": "${data.aws_caller_identity.AwsContext.account_id}" } },
      },
    ]);
    const policy = policyOf(findResources(json, "aws_iam_role_policy", (p) => p.role.includes("AccessRole"))[0]);
    const scoped = policy.Statement.filter((s: any) => s.Resource !== "*");
    expect(scoped.every((s: any) => s.Resource === REPOSITORY.repositoryArn)).toBe(true);
    expect(scoped.flatMap((s: any) => [s.Action].flat())).toEqual(
      expect.arrayContaining(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]),
    );
    expect(policy.Statement.filter((s: any) => s.Resource === "*").map((s: any) => s.Action)).toEqual(["ecr:GetAuthorizationToken"]);
    const svc = resource(json, "aws_apprunner_service");
    expect(svc.source_configuration.authentication_configuration.access_role_arn).toMatch(/aws_iam_role\.App_AccessRole_\w+\.arn/);
    expect(svc.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_iam_role_policy\.App_AccessRole_Grants/)]));
  });

  it("waits for the instance role's policy, also when its first grant comes after the constructor", () => {
    const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:interviewlm/later-AbCdEf";
    const json = synth((s) => new AppRunnerService(s, "App", BASE).instanceRole.grantReadSecrets([secret]));
    const instancePolicy = Object.keys(resources(json, "aws_iam_role_policy")).find((n) => n.includes("InstanceRole"));
    expect(instancePolicy).toBeDefined();
    expect(resource(json, "aws_apprunner_service").depends_on).toEqual(expect.arrayContaining([`aws_iam_role_policy.${instancePolicy}`]));
  });

  it("works with a ContainerRepository construct", () => {
    const json = synth((s) => {
      const repo = new ContainerRepository(s, "Repo", { name: "interviewlm-staging" });
      new AppRunnerService(s, "App", { ...BASE, repository: repo });
    });
    expect(resource(json, "aws_apprunner_service").source_configuration.image_repository.image_identifier).toMatch(
      /^\$\{aws_ecr_repository\.Repo_Repository_\w+\.repository_url\}:v1\.2\.3$/,
    );
  });

  it("runs a public image without an access role", () => {
    const json = build({
      repository: undefined,
      imageTag: undefined,
      imageIdentifier: "public.ecr.aws/aws-containers/hello-app-runner:latest",
    });
    const svc = resource(json, "aws_apprunner_service");
    expect(svc.source_configuration.image_repository).toMatchObject({
      image_identifier: "public.ecr.aws/aws-containers/hello-app-runner:latest",
      image_repository_type: "ECR_PUBLIC",
    });
    expect(svc.source_configuration.authentication_configuration).toBeUndefined();
    expect(findResources(json, "aws_iam_role", (r) => r.name.endsWith("-apprunner-access"))).toHaveLength(0);
  });

  it("seed 003 staging: 1 vCPU / 2 GB, concurrency 100, 1-3 instances", () => {
    const json = build({ cpu: 1, memoryGiB: 2, maxConcurrency: 100, minSize: 1, maxSize: 3 });
    expect(resource(json, "aws_apprunner_service").instance_configuration).toMatchObject({ cpu: "1024", memory: "2048" });
    expect(resource(json, "aws_apprunner_auto_scaling_configuration_version")).toMatchObject({
      max_concurrency: 100,
      min_size: 1,
      max_size: 3,
    });
  });

  it("renders other sizes in App Runner's canonical units", () => {
    const json = build({ cpu: 0.25, memoryGiB: 0.5 });
    expect(resource(json, "aws_apprunner_service").instance_configuration).toMatchObject({ cpu: "256", memory: "512" });
  });

  it.each([...APP_RUNNER_INSTANCE_SIZES].flatMap(([cpu, memories]) => memories.map((memoryGiB) => [cpu, memoryGiB])))(
    "accepts every pair App Runner offers: %s vCPU / %s GB",
    (cpu, memoryGiB) => {
      const json = build({ cpu, memoryGiB });
      expect(resource(json, "aws_apprunner_service").instance_configuration).toMatchObject({
        cpu: String(cpu * 1024),
        memory: String(memoryGiB * 1024),
      });
    },
  );

  it("applies a configured health check", () => {
    const json = build({
      healthCheckPath: "/healthz",
      healthCheckIntervalSeconds: 20,
      healthCheckTimeoutSeconds: 10,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
    });
    expect(resource(json, "aws_apprunner_service").health_check_configuration).toEqual({
      protocol: "HTTP",
      path: "/healthz",
      interval: 20,
      timeout: 10,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
  });

  it("exposes the service URL (https://) and ARN", () => {
    const json = synth((s) => {
      const svc = new AppRunnerService(s, "App", BASE);
      new TerraformOutput(s, "url", { value: svc.serviceUrl });
      new TerraformOutput(s, "arn", { value: svc.serviceArn });
    });
    const id = Object.keys(resources(json, "aws_apprunner_service"))[0];
    expect(json.output?.url.value).toBe(`https://\${aws_apprunner_service.${id}.service_url}`);
    expect(json.output?.arn.value).toBe(`\${aws_apprunner_service.${id}.arn}`);
  });

  it("encrypts the stored source with a customer-managed key when given", () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    expect(resource(build({ kmsKeyArn: key }), "aws_apprunner_service").encryption_configuration).toEqual({ kms_key: key });
    expect(resource(build(), "aws_apprunner_service").encryption_configuration).toBeUndefined();
  });

  it("creates the number of validation records asked for", () => {
    const json = build({ domain: { name: "staging.example.com", hostedZoneId: "Z0123456789ABC", validationRecordCount: 4 } });
    expect(Object.values(resources(json, "aws_route53_record")).filter((r) => r.allow_overwrite)).toHaveLength(4);
  });

  it("uses an instance role trusted by tasks.apprunner.amazonaws.com that reads exactly the referenced secrets", () => {
    const json = build({
      secrets: {
        AUTH_SECRET,
        DB_CREDENTIALS: { arn: DB_SECRET },
        FEATURE_FLAGS: PARAMETER,
      },
    });
    const svc = resource(json, "aws_apprunner_service");
    expect(svc.source_configuration.image_repository.image_configuration.runtime_environment_secrets).toEqual({
      AUTH_SECRET,
      DB_CREDENTIALS: DB_SECRET,
      FEATURE_FLAGS: PARAMETER,
    });
    const role = findResources(json, "aws_iam_role", (r) => r.name === "interviewlm-staging-apprunner-instance")[0];
    expect(policyOf(role, "assume_role_policy").Statement[0].Principal).toEqual({ Service: "tasks.apprunner.amazonaws.com" });
    expect(svc.instance_configuration.instance_role_arn).toMatch(/aws_iam_role\.App_InstanceRole_\w+\.arn/);
    const policy = policyOf(findResources(json, "aws_iam_role_policy", (p) => p.role.includes("InstanceRole"))[0]);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Sid: "ReadSecrets", Resource: [AUTH_SECRET, DB_SECRET] }),
      expect.objectContaining({ Sid: "ReadParameters", Resource: PARAMETER }),
    ]);
  });

  it("exposes the instance role's grant methods", () => {
    const json = build({}, (svc) => svc.instanceRole.grantInvokeBedrock({ foundationModelIds: ["amazon.nova-lite-v1:0"] }));
    const policy = policyOf(findResources(json, "aws_iam_role_policy", (p) => p.role.includes("InstanceRole"))[0]);
    expect(policy.Statement[0]).toMatchObject({
      Sid: "InvokeBedrock",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    });
  });

  it("renders environment variables sorted by name", () => {
    const json = build({ environment: { NODE_ENV: "production", AUTH_URL: "https://staging.example.com", AUTH_TRUST_HOST: "true" } });
    const vars = resource(json, "aws_apprunner_service").source_configuration.image_repository.image_configuration
      .runtime_environment_variables;
    expect(Object.keys(vars)).toEqual(["AUTH_TRUST_HOST", "AUTH_URL", "NODE_ENV"]);
  });

  it("puts the VPC connector in the private subnets with its own egress-only security group", () => {
    const json = build();
    const connector = resource(json, "aws_apprunner_vpc_connector");
    expect(connector.subnets).toEqual([...TEST_NETWORK.privateSubnetIds]);
    expect(connector.security_groups).toEqual([expect.stringMatching(/aws_security_group\.App_ConnectorSecurityGroup_\w+\.id/)]);
    expect(resource(json, "aws_security_group")).toMatchObject({ vpc_id: TEST_NETWORK.vpcId });
    expect(resource(json, "aws_security_group").ingress).toBeUndefined();
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual({});
    expect(resource(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
    expect(resource(json, "aws_apprunner_service").network_configuration.egress_configuration.vpc_connector_arn).toMatch(
      /aws_apprunner_vpc_connector\.App_VpcConnector_\w+\.arn/,
    );
  });

  it("connectToDatabase admits the connector's group on the database group, and lets the connector out", () => {
    const json = build({}, (svc) => svc.connectToDatabase({ securityGroupId: "sg-0db0000000000000a", port: 5432, address: "db.internal" }));
    const ingress = resource(json, "aws_vpc_security_group_ingress_rule");
    expect(ingress).toMatchObject({ security_group_id: "sg-0db0000000000000a", ip_protocol: "tcp", from_port: 5432, to_port: 5432 });
    expect(ingress.referenced_security_group_id).toMatch(/aws_security_group\.App_ConnectorSecurityGroup_\w+\.id/);
    const egress = findResources(
      json,
      "aws_vpc_security_group_egress_rule",
      (r) => r.referenced_security_group_id === "sg-0db0000000000000a",
    );
    expect(egress).toHaveLength(1);
    expect(egress[0]).toMatchObject({ from_port: 5432, to_port: 5432 });
    expect(egress[0].security_group_id).toBe(ingress.referenced_security_group_id);
  });

  it("connects to two databases with distinct rules", () => {
    const json = build({}, (svc) => {
      svc.connectToDatabase({ securityGroupId: "sg-0aaaaaaa", port: 5432, address: "a" });
      svc.connectToDatabase({ securityGroupId: "sg-0bbbbbbb", port: 6379, address: "b" });
    });
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).map((r: any) => [
      r.security_group_id,
      r.from_port,
      r.to_port,
    ]);
    expect(ingress).toEqual([
      ["sg-0aaaaaaa", 5432, 5432],
      ["sg-0bbbbbbb", 6379, 6379],
    ]);
    const egress = Object.values(resources(json, "aws_vpc_security_group_egress_rule"))
      .filter((r: any) => r.referenced_security_group_id?.startsWith("sg-0"))
      .map((r: any) => [r.referenced_security_group_id, r.from_port]);
    expect(egress).toEqual([
      ["sg-0aaaaaaa", 5432],
      ["sg-0bbbbbbb", 6379],
    ]);
  });

  it("associates a custom domain with fixed-count validation records and a CNAME to the service", () => {
    const json = build({ domain: { name: "staging.example.com", hostedZoneId: "Z0123456789ABC" } });
    expect(resource(json, "aws_apprunner_custom_domain_association")).toMatchObject({
      domain_name: "staging.example.com",
      enable_www_subdomain: false,
    });
    const records = Object.values(resources(json, "aws_route53_record"));
    const validation = records.filter((r) => r.allow_overwrite);
    expect(validation).toHaveLength(2);
    validation.forEach((r, i) => {
      expect(r.name).toMatch(
        new RegExp(
          `^\\$\\{element\\(tolist\\(aws_apprunner_custom_domain_association\\.\\w+\\.certificate_validation_records\\), ${i}\\)\\.name\\}$`,
        ),
      );
      expect(r).toMatchObject({ zone_id: "Z0123456789ABC", ttl: 300 });
    });
    const cname = records.find((r) => r.name === "staging.example.com");
    expect(cname).toMatchObject({ type: "CNAME", zone_id: "Z0123456789ABC" });
    expect(cname.records).toEqual([expect.stringMatching(/aws_apprunner_custom_domain_association\.\w+\.dns_target/)]);
  });

  it("adds a www record and a third validation record with enableWwwSubdomain", () => {
    const json = build({ domain: { name: "staging.example.com", hostedZoneId: "Z0123456789ABC", enableWwwSubdomain: true } });
    const records = Object.values(resources(json, "aws_route53_record"));
    expect(records.filter((r) => r.allow_overwrite)).toHaveLength(3);
    expect(records.map((r) => r.name)).toContain("www.staging.example.com");
  });

  it("enables X-Ray tracing with an observability configuration and trace-writing rights", () => {
    const json = build({ tracing: true });
    expect(resource(json, "aws_apprunner_observability_configuration")).toMatchObject({
      observability_configuration_name: "interviewlm-staging-xray",
      trace_configuration: { vendor: "AWSXRAY" },
    });
    expect(resource(json, "aws_apprunner_service").observability_configuration).toMatchObject({ observability_enabled: true });
    const policy = policyOf(findResources(json, "aws_iam_role_policy", (p) => p.role.includes("InstanceRole"))[0]);
    expect(policy.Statement[0].Action).toContain("xray:PutTraceSegments");
  });

  it("enables auto deployments, pipeline-owned images and all outbound traffic when asked", () => {
    const json = build({ autoDeployments: true, imageManagedByPipeline: true, allowAllOutbound: true });
    const svc = resource(json, "aws_apprunner_service");
    expect(svc.source_configuration.auto_deployments_enabled).toBe(true);
    expect(svc.lifecycle).toEqual({ ignore_changes: ["source_configuration[0].image_repository[0].image_identifier"] });
    expect(resource(json, "aws_vpc_security_group_egress_rule")).toMatchObject({ ip_protocol: "-1" });
  });

  describe("bad input", () => {
    it.each([
      [{ cpu: 1, memoryGiB: 8 }, /App: memoryGiB must be one of 2, 3, 4 GB for cpu 1 vCPU .*got 8/],
      [{ cpu: 0.5, memoryGiB: 2 }, /App: memoryGiB must be one of 1 GB for cpu 0.5 vCPU .*got 2/],
      [{ cpu: 3, memoryGiB: 6 }, /App: cpu must be one of 0.25, 0.5, 1, 2, 4, got 3/],
    ])("refuses the cpu/memory pair %j", (props, error) => expectError(props, error));

    it.each([0, 201, 1.5])("refuses maxConcurrency %s", (maxConcurrency) =>
      expectError({ maxConcurrency }, new RegExp(`App: maxConcurrency must be an integer from 1 to 200, got ${maxConcurrency}`)),
    );

    it("refuses minSize above maxSize", () => expectError({ minSize: 4, maxSize: 3 }, /App: minSize must not exceed maxSize \(3\), got 4/));

    it("refuses maxSize above 25", () => expectError({ maxSize: 26 }, /App: maxSize must be an integer from 1 to 25, got 26/));

    it.each([0, 26])("refuses minSize %s (1-25)", (minSize) =>
      expectError({ minSize, maxSize: 25 }, new RegExp(`App: minSize must be an integer from 1 to 25, got ${minSize}`)),
    );

    it("refuses a cpu or memory given as a reference (converted to other units at synth)", () => {
      expectError({ cpu: Token.asNumber("${var.cpu}") }, /App: cpu must be a literal number of vCPUs .*not a reference/);
      expectError({ memoryGiB: Token.asNumber("${var.memory}") }, /App: memoryGiB must be a literal number of GB .*not a reference/);
    });

    it.each([
      ["healthCheckIntervalSeconds", 0],
      ["healthCheckIntervalSeconds", 21],
      ["healthCheckTimeoutSeconds", 21],
      ["healthyThreshold", 0],
      ["unhealthyThreshold", 25],
    ])("refuses %s = %s (1-20)", (prop, value) =>
      expectError({ [prop]: value }, new RegExp(`App: ${prop} must be an integer from 1 to 20, got ${value}`)),
    );

    it("refuses a health-check path without a leading /, or with a space", () => {
      expectError({ healthCheckPath: "api/health" }, /App: healthCheckPath must start with \/.*got "api\/health"/);
      expectError(
        { healthCheckPath: "/api/health check" },
        /App: healthCheckPath must start with \/ and contain no spaces, got "\/api\/health check"/,
      );
    });

    it("refuses environment variables starting with AWSAPPRUNNER", () =>
      expectError(
        { environment: { AWSAPPRUNNER_MODE: "x" } },
        /App: environment.AWSAPPRUNNER_MODE must not start with the reserved prefix AWSAPPRUNNER/,
      ));

    it("refuses secrets named with the reserved prefix", () =>
      expectError(
        { secrets: { AwsAppRunner_Token: AUTH_SECRET } },
        /App: secrets.AwsAppRunner_Token must not start with the reserved prefix AWSAPPRUNNER/,
      ));

    it("refuses a name used both as variable and secret", () =>
      expectError(
        { environment: { AUTH_URL: "https://x.example.com" }, secrets: { AUTH_URL: AUTH_SECRET } },
        /App: environment.AUTH_URL is also given as a secret/,
      ));

    it("refuses a secret that is not a Secrets Manager or SSM ARN", () =>
      expectError(
        { secrets: { AUTH_SECRET: "interviewlm/auth" } },
        /App: secrets.AUTH_SECRET must be the ARN of a Secrets Manager secret .* or SSM parameter .*, not a name: IAM grants need ARNs, got "interviewlm\/auth"/,
      ));

    it("refuses a connector without subnets", () =>
      expectError(
        { network: { ...TEST_NETWORK, privateSubnetIds: [] } },
        /App: network.privateSubnetIds must list at least one private subnet for the VPC connector, got \[\]/,
      ));

    it("refuses a repository without an image tag", () =>
      expectError({ imageTag: undefined }, /App: imageTag is required with repository/));

    it("refuses both image sources, and neither", () => {
      expectError({ imageIdentifier: "public.ecr.aws/a/b:1" }, /App: imageIdentifier must not be given together with repository/);
      expectError({ repository: undefined, imageTag: undefined }, /App: repository or imageIdentifier is required/);
    });

    it("refuses an image App Runner cannot pull, and auto deployments of a public image", () => {
      const publicImage = { repository: undefined, imageTag: undefined };
      expectError(
        { ...publicImage, imageIdentifier: "nginx:latest" },
        /App: imageIdentifier must be an ECR Public image.*got "nginx:latest"/,
      );
      expectError(
        { ...publicImage, imageIdentifier: "public.ecr.aws/a/b:1", autoDeployments: true },
        /App: autoDeployments must be false for an ECR Public image/,
      );
    });

    it("refuses names App Runner would reject", () => {
      expectError({ name: "abc" }, /App: name must be a valid appRunner name/);
      expectError({ name: "interviewlm-staging-long-name-x" }, /App: name must be 1-32 characters for a appRunnerConfig name \(is 34\)/);
    });

    it("refuses a JSON-key secret reference, which App Runner does not support", () =>
      expectError(
        { secrets: { DB_PASSWORD: { arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", jsonKey: "password" } } },
        /App: secrets.DB_PASSWORD must reference a whole secret: App Runner cannot select a JSON key.*"password"/,
      ));

    it("refuses a port outside 1-65535", () => expectError({ port: 70000 }, /App: port must be an integer from 1 to 65535, got 70000/));

    it("refuses a custom domain that is not a DNS name", () =>
      expectError(
        { domain: { name: "Staging.Example.com.", hostedZoneId: "Z1" } },
        /App\/CustomDomain: domain.name must be a lower-case DNS name/,
      ));

    it("refuses a zone apex as custom domain (it would get a CNAME)", () =>
      expectError(
        { domain: { name: "example.com", hostedZoneId: "Z1" } },
        /App\/CustomDomain: domain.name must be a sub-domain such as staging.example.com: .*CNAME.*zone apex, got "example.com"/,
      ));

    it.each([0, 11])("refuses validationRecordCount %s (1-10)", (validationRecordCount) =>
      expectError(
        { domain: { name: "staging.example.com", hostedZoneId: "Z1", validationRecordCount } },
        new RegExp(`App/CustomDomain: domain.validationRecordCount must be an integer from 1 to 10, got ${validationRecordCount}`),
      ),
    );

    it("refuses an image tag Docker would reject", () =>
      expectError(
        { imageTag: "-latest" },
        /App: imageTag must be a Docker tag: 1-128 letters, digits, _ . -, not starting with . or -, got "-latest"/,
      ));

    it("refuses an encryption key that is not a KMS ARN", () =>
      expectError(
        { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/apprunner" },
        /App: kmsKeyArn must be a KMS key ARN .*not an alias: App Runner's encryption configuration takes key ARNs only, got "arn:aws:kms:us-east-1:123456789012:alias\/apprunner"/,
      ));

    it("refuses a stack region App Runner is not offered in, and accepts one it is", () => {
      const inRegion = (region: string) => () => {
        const stack = new TerraformStack(Testing.app(), "apprunner");
        new AwsProvider(stack, "aws", { region });
        new AppRunnerService(stack, "App", {
          ...BASE,
          repository: undefined,
          imageTag: undefined,
          imageIdentifier: "public.ecr.aws/nginx/nginx:latest",
        });
      };
      expect(inRegion("sa-east-1")).toThrow(
        /^apprunner\/App: region \(of the stack's AWS provider\) must be a region where App Runner is offered: us-east-1, .*eu-west-3 \(as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/apprunner\.html\), got "sa-east-1"$/,
      );
      expect(inRegion("eu-west-1")).not.toThrow();
    });

    it("refuses an SSM parameter of another account than the one the provider pins, and takes the stack's own or a cross-account secret", () => {
      const withSecret = (arn: string) => () => {
        const stack = new TerraformStack(Testing.app(), "apprunner");
        new AwsProvider(stack, "aws", { region: "us-east-1", allowedAccountIds: ["123456789012"] });
        new AppRunnerService(stack, "App", {
          ...BASE,
          repository: undefined,
          imageTag: undefined,
          imageIdentifier: "public.ecr.aws/nginx/nginx:latest",
          secrets: { FLAGS: arn },
        });
      };
      expect(withSecret("arn:aws:ssm:us-east-1:210987654321:parameter/shared/flags")).toThrow(
        /^apprunner\/App: secrets\.FLAGS must be an SSM parameter of the stack's account 123456789012: App Runner cannot read parameters of another account .*got "arn:aws:ssm:us-east-1:210987654321:parameter\/shared\/flags"$/,
      );
      expect(withSecret("arn:aws:ssm:us-east-1:123456789012:parameter/shop/flags")).not.toThrow();
      expect(withSecret("arn:aws:secretsmanager:us-east-1:210987654321:secret:shared/flags-AbCdEf")).not.toThrow();
    });

    it("refuses an encryption key of another region than the stack's", () =>
      expectError(
        { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" },
        /App: kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and App Runner uses keys of its own region only\), not in eu-west-1/,
      ));
  });
});
