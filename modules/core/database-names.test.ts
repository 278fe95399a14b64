import { describe, expect, it } from "vitest";
import { checkDatabaseName, checkMasterUsername, defaultDatabaseName } from "./database-names";

describe("database names", () => {
  it("accepts seed 001's database and user", () => {
    expect(checkDatabaseName("Db", "databaseName", "fckdoomscroll")).toBe("fckdoomscroll");
    expect(checkMasterUsername("Db", "masterUsername", "fckadmin")).toBe("fckadmin");
  });
  it("derives a database name from a base name", () => {
    expect(defaultDatabaseName("fckdoomscroll-prod")).toBe("fckdoomscroll_prod");
    expect(defaultDatabaseName("1-app")).toBe("app");
    expect(defaultDatabaseName("---")).toBe("app");
  });
});
