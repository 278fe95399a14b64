import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { resources, synth } from "../internal/testing";
import { Connections, IConnectable, connectable } from "./connections";

/** A construct with one security group and a default port, as the modules have. */
class Server extends Construct implements IConnectable {
  public readonly connections: Connections;
  public constructor(scope: Construct, id: string, port?: number) {
    super(scope, id);
    const sg = new SecurityGroup(this, "Sg", { name: id, vpcId: "vpc-0123456789abcdef0" });
    this.connections = new Connections({ securityGroupId: sg.id, defaultPort: port, label: id.toLowerCase(), owner: this });
  }
}

const rules = (json: any, type: "ingress" | "egress") => Object.values(resources(json, `aws_vpc_security_group_${type}_rule`)) as any[];

describe("Connections", () => {
  it("opens egress on the client and ingress on the server, on the server's default port", () => {
    const json = synth((s) => {
      const web = new Server(s, "Web", 3000);
      web.connections.allowTo(new Server(s, "Db", 5432));
    });
    expect(rules(json, "ingress")).toEqual([
      expect.objectContaining({
        from_port: 5432,
        to_port: 5432,
        ip_protocol: "tcp",
        security_group_id: expect.stringContaining("Db_Sg"),
        referenced_security_group_id: expect.stringContaining("Web_Sg"),
      }),
    ]);
    expect(rules(json, "egress")).toEqual([
      expect.objectContaining({
        from_port: 5432,
        security_group_id: expect.stringContaining("Web_Sg"),
        referenced_security_group_id: expect.stringContaining("Db_Sg"),
        description: "web to db",
      }),
    ]);
  });

  it("opens a path once when both sides ask for it (AWS rejects duplicate rules)", () => {
    const json = synth((s) => {
      const web = new Server(s, "Web", 3000);
      const db = new Server(s, "Db", 5432);
      web.connections.allowTo(db);
      db.connections.allowFrom(web);
      web.connections.allowTo(db);
    });
    expect(rules(json, "ingress")).toHaveLength(1);
    expect(rules(json, "egress")).toHaveLength(1);
  });

  it("reaches a group known only by id and port (e.g. from remote state)", () => {
    const json = synth((s) => {
      const web = new Server(s, "Web", 3000);
      web.connections.allowTo(connectable({ securityGroupId: "sg-0123456789abcdef0", port: 6379 }, "cache"));
    });
    expect(rules(json, "ingress")).toEqual([
      expect.objectContaining({ security_group_id: "sg-0123456789abcdef0", from_port: 6379, description: "web to cache" }),
    ]);
  });

  it("takes an explicit port over the default", () => {
    const json = synth((s) => new Server(s, "Web").connections.allowFrom(new Server(s, "Lb", 443), { port: 8080 }));
    expect(rules(json, "ingress")[0]).toMatchObject({ from_port: 8080, security_group_id: expect.stringContaining("Web_Sg") });
  });

  it("fails when the server has no default port and none is given", () => {
    expect(() => synth((s) => new Server(s, "Web", 3000).connections.allowTo(new Server(s, "Queue")))).toThrow(
      /test\/Web: connections.allowTo\(queue\).port is required: the server side has no default port/,
    );
  });
});

describe("Connections refuses what EC2 would refuse at apply", () => {
  it("a security group given as a name or a CIDR range, and takes both id lengths", () => {
    expect(() => Connections.fromSecurityGroupId("db-sg", "database", 5432)).toThrow(
      'Connections("database"): securityGroupId must be a security group id (sg- and 8 or 17 hex digits), not a group name or CIDR range, got "db-sg"',
    );
    expect(() => connectable({ securityGroupId: "10.0.0.0/16", port: 5432 }, "database")).toThrow(
      /securityGroupId must be a security group id .*got "10\.0\.0\.0\/16"/,
    );
    expect(() => Connections.fromSecurityGroupId("sg-0123456789abcdef", "database")).toThrow(/got "sg-0123456789abcdef"/); // 16 digits
    expect(Connections.fromSecurityGroupId("sg-0123456789abcdef0", "database").securityGroupId).toBe("sg-0123456789abcdef0");
    expect(Connections.fromSecurityGroupId("sg-01234567", "database").securityGroupId).toBe("sg-01234567");
  });

  it("a rule description or label with a character EC2 refuses, and takes EC2's whole set", () => {
    expect(() => Connections.fromSecurityGroupId("sg-01234567", "café")).toThrow(
      /Connections\("café"\): label must use only letters, digits, spaces and/,
    );
    const open = (description: string) =>
      synth((s) => new Server(s, "Web", 3000).connections.allowTo(new Server(s, "Db", 5432), { description }));
    expect(() => open("web -> db")).toThrow(/test\/Web: connections\.allowTo\(db\)\.description must use only .*got "web -> db"/);
    expect(() => open("x".repeat(256))).toThrow(/description must be at most 255 characters/);
    const allowed = "web to db ._-:/()#,@[]+=&;{}!$*";
    expect(rules(open(allowed), "egress")[0].description).toBe(allowed);
  });
});
