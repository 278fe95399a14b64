import { describe, expect, it } from "vitest";
import { Token } from "cdktf";
import { applyMethodFor, postgresEngine, renderParameters } from "./parameters";

describe("applyMethodFor", () => {
  it.each(["max_connections", "shared_preload_libraries", "shared_buffers", "max_wal_senders", "max_worker_processes", "wal_level", "rds.logical_replication"])(
    "applies the static parameter %s at the next reboot",
    (name) => {
      expect(applyMethodFor(name)).toBe("pending-reboot");
    },
  );
  it.each(["log_statement", "log_min_duration_statement", "rds.force_ssl", "work_mem", "pg_stat_statements.track"])(
    "applies the dynamic parameter %s immediately",
    (name) => {
      expect(applyMethodFor(name)).toBe("immediate");
    },
  );
  it("honours extra static names", () => {
    expect(applyMethodFor("my_ext.setting", ["my_ext.setting"])).toBe("pending-reboot");
  });
});

describe("renderParameters", () => {
  it("sorts by name and sets apply methods", () => {
    expect(renderParameters("Db", "parameters", { work_mem: "4096", max_connections: "100" })).toEqual([
      { name: "max_connections", value: "100", applyMethod: "pending-reboot" },
      { name: "work_mem", value: "4096", applyMethod: "immediate" },
    ]);
  });
  it("rejects a malformed name", () => {
    expect(() => renderParameters("Db", "parameters", { "work mem": "1" })).toThrow(/Db: parameters.work mem must be a PostgreSQL parameter name/);
  });
});

describe("postgresEngine", () => {
  it("derives the family from a major version", () => {
    expect(postgresEngine("Db", "16")).toEqual({ version: "16", major: 16, family: "postgres16" });
  });
  it("derives the family from a minor version", () => {
    expect(postgresEngine("Db", "16.4", "postgres16")).toMatchObject({ family: "postgres16" });
  });
  it("rejects a family of another major", () => {
    expect(() => postgresEngine("Db", "16.4", "postgres15")).toThrow(
      /Db: parameterGroupFamily must match engineVersion 16.4 \(family postgres16\), got "postgres15"/,
    );
  });
  it.each(["16.4.1", "v16", "latest", ""])("rejects the malformed version %j", (version) => {
    expect(() => postgresEngine("Db", version)).toThrow(/engineVersion must be a PostgreSQL version such as 16 or 16.4/);
  });
  it("takes the family as given when the version is only known at apply", () => {
    expect(postgresEngine("Db", Token.asString({ Ref: "v" }), "postgres17")).toMatchObject({ major: 17, family: "postgres17" });
  });
  it("rejects a family that is not postgres<major>", () => {
    expect(() => postgresEngine("Db", Token.asString({ Ref: "v" }), "aurora-postgresql16")).toThrow(
      /Db: parameterGroupFamily must be a PostgreSQL parameter group family such as postgres16, got "aurora-postgresql16"/,
    );
  });
  it("rejects majors out of standard support", () => {
    expect(() => postgresEngine("Db", "12.20")).toThrow(/engineVersion must be PostgreSQL 13 or later/);
  });
});
