/** How one check came out: fine, worth a look, or broken (the bridge cannot work as configured). */
export type CheckStatus = "ok" | "warn" | "fail";

/** The areas the doctor checks, in the order it reports them. */
export type CheckArea = "config" | "database" | "encryption" | "slack" | "microsoft";

/** One line of the report: what was checked, how it came out, and (unless ok) what to do about it. */
export interface CheckResult {
  area: CheckArea;
  /** What was checked, e.g. "PORT", "migrations", "workspace Acme (T0123)". */
  check: string;
  status: CheckStatus;
  message: string;
  /** The concrete next step; absent when there is nothing to do. */
  fix?: string;
}

export function ok(area: CheckArea, check: string, message: string): CheckResult {
  return { area, check, status: "ok", message };
}

export function warn(area: CheckArea, check: string, message: string, fix?: string): CheckResult {
  return { area, check, status: "warn", message, ...(fix ? { fix } : {}) };
}

export function fail(area: CheckArea, check: string, message: string, fix: string): CheckResult {
  return { area, check, status: "fail", message, fix };
}

/** A check that could not run because an earlier one failed (reported as a warning, never as ok). */
export function notChecked(area: CheckArea, check: string, because: string): CheckResult {
  return { area, check, status: "warn", message: `not checked: ${because}` };
}
