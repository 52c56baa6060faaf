import type { Command } from "commander";

import { readDoctorEnvironment } from "./env.ts";
import { formatReport, reportJson } from "./format-report.ts";
import { runDoctor, type DoctorOptions } from "./run-doctor.ts";

export interface DoctorCommandDeps {
  out: (text: string) => void;
  /** What to check instead of the process environment, and certificates to trust (tests). */
  doctor?: Partial<DoctorOptions>;
}

/**
 * `presence doctor [--json]`: checks the configuration the apps would run with and prints one line
 * per check. Exit code 0 when nothing failed, 1 otherwise (`setExitCode`).
 */
export function addDoctorCommand(
  program: Command,
  deps: DoctorCommandDeps,
  setExitCode: (code: number) => void,
): void {
  program
    .command("doctor")
    .description(
      "Check the configuration: every variable, the database, the encryption key, Slack and Microsoft as they answer now",
    )
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const report = await runDoctor({ ...deps.doctor, env: deps.doctor?.env ?? readDoctorEnvironment() });
      deps.out(options.json ? reportJson(report) : formatReport(report));
      setExitCode(report.ok ? 0 : 1);
    });
}
