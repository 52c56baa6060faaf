import type { DemoWorld } from "./demo-world.ts";

/** One demo person on both sides, with the emulators' control APIs. */
export function demoPerson(world: DemoWorld, index: number) {
  const slack = world.demo.slack?.people[index];
  const teams = world.demo.graph?.people[index];
  const slackControl = world.demo.slack?.emulator.control;
  const graphControl = world.demo.graph?.emulator.control;
  if (!slack || !teams || !slackControl || !graphControl) throw new Error("demo person missing");
  return { slack, teams, slackControl, graphControl };
}

/** Waits until `check` holds (polling every 100 ms), or fails naming what it waited for. */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
