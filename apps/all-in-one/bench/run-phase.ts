import type { BenchWorld } from "./bench-world.ts";
import type { ChangeDriver } from "./change-driver.ts";
import { GraphLogTap, latencies, percentile } from "./latency.ts";
import { UsageMeter, type ProcessUsage } from "./process-stats.ts";

/** What one load phase measured. */
export interface PhaseResult {
  scenario: string;
  bridgeProcesses: number;
  rate: number;
  seconds: number;
  changes: number;
  /** Bridge-added latency, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Change in the client → write on the other side, ms (Graph is polled: includes the poll interval). */
  endToEndP50: number;
  endToEndP99: number;
  missing: number;
  missingBySide: { teams: number; slack: number; noArrival: number };
  /** After the last change: until every sync job was done, s. */
  drainSeconds: number;
  /** Changes mirrored per second, from the first change until the bridges were idle again. */
  mirroredPerSecond: number;
  throttled: number;
  slackEvents: number;
  slackWrites: number;
  teamsWrites: number;
  usage: ProcessUsage[];
}

export async function runPhase(
  world: BenchWorld,
  driver: ChangeDriver,
  scenario: string,
  rate: number,
  seconds: number,
): Promise<PhaseResult> {
  world.slack.control.clearCalls();
  const tap = new GraphLogTap(world);
  const meter = new UsageMeter(() => ({
    "slack-bridge": world.pools.slack.map((r) => r.pid).filter((pid): pid is number => pid !== null),
    "teams-bridge": world.pools.teams.map((r) => r.pid).filter((pid): pid is number => pid !== null),
    "emulators + driver": [process.pid],
  }));
  const from = Date.now();
  meter.start();
  const changes = await driver.run(rate, seconds);
  const loadEnded = Date.now();
  await world.idle(600_000);
  const idleAt = Date.now() - 2_000; // idle() waits 2 s of quiet
  const usage = meter.stop();
  const measured = latencies(
    changes,
    from,
    tap.stop(),
    world.slack.control.calls(),
    world.slack.control.deliveries(),
  );
  const bridge = measured.bridgeMs;
  return {
    scenario,
    bridgeProcesses: world.pools.slack.length,
    rate,
    seconds,
    changes: changes.length,
    p50: percentile(bridge, 50),
    p95: percentile(bridge, 95),
    p99: percentile(bridge, 99),
    max: percentile(bridge, 100),
    endToEndP50: percentile(measured.endToEndMs, 50),
    endToEndP99: percentile(measured.endToEndMs, 99),
    missing: measured.missing,
    missingBySide: measured.missingBySide,
    drainSeconds: Math.max(0, (idleAt - loadEnded) / 1000),
    mirroredPerSecond: Math.round(
      (changes.length - measured.missing) / ((Math.max(idleAt, loadEnded) - from) / 1000),
    ),
    throttled: measured.throttled,
    slackEvents: measured.slackEvents,
    slackWrites: measured.slackWrites,
    teamsWrites: measured.teamsWrites,
    usage,
  };
}
