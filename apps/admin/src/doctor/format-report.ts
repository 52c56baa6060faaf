import type { CheckArea, CheckResult } from "./check-result.ts";
import type { DoctorReport } from "./run-doctor.ts";

const AREA_NAMES: Record<CheckArea, string> = {
  config: "config",
  database: "database",
  encryption: "encryption",
  slack: "slack",
  microsoft: "microsoft",
};

/** One line per check — status, area, what was checked, the finding, and the fix — then a summary. */
export function formatReport(report: DoctorReport): string {
  const area = Math.max(...Object.values(AREA_NAMES).map((name) => name.length));
  const lines = report.results.map((result) =>
    [
      result.status.padEnd(4),
      AREA_NAMES[result.area].padEnd(area),
      `${result.check}: ${result.message}${result.fix ? ` → fix: ${result.fix}` : ""}`,
    ].join("  "),
  );
  return [...lines, "", summary(report.results)].join("\n");
}

/** The report as JSON: `ok`, the counts, and every check. */
export function reportJson(report: DoctorReport): string {
  return JSON.stringify({ ok: report.ok, summary: counts(report.results), checks: report.results }, null, 2);
}

function summary(results: readonly CheckResult[]): string {
  const { ok, warn, fail } = counts(results);
  const verdict = fail > 0 ? "the bridge is not configured correctly" : "nothing failed";
  return `${fail} failed, ${warn} warning(s), ${ok} ok: ${verdict}`;
}

function counts(results: readonly CheckResult[]): { ok: number; warn: number; fail: number } {
  return {
    ok: results.filter((r) => r.status === "ok").length,
    warn: results.filter((r) => r.status === "warn").length,
    fail: results.filter((r) => r.status === "fail").length,
  };
}
