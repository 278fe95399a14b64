import { DataAwsIamOpenidConnectProvider } from "@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Construct } from "constructs";
import { checkPattern, checkTags } from "../internal/validate";
import { checkResourceArn } from "../internal/arns";

/**
 * An IAM OIDC identity provider as roles need it: its ARN, the host that prefixes its condition
 * keys (`<host>:aud`, `<host>:sub`) and the audience its tokens carry. A provider created
 * elsewhere (one per URL per account) fits as well as {@link OidcProvider}.
 */
export interface OidcProviderRef {
  /** ARN of the IAM OIDC identity provider. */
  readonly providerArn: string;
  /** Issuer host without `https://`, e.g. `token.actions.githubusercontent.com`. */
  readonly host: string;
  /** The audience (`aud`) tokens must carry, e.g. `sts.amazonaws.com`. */
  readonly audience: string;
}

/** Props for {@link OidcProvider}. */
export interface OidcProviderProps {
  /** Issuer host without scheme or trailing slash, e.g. `app.terraform.io`. */
  readonly host: string;
  /** The one audience (client id) the provider accepts. */
  readonly audience: string;
  /**
   * ARN of a provider for this URL that already exists in the account (IAM allows one per URL):
   * nothing is created, roles trust that provider.
   * @default - a new provider is created
   */
  readonly existingProviderArn?: string;
  /**
   * Use the provider for this URL that the account already has, found by URL when Terraform
   * plans (a data source; the plan fails if the account has none). For accounts where another
   * team or tool created it and the ARN is not at hand; `existingProviderArn` wins when both are set.
   * @default false (a new provider is created)
   */
  readonly lookupExisting?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

const HOST = /^(?!https?:\/\/)[a-z0-9.-]+(\/[A-Za-z0-9._~/-]*)?(?<!\/)$/;

/**
 * An IAM OIDC identity provider for one issuer and one audience, or a reference to the one the
 * account already has. No thumbprint is set: it is optional in the AWS provider 6.x, and IAM
 * validates GitHub's and HCP Terraform's certificates against its own trusted CAs.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class OidcProvider extends Construct implements OidcProviderRef {
  /** The provider, when this construct created it. */
  public readonly provider?: IamOpenidConnectProvider;
  /** The lookup, when `lookupExisting` found the account's provider. */
  public readonly lookup?: DataAwsIamOpenidConnectProvider;
  public readonly providerArn: string;
  public readonly host: string;
  public readonly audience: string;

  public constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    checkPattern(this, "host", props.host, HOST, "must be an issuer host without https:// or a trailing slash, such as app.terraform.io");
    checkResourceArn(this, "existingProviderArn", props.existingProviderArn, "iamOidcProvider");
    // An IAM OIDC provider's client id (the audience): 1-255 characters (IAM API, CreateOpenIDConnectProvider
    // ClientIDList, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html).
    // An empty audience would make the trust policy's aud condition match no token.
    checkPattern(
      this,
      "audience",
      props.audience,
      /^\S.{0,254}$/s,
      "must be the 1-255 character audience (client id) the tokens carry, such as sts.amazonaws.com",
    );
    this.host = props.host;
    this.audience = props.audience;
    if (props.existingProviderArn !== undefined) {
      this.providerArn = props.existingProviderArn;
      return;
    }
    if (props.lookupExisting) {
      this.lookup = new DataAwsIamOpenidConnectProvider(this, "Existing", { url: `https://${props.host}` });
      this.providerArn = this.lookup.arn;
      return;
    }
    this.provider = new IamOpenidConnectProvider(this, "Provider", {
      url: `https://${props.host}`,
      clientIdList: [props.audience],
      tags: props.tags,
    });
    this.providerArn = this.provider.arn;
  }
}

/** The GitHub Actions token issuer. */
export const GITHUB_ACTIONS_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials requests. */
export const GITHUB_ACTIONS_AUDIENCE = "sts.amazonaws.com";

/** Props for {@link GitHubActionsOidc}. */
export interface GitHubActionsOidcProps {
  /** @default - a new provider is created (see {@link OidcProviderProps.existingProviderArn}) */
  readonly existingProviderArn?: string;
  /** @default false (see {@link OidcProviderProps.lookupExisting}) */
  readonly lookupExisting?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The GitHub Actions OIDC provider (`https://token.actions.githubusercontent.com`, audience
 * `sts.amazonaws.com`), once per account.
 * https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
 */
export class GitHubActionsOidc extends OidcProvider {
  public constructor(scope: Construct, id: string, props: GitHubActionsOidcProps = {}) {
    super(scope, id, { ...props, host: GITHUB_ACTIONS_OIDC_HOST, audience: GITHUB_ACTIONS_AUDIENCE });
  }
}

/** HCP Terraform's default host. */
export const HCP_TERRAFORM_HOST = "app.terraform.io";
/** The audience HCP Terraform puts in AWS workload identity tokens unless TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE says otherwise. */
export const HCP_TERRAFORM_AWS_AUDIENCE = "aws.workload.identity";

/** Props for {@link HcpTerraformOidc}. */
export interface HcpTerraformOidcProps {
  /** HCP Terraform or Terraform Enterprise host. @default "app.terraform.io" */
  readonly hostname?: string;
  /** @default "aws.workload.identity" */
  readonly audience?: string;
  /** @default - a new provider is created (see {@link OidcProviderProps.existingProviderArn}) */
  readonly existingProviderArn?: string;
  /** @default false (see {@link OidcProviderProps.lookupExisting}) */
  readonly lookupExisting?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The HCP Terraform OIDC provider for dynamic provider credentials (`https://app.terraform.io`,
 * audience `aws.workload.identity`).
 * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration
 */
export class HcpTerraformOidc extends OidcProvider {
  public constructor(scope: Construct, id: string, props: HcpTerraformOidcProps = {}) {
    super(scope, id, {
      host: props.hostname ?? HCP_TERRAFORM_HOST,
      audience: props.audience ?? HCP_TERRAFORM_AWS_AUDIENCE,
      existingProviderArn: props.existingProviderArn,
      lookupExisting: props.lookupExisting,
      tags: props.tags,
    });
  }
}
