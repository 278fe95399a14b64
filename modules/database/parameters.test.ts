import { describe, expect, it } from "vitest";
import { Token } from "cdktf";
import { applyMethodFor, postgresEngine, renderParameters } from "./parameters";

describe("applyMethodFor", () => {
  it.each([
    "max_connections",
    "shared_preload_libraries",
    "shared_buffers",
    "max_wal_senders",
    "max_worker_processes",
    "wal_level",
    "rds.logical_replication",
  ])("applies the static parameter %s at the next reboot", (name) => {
    expect(applyMethodFor(name)).toBe("pending-reboot");
  });
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
    expect(() => renderParameters("Db", "parameters", { "work mem": "1" })).toThrow(
      /Db: parameters.work mem must be a PostgreSQL parameter name/,
    );
  });
});

describe("parameter names the family cannot hold", () => {
  it.each<[string, number, RegExp]>([
    [
      "vacuum_defer_cleanup_age",
      16,
      /^Db: parameters\.vacuum_defer_cleanup_age is not a parameter of family postgres16: PostgreSQL 16 removed it, got "vacuum_defer_cleanup_age"$/,
    ],
    [
      "force_parallel_mode",
      16,
      /parameters\.force_parallel_mode is not a parameter of family postgres16: PostgreSQL 16 removed it; use debug_parallel_query/,
    ],
    ["wal_keep_segments", 16, /PostgreSQL 13 removed it; use wal_keep_size \(in MB\)/],
    ["old_snapshot_threshold", 17, /is not a parameter of family postgres17: PostgreSQL 17 removed it/],
    ["transaction_timeout", 16, /parameters\.transaction_timeout is not a parameter of family postgres16: it exists from PostgreSQL 17 on/],
    [
      "time_zone",
      16,
      /parameters\.time_zone is not a parameter of family postgres16: it is a MySQL parameter; the PostgreSQL setting is timezone/,
    ],
    ["innodb_buffer_pool_size", 16, /it is a MySQL parameter, got "innodb_buffer_pool_size"/],
    ["data_directory", 16, /parameters\.data_directory is not a parameter of an RDS parameter group \(family postgres16\)/],
  ])("refuses %s in postgres%i", (name, major, message) => {
    expect(() => renderParameters("Db", "parameters", { [name]: "1" }, [], major)).toThrow(message);
  });

  it.each<[string, number]>([
    ["old_snapshot_threshold", 16],
    ["debug_parallel_query", 16],
    ["transaction_timeout", 17],
    ["timezone", 16],
    ["pg_stat_statements.track", 16],
    ["rds.log_retention_period", 16],
  ])("accepts %s in postgres%i", (name, major) => {
    expect(
      renderParameters("Db", "parameters", { [name]: name === "pg_stat_statements.track" ? "all" : "1" }, [], major).map((p) => p.name),
    ).toEqual([name]);
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
