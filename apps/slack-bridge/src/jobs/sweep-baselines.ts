import type { SlackContext } from "../slack-context.ts";
import { listUnobservedInstalledPeople } from "../store/installation-rows.ts";
import { enqueueFullReads } from "./read-person.ts";

/** At most this many reads are scheduled per sweep (the reads themselves wait for their budgets). */
const SWEEP_LIMIT = 500;

/**
 * The baseline sweep (cron, once a minute): every active link whose Slack side was never observed —
 * a link made by an admin, by the Teams bridge's connect flow, or before the person connected Slack —
 * gets a read of the person's current Slack state. It also reconciles what Socket Mode may have
 * acknowledged but not stored. Only workspaces the app is installed in are read.
 */
export async function sweepBaselines(context: SlackContext): Promise<number> {
  const due = await listUnobservedInstalledPeople(context.db, SWEEP_LIMIT);
  await enqueueFullReads(context.db, due, "slack:baseline");
  return due.length;
}
