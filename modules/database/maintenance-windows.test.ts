import { describe, expect, it } from "vitest";
import { checkWindows, parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from "./maintenance-windows";

const backup = (text: string) => parseBackupWindow("Db", "backupWindow", text);
const maintenance = (text: string) => parseMaintenanceWindow("Db", "maintenanceWindow", text);

describe("parseBackupWindow", () => {
  it("reads a daily window in minutes", () => {
    expect(backup("03:00-04:00")).toMatchObject({ startMinute: 180, durationMinutes: 60, period: 1440 });
  });
  it("accepts a window across midnight", () => {
    expect(backup("23:30-00:30")).toMatchObject({ startMinute: 1410, durationMinutes: 60 });
  });
  it.each(["3:00-4:00", "03:00", "24:00-01:00", "03:60-04:00", "03:00 - 04:00", "sun:03:00-sun:04:00"])(
    "rejects the malformed window %s",
    (text) => {
      expect(() => backup(text)).toThrow(/Db: backupWindow must be a UTC window hh24:mi-hh24:mi/);
    },
  );
  it("rejects a window shorter than 30 minutes", () => {
    expect(() => backup("03:00-03:29")).toThrow(/backupWindow must last at least 30 minutes \(lasts 29\), got "03:00-03:29"/);
  });
  it("rejects an empty window (start = end)", () => {
    expect(() => backup("03:00-03:00")).toThrow(/must last at least 30 minutes \(lasts 0\)/);
  });
});

describe("parseMaintenanceWindow", () => {
  it("reads a weekly window from Monday 00:00 and lower-cases day names", () => {
    expect(maintenance("Sun:04:00-SUN:05:00")).toMatchObject({
      text: "sun:04:00-sun:05:00",
      startMinute: 6 * 1440 + 240,
      durationMinutes: 60,
    });
  });
  it("accepts a window across the end of the week", () => {
    expect(maintenance("sun:23:45-mon:00:15")).toMatchObject({ durationMinutes: 30 });
  });
  it.each(["sunday:04:00-sunday:05:00", "04:00-05:00", "sun:4:00-sun:5:00", "xyz:04:00-sun:05:00"])(
    "rejects the malformed window %s",
    (text) => {
      expect(() => maintenance(text)).toThrow(/maintenanceWindow must be a UTC window ddd:hh24:mi-ddd:hh24:mi/);
    },
  );
  it("rejects a window shorter than 30 minutes", () => {
    expect(() => maintenance("sun:04:00-sun:04:10")).toThrow(/must last at least 30 minutes \(lasts 10\)/);
  });
});

describe("windowsOverlap", () => {
  it("treats touching windows as not overlapping (the defaults)", () => {
    expect(windowsOverlap(backup("03:00-04:00"), maintenance("sun:04:00-sun:05:00"))).toBe(false);
  });
  it("finds an overlap on the maintenance day", () => {
    expect(windowsOverlap(backup("03:00-04:00"), maintenance("sun:03:30-sun:05:00"))).toBe(true);
  });
  it("finds an overlap whatever the day, since backups run daily", () => {
    expect(windowsOverlap(backup("10:00-11:00"), maintenance("wed:10:59-wed:11:30"))).toBe(true);
  });
  it("finds an overlap when the backup window wraps midnight", () => {
    expect(windowsOverlap(backup("23:30-00:30"), maintenance("tue:00:00-tue:01:00"))).toBe(true);
  });
  it("finds an overlap when the maintenance window wraps the week", () => {
    expect(windowsOverlap(backup("00:00-00:30"), maintenance("sun:23:00-mon:01:00"))).toBe(true);
  });
  it("finds a long maintenance window that contains the backup window", () => {
    expect(windowsOverlap(backup("03:00-03:30"), maintenance("mon:00:00-wed:00:00"))).toBe(true);
  });
});

describe("checkWindows", () => {
  it("returns the windows normalized", () => {
    expect(checkWindows("Db", "03:00-04:00", "SUN:04:00-SUN:05:00")).toEqual({
      backupWindow: "03:00-04:00",
      maintenanceWindow: "sun:04:00-sun:05:00",
    });
  });
  it("rejects overlapping windows naming both", () => {
    expect(() => checkWindows("Db", "03:00-04:00", "sun:03:30-sun:04:30")).toThrow(
      /Db: maintenanceWindow must not overlap backupWindow 03:00-04:00.*got "sun:03:30-sun:04:30"/,
    );
  });
});
