import { waitForIdle } from "@presence/pipeline/testing";

import type { DemoWorld } from "./demo-world.ts";

/** The Teams bridge's self-rescheduling chains (poll, renewals, directory, holds): always pending. */
const RECURRING_TASKS = [
  "teams_read",
  "teams_subscriptions",
  "teams_refresh_holds",
  "teams_directory_sync",
  "teams_outlook_read",
  "teams_supervise",
  "teams_fetch",
];

/** Waits until the demo's pipeline has nothing left to do but its recurring jobs. */
export async function waitForDemoIdle(world: DemoWorld): Promise<void> {
  await waitForIdle(world.t.db, { ignoreTasks: RECURRING_TASKS });
}
