import type { PhaseResult } from "./run-phase.ts";

const ms = (value: number) => (Number.isFinite(value) ? String(Math.round(value)) : "–");

/** The phases as a table, then each process's CPU and memory per phase. */
export function printTable(phases: readonly PhaseResult[]): void {
  const header = [
    "scenario",
    "procs",
    "rate/s",
    "changes",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "e2e p50",
    "e2e p99",
    "missing",
    "drain s",
    "mirrored/s",
    "429s",
    "events",
    "writes S/T",
  ];
  const rows = phases.map((p) => [
    p.scenario,
    String(p.bridgeProcesses),
    String(p.rate),
    String(p.changes),
    ms(p.p50),
    ms(p.p95),
    ms(p.p99),
    ms(p.max),
    ms(p.endToEndP50),
    ms(p.endToEndP99),
    String(p.missing),
    p.drainSeconds.toFixed(1),
    String(p.mirroredPerSecond),
    String(p.throttled),
    String(p.slackEvents),
    `${p.slackWrites}/${p.teamsWrites}`,
  ]);
  print(header, rows);
  console.log("");
  print(
    ["scenario", "rate/s", "process", "CPU % of a core", "peak RSS MB"],
    phases.flatMap((p) =>
      p.usage.map((u) => [p.scenario, String(p.rate), u.name, String(u.cpuPercent), String(u.peakRssMb)]),
    ),
  );
}

function print(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
