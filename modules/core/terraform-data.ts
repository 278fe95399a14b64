import { TerraformResource, anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl } from "cdktf";
import { Construct } from "constructs";

/** Props for {@link TerraformData}. */
export interface TerraformDataProps {
  /**
   * Values stored in the resource's state; a change of any of them replaces it (and so changes its `id`).
   * @default - none: the resource lives until it is removed
   */
  readonly triggersReplace?: Record<string, unknown>;
}

/**
 * Terraform's built-in `terraform_data` resource (no provider; Terraform 1.4 or later, which every
 * stack's `required_version` already demands), rendered exactly as cdktf's `DataResource` renders it.
 * `DataResource` adds a validation that runs `terraform version` in a child process at every synth,
 * once per resource: synth then needs a Terraform binary on the PATH (and pays ~0.1 s per resource).
 * This one is a plain `TerraformResource`, so synth and tests need Node alone.
 */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "terraform_data";

  private readonly triggers?: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: TerraformDataProps = {}) {
    super(scope, id, { terraformResourceType: TerraformData.tfResourceType, terraformGeneratorMetadata: { providerName: "terraform" } });
    this.triggers = props.triggersReplace;
  }

  /** A random UUID Terraform assigns at creation (known after apply), new at every replacement. */
  public get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggers) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggers) };
  }
}
