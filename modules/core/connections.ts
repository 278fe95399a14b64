import { TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { allowTcpBetween } from "../internal/connections";
import { pascalCase } from "../internal/naming";
import { checkMaxLength, checkPattern, checkPort, fail, isToken } from "../internal/validate";

/**
 * A security group id as EC2 takes it in a rule's `ReferencedGroupId` / `GroupId`: `sg-` and 8 or 17
 * hexadecimal digits (EC2 API, SecurityGroup.GroupId; resource ids are 8 or 17 characters after
 * the prefix, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html). A group name
 * or a CIDR range in its place fails at apply with InvalidGroupId.Malformed.
 */
const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Characters EC2 allows in a security group rule's description: "Up to 255 characters in length.
 * Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*"
 * (EC2 API, IpRange.Description, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html).
 */
const RULE_DESCRIPTION = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const RULE_DESCRIPTION_RULE = "must use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (EC2 rule descriptions)";

/** Check a security group id handed to EC2 (`where` names the construct or the `Connections`). */
export function checkSecurityGroupId(where: IConstruct | string, prop: string, value: string): void {
  checkPattern(
    where,
    prop,
    value,
    SECURITY_GROUP_ID,
    "must be a security group id (sg- and 8 or 17 hex digits), not a group name or CIDR range",
  );
}

/** Something with security groups that network paths can be opened to or from. */
export interface IConnectable {
  /** Its network paths. */
  readonly connections: Connections;
}

/** Props for {@link Connections}. */
export interface ConnectionsProps {
  /** The security group of the construct's network interfaces (tasks, instance, connector). */
  readonly securityGroupId: string;
  /**
   * The port clients use when a call names none (the database port, the container port).
   * @default - none: a call that opens a path to this construct must give `port`
   */
  readonly defaultPort?: number;
  /**
   * Short human name used in rule descriptions and construct ids, e.g. `web service` or `database`.
   */
  readonly label: string;
  /**
   * The construct that owns the security group; rules opened from this side are created under it.
   * @default - none (an imported group): rules are created under the other side's owner
   */
  readonly owner?: Construct;
}

/** Options of one opened path. */
export interface ConnectOptions {
  /** TCP port. @default - the server side's `defaultPort` */
  readonly port?: number;
  /** Rule description. @default - `<client label> to <server label>` */
  readonly description?: string;
}

/** Paths already opened in a stack (`from|to|port`): AWS rejects duplicate rules. */
const opened = new WeakMap<IConstruct, Set<string>>();

/**
 * The network paths of a construct, in the AWS CDK's style: `web.connections.allowTo(database)`
 * (or `database.connections.allowFrom(web)`) opens egress on the client's security group and
 * ingress on the server's, on the server's port, once, whichever side asks. Rules are
 * `aws_vpc_security_group_{ingress,egress}_rule` resources with ids derived from the other side's
 * label, so they stay stable.
 */
export class Connections {
  /** A security group known only by id (e.g. read from remote state). */
  public static fromSecurityGroupId(securityGroupId: string, label: string, defaultPort?: number): Connections {
    return new Connections({ securityGroupId, label, defaultPort });
  }

  /** The security group. */
  public readonly securityGroupId: string;
  /** The port clients use by default, when known. */
  public readonly defaultPort?: number;
  /** Name used in descriptions and ids. */
  public readonly label: string;
  /** The construct owning the group, when it is one of this stack's. */
  public readonly owner?: Construct;

  public constructor(props: ConnectionsProps) {
    const where = props.owner ?? `Connections(${JSON.stringify(props.label)})`;
    checkSecurityGroupId(where, "securityGroupId", props.securityGroupId);
    // The label is the default rule description, so it follows EC2's description rule.
    checkPattern(where, "label", props.label, RULE_DESCRIPTION, RULE_DESCRIPTION_RULE);
    this.securityGroupId = props.securityGroupId;
    this.defaultPort = props.defaultPort;
    this.label = props.label;
    this.owner = props.owner;
  }

  /** Let this construct open TCP connections to `peer` (egress here, ingress there). */
  public allowTo(peer: IConnectable, options: ConnectOptions = {}): void {
    open(this, peer.connections, options, "To");
  }

  /** Let `peer` open TCP connections to this construct (egress there, ingress here). */
  public allowFrom(peer: IConnectable, options: ConnectOptions = {}): void {
    open(peer.connections, this, options, "From");
  }
}

/** A server known by its security group and port, e.g. a database read from remote state. */
export interface SecurityGroupTarget {
  /** Its security group. */
  readonly securityGroupId: string;
  /** The port clients connect to. */
  readonly port: number;
}

/** `target` itself when it has connections, else a connectable wrapper of its group and port. */
export function connectable(target: IConnectable | SecurityGroupTarget, label: string): IConnectable {
  if ("connections" in target) return target;
  return { connections: Connections.fromSecurityGroupId(target.securityGroupId, label, target.port) };
}

function open(client: Connections, server: Connections, options: ConnectOptions, direction: "To" | "From"): void {
  const owner = direction === "To" ? (client.owner ?? server.owner) : (server.owner ?? client.owner);
  const port = options.port ?? server.defaultPort;
  if (owner === undefined) {
    throw new Error(
      `Connections: neither ${client.label} nor ${server.label} belongs to a construct; open the path from a construct's connections`,
    );
  }
  const prop = `connections.allow${direction}(${direction === "To" ? server.label : client.label}).port`;
  if (port === undefined) fail(owner, prop, "is required: the server side has no default port", port);
  checkPort(owner, prop, port);
  const description = options.description ?? `${client.label} to ${server.label}`;
  const descriptionProp = prop.replace(/\.port$/, ".description");
  checkPattern(owner, descriptionProp, description, RULE_DESCRIPTION, RULE_DESCRIPTION_RULE);
  checkMaxLength(owner, descriptionProp, description, 255);
  const stack = TerraformStack.of(owner);
  const seen = opened.get(stack) ?? new Set<string>();
  opened.set(stack, seen);
  const key = `${client.securityGroupId}|${server.securityGroupId}|${port}`;
  if (seen.has(key)) return;
  seen.add(key);
  const other = direction === "To" ? server.label : client.label;
  let id = `${direction}${pascalCase(other)}${isToken(port) ? "" : port}`;
  for (let n = 2; owner.node.tryFindChild(`${id}Ingress`); n++) id = `${direction}${pascalCase(other)}${isToken(port) ? "" : port}N${n}`;
  allowTcpBetween(owner, id, {
    fromSecurityGroupId: client.securityGroupId,
    toSecurityGroupId: server.securityGroupId,
    port,
    description,
  });
}
