import type { Mismatch } from "./mirrored-people.ts";

export interface FaultResult {
  cycle: number;
  fault: string;
  kills: number;
  /** How long the fault and the load during it lasted. */
  faultMs: number;
  /** From the fault's end until every mirrored state was right. */
  convergeMs: number;
  wrong: Mismatch[];
}

export interface ChaosSummary {
  seed: number;
  people: number;
  results: FaultResult[];
  statesChecked: number;
  sourceChanges: { teams: number; slack: number };
  writes: { slackStatus: number; teamsSession: number };
  unexpectedExits: Record<string, number>;
  postgresRestarts: string | undefined;
  durationMs: number;
}

/** Prints the run's figures and returns them for the JSON report. */
export function printReport(summary: ChaosSummary): ChaosSummary & {
  faultsInjected: number;
  kills: number;
  statesWrong: number;
  worstConvergeMs: number;
} {
  const { results } = summary;
  const faultsInjected = results.length;
  const kills = results.reduce((sum, r) => sum + r.kills, 0);
  const restarts = results.filter((r) => r.fault.startsWith("Postgres")).length;
  const statesWrong = results.reduce((sum, r) => sum + r.wrong.length, 0);
  const times = results.map((r) => r.convergeMs).sort((a, b) => a - b);
  const worstConvergeMs = times.at(-1) ?? 0;
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const byFault = new Map<string, number[]>();
  for (const r of results) byFault.set(r.fault, [...(byFault.get(r.fault) ?? []), r.convergeMs]);
  console.log("\nconvergence after each fault (worst of its runs):");
  for (const [fault, ms] of byFault)
    console.log(`  ${(Math.max(...ms) / 1000).toFixed(1).padStart(5)} s  ${fault}`);
  console.log(
    [
      "",
      `faults injected:      ${faultsInjected} (${kills} kill -9, ${summary.postgresRestarts ? `Postgres restarts ${summary.postgresRestarts}` : `${restarts} Postgres restart(s)`})`,
      `source changes:       ${summary.sourceChanges.teams} in Teams, ${summary.sourceChanges.slack} in Slack`,
      `writes:               ${summary.writes.slackStatus} users.profile.set, ${summary.writes.teamsSession} setPresence`,
      `states checked:       ${summary.statesChecked}`,
      `states wrong:         ${statesWrong}`,
      `convergence:          median ${(median / 1000).toFixed(1)} s, worst ${(worstConvergeMs / 1000).toFixed(1)} s`,
      `unexpected exits:     ${Object.entries(summary.unexpectedExits)
        .map(([name, n]) => `${name} ${n}`)
        .join(", ")}`,
      `duration:             ${(summary.durationMs / 1000).toFixed(0)} s (seed ${summary.seed})`,
    ].join("\n"),
  );
  return { ...summary, faultsInjected, kills, statesWrong, worstConvergeMs };
}
