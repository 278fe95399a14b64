import { Lazy, dependable } from "cdktf";
import { ApprunnerAutoScalingConfigurationVersion } from "@cdktf/provider-aws/lib/apprunner-auto-scaling-configuration-version";
import { ApprunnerObservabilityConfiguration } from "@cdktf/provider-aws/lib/apprunner-observability-configuration";
import { ApprunnerService, ApprunnerServiceHealthCheckConfiguration } from "@cdktf/provider-aws/lib/apprunner-service";
import { ApprunnerVpcConnector } from "@cdktf/provider-aws/lib/apprunner-vpc-connector";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { CdnAppOrigin } from "../core/load-balancer-origin";
import { DashboardSources, OperatorOutput, WebCompute } from "../core/web-compute";
import { Connections, connectable } from "../core/connections";
import { DatabaseRef } from "../core/database-ref";
import { WorkloadRole } from "../core/workload-role";
import { renderEnvironment } from "../internal/environment-variables";
import { physicalName } from "../internal/naming";
import { checkIntegerRange, checkKmsKeyArn, checkMinMax, checkPattern, checkPort, checkTags, fail, isToken } from "../internal/validate";
import { checkKmsKeyInStackRegion, checkRegionOffers } from "../internal/region-checks";
import { APP_RUNNER_REGIONS } from "../internal/aws-facts";
import { providerAccountId, providerRegion } from "../internal/aws-context";
import { NetworkRef } from "../core/network-ref";
import { RepositoryRef } from "../core/repository-ref";
import { repositoryPullStatements } from "../core/repository-statements";
import { SecretRef, checkSecretRef, secretKind, secretResourceArn, secretValueFrom } from "../core/secret-ref";
import { AppRunnerCustomDomain } from "./custom-domain";
import { InstanceSize, instanceSize } from "./instance-size";

/** A custom domain served by the service, validated and routed in Route 53. */
export interface AppRunnerDomain {
  /** The domain, e.g. `staging.example.com`. A sub-domain: the record is a CNAME (`example.com` is refused). */
  readonly name: string;
  /** The Route 53 hosted zone that holds it. */
  readonly hostedZoneId: string;
  /**
   * Also serve `www.<name>`.
   * @default false
   */
  readonly enableWwwSubdomain?: boolean;
  /**
   * Number of certificate validation records (see the README).
   * @default 2, or 3 with enableWwwSubdomain
   */
  readonly validationRecordCount?: number;
}

