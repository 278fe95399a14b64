import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * RDS backup and maintenance windows. Both are UTC: the backup window is daily
 * (`hh24:mi-hh24:mi`), the maintenance window weekly (`ddd:hh24:mi-ddd:hh24:mi`).
 * AWS requires each to last at least 30 minutes and the two not to overlap; both may
 * wrap around midnight (backup) or the end of the week (maintenance).
 */

/** Minutes in a day and in a week. */
const DAY = 24 * 60;
const WEEK = 7 * DAY;
/** Shortest window AWS accepts, in minutes. */
export const MIN_WINDOW_MINUTES = 30;
/** Day names as RDS writes them, Monday first. */
export const WEEK_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const BACKUP_PATTERN = new RegExp(`^${TIME}-${TIME}$`);
const DAY_TIME = `(mon|tue|wed|thu|fri|sat|sun):${TIME}`;
const MAINTENANCE_PATTERN = new RegExp(`^${DAY_TIME}-${DAY_TIME}$`, "i");

/** A time span on a circle of `period` minutes (a day or a week). */
export interface Window {
  /** The window as RDS takes it (day names lower-cased). */
  readonly text: string;
  /** Start, in minutes from 00:00 (daily) or from Monday 00:00 (weekly). */
  readonly startMinute: number;
  /** Length in minutes, 1 to `period` - 1. */
  readonly durationMinutes: number;
  /** Length of the cycle: 1440 (daily) or 10080 (weekly). */
  readonly period: number;
}

function minutes(hh: string, mi: string): number {
  return Number(hh) * 60 + Number(mi);
}

function span(start: number, end: number, period: number): number {
  return (((end - start) % period) + period) % period;
}

function checkDuration(scope: IConstruct | string, prop: string, window: Window): Window {
  if (window.durationMinutes < MIN_WINDOW_MINUTES) {
    fail(scope, prop, `must last at least ${MIN_WINDOW_MINUTES} minutes (lasts ${window.durationMinutes})`, window.text);
  }
  return window;
}

/** Parse a daily backup window `hh24:mi-hh24:mi` (UTC) of at least 30 minutes. */
export function parseBackupWindow(scope: IConstruct | string, prop: string, text: string): Window {
  const m = BACKUP_PATTERN.exec(text);
  if (!m) fail(scope, prop, "must be a UTC window hh24:mi-hh24:mi such as 03:00-04:00", text);
  const start = minutes(m[1], m[2]);
  return checkDuration(scope, prop, { text, startMinute: start, durationMinutes: span(start, minutes(m[3], m[4]), DAY), period: DAY });
}

/** Parse a weekly maintenance window `ddd:hh24:mi-ddd:hh24:mi` (UTC) of at least 30 minutes. */
export function parseMaintenanceWindow(scope: IConstruct | string, prop: string, text: string): Window {
  const m = MAINTENANCE_PATTERN.exec(text);
  if (!m) fail(scope, prop, "must be a UTC window ddd:hh24:mi-ddd:hh24:mi such as sun:04:00-sun:05:00 (days mon-sun)", text);
  const day = (d: string): number => WEEK_DAYS.indexOf(d.toLowerCase() as (typeof WEEK_DAYS)[number]);
  const start = day(m[1]) * DAY + minutes(m[2], m[3]);
  const end = day(m[4]) * DAY + minutes(m[5], m[6]);
  return checkDuration(scope, prop, {
    text: text.toLowerCase(),
    startMinute: start,
    durationMinutes: span(start, end, WEEK),
    period: WEEK,
  });
}

/** True when two spans on the same circle share at least one minute (touching ends do not overlap). */
function circularOverlap(aStart: number, aLength: number, bStart: number, bLength: number, period: number): boolean {
  return span(aStart, bStart, period) < aLength || span(bStart, aStart, period) < bLength;
}

/** True when the daily backup window overlaps the weekly maintenance window on any day. */
export function windowsOverlap(backup: Window, maintenance: Window): boolean {
  for (let day = 0; day < 7; day++) {
    if (
      circularOverlap(day * DAY + backup.startMinute, backup.durationMinutes, maintenance.startMinute, maintenance.durationMinutes, WEEK)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Check both windows (format, 30-minute minimum, no overlap) and return them as RDS takes
 * them. Windows given as tokens are passed through unchecked.
 */
export function checkWindows(
  scope: IConstruct | string,
  backupWindow: string,
  maintenanceWindow: string,
): { backupWindow: string; maintenanceWindow: string } {
  const backup = isToken(backupWindow) ? undefined : parseBackupWindow(scope, "backupWindow", backupWindow);
  const maintenance = isToken(maintenanceWindow) ? undefined : parseMaintenanceWindow(scope, "maintenanceWindow", maintenanceWindow);
  if (backup && maintenance && windowsOverlap(backup, maintenance)) {
    fail(
      scope,
      "maintenanceWindow",
      `must not overlap backupWindow ${backup.text} (the backup window recurs daily); move one of them`,
      maintenance.text,
    );
  }
  return { backupWindow: backup?.text ?? backupWindow, maintenanceWindow: maintenance?.text ?? maintenanceWindow };
}