/** Props for {@link AppRunnerService}. */
export interface AppRunnerServiceProps {
  /**
   * Base of every physical name, `<project>-<environment>` (e.g. `shop-staging`). The
   * service is named `<name>`; the auto scaling and observability configurations
   * `<name>-as`/`<name>-xray` (App Runner allows 32 characters for those).
   */
  readonly name: string;
  /**
   * Where the VPC connector lives: its private subnets (at least one) and VPC. App Runner does not
   * support every Availability Zone (e.g. use1-az3): subnets in one it does not support fail at apply.
   */
  readonly network: NetworkRef;
  /**
   * Private ECR repository of the image; an access role trusted by `build.apprunner.amazonaws.com`
   * gets pull rights on exactly this repository. Give this or `imageIdentifier`.
   * @default - none; `imageIdentifier` is used
   */
  readonly repository?: RepositoryRef;
  /**
   * Tag of the image in `repository` (a git SHA or version: the library's repositories are immutable).
   * Required with `repository`.
   * @default - none
   */
  readonly imageTag?: string;
  /**
   * A public ECR image (`public.ecr.aws/...`), used when there is no `repository`.
   * App Runner pulls only from ECR and ECR Public.
   * @default - none; `repository` is used
   */
  readonly imageIdentifier?: string;
  /**
   * Port the container listens on.
   * @default 3000
   */
  readonly port?: number;
  /**
   * vCPUs per instance: 0.25, 0.5, 1, 2 or 4 (a literal number, not a reference).
   * @default 1
   */
  readonly cpu?: number;
  /**
   * Memory per instance, GB; must pair with `cpu` (0.25: 0.5/1; 0.5: 1; 1: 2/3/4; 2: 4/6; 4: 8/10/12).
   * @default 2
   */
  readonly memoryGiB?: number;
  /**
   * Concurrent requests per instance before App Runner scales out (1-200).
   * @default 100
   */
  readonly maxConcurrency?: number;
  /**
   * Instances always provisioned (1-25).
   * @default 1
   */
  readonly minSize?: number;
  /**
   * Instances at most (1-25).
   * @default 3
   */
  readonly maxSize?: number;
  /**
   * HTTP health-check path, starting with `/`.
   * @default "/api/health"
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between health checks (1-20).
   * @default 10
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Seconds to wait for a health-check response (1-20).
   * @default 5
   */
  readonly healthCheckTimeoutSeconds?: number;
  /**
   * Consecutive successes before an instance is healthy (1-20).
   * @default 1
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before an instance is unhealthy (1-20). With the default interval this
   * allows about 60 s, twice the 20-30 s a Next.js app needs to start.
   * @default 6
   */
  readonly unhealthyThreshold?: number;
  /**
   * Plain environment variables, rendered sorted by name. Names starting with `AWSAPPRUNNER`
   * are reserved; variables the library's secret heuristic flags ({@link looksLikeSecret}:
   * credential names such as `DB_PASSWORD`, credential-shaped values) are refused (use `secrets`).
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Variables injected from Secrets Manager or SSM Parameter Store: whole-secret or parameter ARNs
   * (`{ arn }` works too; a `jsonKey` is refused, App Runner cannot select one). Names follow the
   * `environment` rules. The instance role may read exactly these ARNs.
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, SecretRef>>;
  /**
   * Let the connector's security group send any traffic anywhere, not only HTTPS.
   * Database access is opened separately with {@link AppRunnerService.connectToDatabase}.
   * @default false - HTTPS (443) to anywhere only
   */
  readonly allowAllOutbound?: boolean;
  /**
   * Custom domain with Route 53 validation records and a CNAME to the service.
   * @default - only the `*.awsapprunner.com` URL
   */
  readonly domain?: AppRunnerDomain;
  /**
   * Send traces to AWS X-Ray (observability configuration; the instance role may write traces).
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * Redeploy when a new image is pushed to the watched tag (private ECR only). With immutable
   * repositories a tag never changes, so pipelines usually deploy by changing `imageTag` or
   * calling `aws apprunner start-deployment` instead.
   * @default false
   */
  readonly autoDeployments?: boolean;
  /**
   * Leave the image identifier to a pipeline after creation (Terraform ignores changes to it):
   * Terraform owns the configuration, CI owns the image.
   * @default false
   */
  readonly imageManagedByPipeline?: boolean;
  /**
   * Customer-managed KMS key for the service's stored copy of the source.
   * @default - an AWS-owned key
   */
  readonly kmsKeyArn?: string;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

const RESERVED_PREFIXES = ["AWSAPPRUNNER"];
/**
 * App Runner sets `PORT` to the image configuration's port and refuses a runtime variable of that
 * name; the service's `port` prop is how to change it (App Runner Developer Guide, "Referencing
 * environment variables" and ImageConfiguration.Port, https://docs.aws.amazon.com/apprunner/latest/api/API_ImageConfiguration.html).
 */
const RESERVED_NAMES = ["PORT"];
const RESERVED_WHY = "App Runner sets it to the service's port; set the `port` prop instead";
const PUBLIC_ECR = /^public\.ecr\.aws\/[a-z0-9._/-]+(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})?$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** X-Ray has no resource-level permissions for writing traces. */
const XRAY_WRITE_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:GetSamplingStatisticSummaries",
];

/**
 * A web service on AWS App Runner: an image from a private ECR repository (pulled with a
 * scoped access role) or ECR Public, an instance role with grant methods, validated instance
 * size, an auto scaling configuration, an HTTP health check tolerant of a slow start, sorted
 * environment variables and runtime secrets, VPC egress through a connector with its own
 * security group, public ingress, and optionally a custom domain and X-Ray tracing.
 */
export class AppRunnerService extends Construct implements WebCompute {
  /** The service. */
  public readonly service: ApprunnerService;
  /** `https://<id>.<region>.awsapprunner.com`. */
  public readonly serviceUrl: string;
  /** Service ARN. */
  public readonly serviceArn: string;
  /** Role App Runner uses to pull from ECR (only with `repository`). */
  public readonly accessRole?: WorkloadRole;
  /** Role the application runs as; grant it access with its `grant*` methods. */
  public readonly instanceRole: WorkloadRole;
  /** VPC connector through which all outbound traffic leaves. */
  public readonly vpcConnector: ApprunnerVpcConnector;
  /** The connector's security group (egress only). */
  public readonly connectorSecurityGroup: SecurityGroup;
  /** Network paths of the VPC connector: `app.connections.allowTo(database)`. */
  public readonly connections: Connections;
  /** Auto scaling configuration used by the service. */
  public readonly autoScalingConfiguration: ApprunnerAutoScalingConfigurationVersion;
  /** X-Ray observability configuration, when `tracing` is on. */
  public readonly observabilityConfiguration?: ApprunnerObservabilityConfiguration;
  /** Custom domain association and its records, when `domain` is set. */
  public readonly customDomain?: AppRunnerCustomDomain;
  /** How a CDN reaches the service: its own host name over HTTPS. */
  public readonly cdnOrigin: CdnAppOrigin;
  /** App Runner services create no alarms (always empty). */
  public readonly alarms: readonly CloudwatchMetricAlarm[] = [];
  /** Variables added after construction ({@link addEnvironment}). */
  private readonly addedEnvironment: Record<string, string> = {};
  /** Variables given in the props, which addEnvironment() must not silently replace. */
  private readonly givenEnvironment: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: AppRunnerServiceProps) {
    super(scope, id);
    this.givenEnvironment = props.environment ?? {};
    checkTags(this, "tags", props.tags);
    const name = physicalName(this, "appRunner", props.name);
    const port = props.port ?? 3000;
    const cpu = props.cpu ?? 1;
    const memoryGiB = props.memoryGiB ?? 2;
    const maxConcurrency = props.maxConcurrency ?? 100;
    const minSize = props.minSize ?? 1;
    const maxSize = props.maxSize ?? 3;
    const healthCheck = {
      protocol: "HTTP",
      path: props.healthCheckPath ?? "/api/health",
      interval: props.healthCheckIntervalSeconds ?? 10,
      timeout: props.healthCheckTimeoutSeconds ?? 5,
      healthyThreshold: props.healthyThreshold ?? 1,
      unhealthyThreshold: props.unhealthyThreshold ?? 6,
    };
    const autoDeployments = props.autoDeployments ?? false;
    const tracing = props.tracing ?? false;

    // ---- validation (all before any resource is created)
    checkPort(this, "port", port);
    const size = instanceSize(this, cpu, memoryGiB);
    checkIntegerRange(this, "maxConcurrency", maxConcurrency, 1, 200);
    checkIntegerRange(this, "minSize", minSize, 1, 25);
    checkIntegerRange(this, "maxSize", maxSize, 1, 25);
    checkMinMax(this, "minSize", minSize, "maxSize", maxSize);
    checkPattern(this, "healthCheckPath", healthCheck.path, /^\/\S*$/, "must start with / and contain no spaces");
    checkIntegerRange(this, "healthCheckIntervalSeconds", healthCheck.interval, 1, 20);
    checkIntegerRange(this, "healthCheckTimeoutSeconds", healthCheck.timeout, 1, 20);
    checkIntegerRange(this, "healthyThreshold", healthCheck.healthyThreshold, 1, 20);
    checkIntegerRange(this, "unhealthyThreshold", healthCheck.unhealthyThreshold, 1, 20);
    // https://docs.aws.amazon.com/apprunner/latest/api/API_EncryptionConfiguration.html (KmsKey pattern: ...:key/<uuid>)
    checkKmsKeyArn(this, "kmsKeyArn", props.kmsKeyArn, "App Runner's encryption configuration takes key ARNs only");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "App Runner");
    // App Runner runs in a subset of regions ("AWS App Runner endpoints and quotas"); elsewhere
    // every resource of this construct fails at apply with an endpoint error.
    checkRegionOffers(this, "region (of the stack's AWS provider)", providerRegion(this), APP_RUNNER_REGIONS, "App Runner", "appRunner");
    const image = this.resolveImage(props, autoDeployments);
    const secrets = this.resolveSecrets(props.secrets ?? {});
    // Rendered at synth so that addEnvironment() can still add variables; checked now.
    const environment = (): Record<string, string> =>
      Object.fromEntries(
        renderEnvironment(
          this,
          "environment",
          { ...props.environment, ...this.addedEnvironment },
          {
            reservedPrefixes: RESERVED_PREFIXES,
            reservedNames: RESERVED_NAMES,
            reservedWhy: RESERVED_WHY,
            secretNames: secrets.map((s) => s.name),
          },
        ).map((e) => [e.name, e.value]),
      );
    environment();
    const subnetIds = props.network.privateSubnetIds;
    if (!isToken(subnetIds) && subnetIds.length === 0) {
      fail(this, "network.privateSubnetIds", "must list at least one private subnet for the VPC connector", subnetIds);
    }
    const scalingName = physicalName(this, "appRunnerConfig", name, "as");
    const xrayName = tracing ? physicalName(this, "appRunnerConfig", name, "xray") : undefined;
    const connectorName = physicalName(this, "appRunner", name, "vpc");
    const instanceRoleName = physicalName(this, "iamRole", name, "apprunner-instance");
    const accessRoleName = physicalName(this, "iamRole", name, "apprunner-access");
    const sgName = physicalName(this, "securityGroup", name, "apprunner-connector");

    // ---- roles. App Runner does not document sending aws:SourceAccount when it assumes them:
    // StringEqualsIfExists enforces this account whenever the key is present, and cannot lock the
    // service out if it is absent.
    this.instanceRole = new WorkloadRole(this, "InstanceRole", {
      name: instanceRoleName,
      assumedBy: "tasks.apprunner.amazonaws.com",
      restrictToAccount: "ifExists",
      description: `App Runner instance role of ${name}`,
      tags: props.tags,
    });
    this.grantSecrets(secrets.map((s) => s.ref));
    if (tracing) {
      this.instanceRole.addToPolicy([{ sid: "XRayWrite", actions: XRAY_WRITE_ACTIONS, resources: ["*"] }]);
    }
    if (props.repository) {
      this.accessRole = new WorkloadRole(this, "AccessRole", {
        name: accessRoleName,
        assumedBy: "build.apprunner.amazonaws.com",
        restrictToAccount: "ifExists",
        description: `App Runner ECR access role of ${name}`,
        tags: props.tags,
      });
      this.accessRole.addToPolicy([
        ...repositoryPullStatements(props.repository.repositoryArn),
        // App Runner describes the image to resolve the tag and watch it for auto deployments.
        { sid: "EcrDescribeImages", actions: ["ecr:DescribeImages"], resources: [props.repository.repositoryArn] },
      ]);
    }

    // ---- networking: all egress through the VPC; ingress stays public.
    this.connectorSecurityGroup = new SecurityGroup(this, "ConnectorSecurityGroup", {
      name: sgName,
      description: `App Runner VPC connector of ${name} (egress only)`,
      vpcId: props.network.vpcId,
      tags: props.tags,
    });
    this.connections = new Connections({ securityGroupId: this.connectorSecurityGroup.id, label: `${name} App Runner`, owner: this });
    new VpcSecurityGroupEgressRule(this, "ConnectorEgress", {
      securityGroupId: this.connectorSecurityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ...(props.allowAllOutbound
        ? { ipProtocol: "-1", description: "All outbound traffic" }
        : { ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "HTTPS to AWS APIs and the internet (via NAT)" }),
    });
    this.vpcConnector = new ApprunnerVpcConnector(this, "VpcConnector", {
      vpcConnectorName: connectorName,
      subnets: [...subnetIds],
      securityGroups: [this.connectorSecurityGroup.id],
      tags: props.tags,
      // A changed connector is a new revision under the same name: create it before the old goes.
      lifecycle: { createBeforeDestroy: true },
    });

    // ---- scaling and observability
    const scaling = this.createScaling(props, scalingName, xrayName, { maxConcurrency, minSize, maxSize });
    this.autoScalingConfiguration = scaling.autoScaling;
    this.observabilityConfiguration = scaling.observability;

    // ---- the service
    this.service = this.createService(props, { name, port, size, healthCheck, autoDeployments, image, secrets, environment });
    this.serviceArn = this.service.arn;
    this.serviceUrl = `https://${this.service.serviceUrl}`;
    // App Runner serves HTTPS on its own name with an AWS certificate.
    this.cdnOrigin = { domainName: this.service.serviceUrl, originHasCertificate: true, protocol: "https-only" };

    if (props.domain) {
      this.customDomain = new AppRunnerCustomDomain(this, "CustomDomain", {
        serviceArn: this.service.arn,
        domainName: props.domain.name,
        hostedZoneId: props.domain.hostedZoneId,
        enableWwwSubdomain: props.domain.enableWwwSubdomain,
        validationRecordCount: props.domain.validationRecordCount,
      });
    }
  }

  /** Request-based scaling, and X-Ray tracing when on; both replaced create-before-destroy. */
  private createScaling(
    props: AppRunnerServiceProps,
    scalingName: string,
    xrayName: string | undefined,
    { maxConcurrency, minSize, maxSize }: { maxConcurrency: number; minSize: number; maxSize: number },
  ): { autoScaling: ApprunnerAutoScalingConfigurationVersion; observability?: ApprunnerObservabilityConfiguration } {
    const autoScaling = new ApprunnerAutoScalingConfigurationVersion(this, "AutoScaling", {
      autoScalingConfigurationName: scalingName,
      maxConcurrency,
      minSize,
      maxSize,
      tags: props.tags,
      lifecycle: { createBeforeDestroy: true },
    });
    const observability = xrayName
      ? new ApprunnerObservabilityConfiguration(this, "Observability", {
          observabilityConfigurationName: xrayName,
          traceConfiguration: { vendor: "AWSXRAY" },
          tags: props.tags,
          lifecycle: { createBeforeDestroy: true },
        })
      : undefined;
    return { autoScaling, observability };
  }

  /** The App Runner service: the image, its variables and secrets, the instance size, the VPC egress. */
  private createService(props: AppRunnerServiceProps, settings: ServiceSettings): ApprunnerService {
    const { name, port, size, healthCheck, autoDeployments, image, secrets, environment } = settings;
    const service = new ApprunnerService(this, "Service", {
      serviceName: name,
      sourceConfiguration: {
        autoDeploymentsEnabled: autoDeployments,
        authenticationConfiguration: this.accessRole ? { accessRoleArn: this.accessRole.roleArn } : undefined,
        imageRepository: {
          imageIdentifier: image.identifier,
          imageRepositoryType: image.type,
          imageConfiguration: {
            port: String(port),
            runtimeEnvironmentVariables: Lazy.anyValue({ produce: () => environment() }) as unknown as Record<string, string>,
            runtimeEnvironmentSecrets: Object.fromEntries(secrets.map((s) => [s.name, secretValueFrom(s.ref)])),
          },
        },
      },
      instanceConfiguration: { ...size, instanceRoleArn: this.instanceRole.roleArn },
      healthCheckConfiguration: healthCheck,
      autoScalingConfigurationArn: this.autoScalingConfiguration.arn,
      networkConfiguration: {
        ipAddressType: "IPV4",
        egressConfiguration: { egressType: "VPC", vpcConnectorArn: this.vpcConnector.arn },
        ingressConfiguration: { isPubliclyAccessible: true },
      },
      observabilityConfiguration: this.observabilityConfiguration
        ? { observabilityEnabled: true, observabilityConfigurationArn: this.observabilityConfiguration.arn }
        : undefined,
      encryptionConfiguration: props.kmsKeyArn ? { kmsKey: props.kmsKeyArn } : undefined,
      tags: props.tags,
      lifecycle: props.imageManagedByPipeline
        ? { ignoreChanges: ["source_configuration[0].image_repository[0].image_identifier"] }
        : undefined,
    });
    // App Runner checks the roles' permissions while creating the service (image pull, secrets):
    // wait for the inline policies, not only the roles, including grants added after this
    // constructor (a CDN's bucket, a database).
    service.dependsOn = Lazy.listValue(
      {
        produce: () =>
          [this.accessRole?.grantsPolicy, this.instanceRole.grantsPolicy]
            .filter((p): p is NonNullable<typeof p> => p !== undefined)
            .map((p) => dependable(p)),
      },
      { omitEmpty: true },
    );
    return service;
  }

  /** The instance role: what the app's code may call. */
  public get appRole(): WorkloadRole {
    return this.instanceRole;
  }

  /** `https://<service URL>` (the same as {@link serviceUrl}). */
  public get url(): string {
    return this.serviceUrl;
  }

  /** The App Runner service, for a dashboard. */
  public get dashboardSources(): DashboardSources {
    return { appRunnerServices: [{ serviceName: this.service.serviceName, serviceId: this.service.serviceId }] };
  }

  /** `apprunner_service_url` and `apprunner_service_arn`. */
  public get operatorOutputs(): Record<string, OperatorOutput> {
    return {
      apprunner_service_url: { value: this.serviceUrl, description: "App Runner service URL" },
      apprunner_service_arn: { value: this.serviceArn, description: "App Runner service ARN" },
    };
  }

  /**
   * Add a plain environment variable after construction (e.g. a URL known only once the CDN
   * exists). Checked like `environment` when the stack is synthesized.
   */
  public addEnvironment(name: string, value: string): void {
    if (this.addedEnvironment[name] !== undefined) fail(this, `addEnvironment(${name})`, "was already added", name);
    const given = this.givenEnvironment[name];
    if (given !== undefined) {
      fail(this, `addEnvironment(${name})`, `would replace environment.${name} given as ${JSON.stringify(given)}; keep one of them`, value);
    }
    this.addedEnvironment[name] = value;
  }

  /**
   * Let the service reach a database: ingress on the database's security group from the
   * connector's group, and egress from the connector's group to it, on the database port
   * (the same as `connections.allowTo(database)`).
   */
  public connectToDatabase(db: DatabaseRef): void {
    this.connections.allowTo(connectable(db, "database"));
  }

  private resolveImage(props: AppRunnerServiceProps, autoDeployments: boolean): { identifier: string; type: string } {
    if (props.repository && props.imageIdentifier) {
      fail(this, "imageIdentifier", "must not be given together with repository (choose one image source)", props.imageIdentifier);
    }
    if (props.repository) {
      if (props.imageTag === undefined) fail(this, "imageTag", "is required with repository (a git SHA or version)", undefined);
      checkPattern(
        this,
        "imageTag",
        props.imageTag,
        IMAGE_TAG,
        "must be a Docker tag: 1-128 letters, digits, _ . -, not starting with . or -",
      );
      return { identifier: `${props.repository.repositoryUrl}:${props.imageTag}`, type: "ECR" };
    }
    if (props.imageIdentifier === undefined) {
      fail(this, "repository", "or imageIdentifier is required (a private ECR repository, or a public.ecr.aws image)", undefined);
    }
    if (props.imageTag !== undefined)
      fail(this, "imageTag", "applies only with repository; put the tag in imageIdentifier", props.imageTag);
    checkPattern(
      this,
      "imageIdentifier",
      props.imageIdentifier,
      PUBLIC_ECR,
      "must be an ECR Public image (public.ecr.aws/<alias>/<name>[:tag]); App Runner pulls only from ECR and ECR Public",
    );
    if (autoDeployments) {
      fail(this, "autoDeployments", "must be false for an ECR Public image (App Runner watches private ECR only)", autoDeployments);
    }
    return { identifier: props.imageIdentifier, type: "ECR_PUBLIC" };
  }

  /** Validate secret names (same rules as variables) and references; sorted by name. */
  private resolveSecrets(secrets: Readonly<Record<string, SecretRef>>): { name: string; ref: SecretRef }[] {
    // Names only: empty values pass the value checks, so the name rules (format, duplicates,
    // reserved prefix) are the ones applied.
    const names = renderEnvironment(this, "secrets", Object.fromEntries(Object.keys(secrets).map((n) => [n, ""])), {
      reservedPrefixes: RESERVED_PREFIXES,
      reservedNames: RESERVED_NAMES,
      reservedWhy: RESERVED_WHY,
    });
    return names.map(({ name }) => {
      const ref = secrets[name];
      checkSecretRef(this, `secrets.${name}`, ref);
      // "App Runner doesn't support cross-account SSM Parameter Store parameters" (App Runner Developer
      // Guide, "Referencing environment variables", https://docs.aws.amazon.com/apprunner/latest/dg/env-variable.html):
      // only Secrets Manager secrets may come from another account. Known only when the provider pins one account.
      const account = providerAccountId(this);
      const refAccount = /^arn:aws[a-z-]*:ssm:[a-z0-9-]*:(\d{12}):/.exec(
        isToken(secretResourceArn(ref)) ? "" : secretResourceArn(ref),
      )?.[1];
      if (account !== undefined && refAccount !== undefined && refAccount !== account) {
        fail(
          this,
          `secrets.${name}`,
          `must be an SSM parameter of the stack's account ${account}: App Runner cannot read parameters of another account (share the value through a Secrets Manager secret instead)`,
          secretResourceArn(ref),
        );
      }
      // App Runner documents only whole-secret ARNs; a JSON-key reference fails the deployment.
      if (typeof ref !== "string" && ref.jsonKey !== undefined) {
        fail(
          this,
          `secrets.${name}`,
          "must reference a whole secret: App Runner cannot select a JSON key (the app parses the JSON)",
          ref.jsonKey,
        );
      }
      return { name, ref };
    });
  }

  /** Read access on exactly the referenced secrets and parameters. */
  private grantSecrets(refs: readonly SecretRef[]): void {
    const arnsOf = (kind: "secretsmanager" | "ssm"): string[] => [
      ...new Set(refs.filter((r) => secretKind(r) === kind).map(secretResourceArn)),
    ];
    const secretArns = arnsOf("secretsmanager");
    const parameterArns = arnsOf("ssm");
    if (secretArns.length > 0) this.instanceRole.grantReadSecrets(secretArns);
    if (parameterArns.length > 0) this.instanceRole.grantReadParameters(parameterArns);
  }
}

/** What the constructor resolved for the service itself. */
interface ServiceSettings {
  readonly name: string;
  readonly port: number;
  readonly size: InstanceSize;
  readonly healthCheck: ApprunnerServiceHealthCheckConfiguration;
  readonly autoDeployments: boolean;
  readonly image: { identifier: string; type: string };
  readonly secrets: { name: string; ref: SecretRef }[];
  /** Rendered at synth, so that addEnvironment() can still add variables. */
  readonly environment: () => Record<string, string>;
}
