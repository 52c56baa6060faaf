import { claimOutage, listActiveSlackAccounts } from "@presence/db";

import type { SlackContext } from "../slack-context.ts";
import { enqueueFullReads } from "./read-person.ts";

/** A killed process counts as gone once it missed its heartbeats for this long (APP_INSTANCE_ALIVE_WITHIN_MS + a beat). */
const CHECK_AFTER_MS = 20_000;

/**
 * Started with every Slack bridge process: once the processes killed before it have missed their
 * heartbeats, it looks whether the Slack bridge was down everywhere (catchUpAfterOutage). A timer, not a
 * job: a process that dies before it fires leaves the check to the next one that starts.
 */
export function startCatchUpCheck(context: SlackContext): { stop(): void } {
  const timer = setTimeout(() => {
    catchUpAfterOutage(context).catch((error: unknown) =>
      context.logger.warn({ err: error }, "could not check for an outage of the Slack bridge"),
    );
  }, CHECK_AFTER_MS);
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}

/**
 * When every Slack bridge process was killed, the events Slack sent meanwhile come back only with its
 * retries (a minute, then five minutes later) or, after a longer outage, never. So after such an outage
 * every active link's Slack state is read again (status, huddle, DND; budgeted reads) instead of waiting.
 * Nothing happens after clean stops, or while a process that was up before the restart is still alive.
 * Returns the number of people read again.
 */
export async function catchUpAfterOutage(context: SlackContext): Promise<number> {
  const killed = await claimOutage(context.db, "slack-bridge", { startedWithinMs: CHECK_AFTER_MS + 10_000 });
  if (killed === 0) return 0;
  const people = await listActiveSlackAccounts(context.db);
  await enqueueFullReads(context.db, people, "slack:catch_up");
  context.logger.warn(
    { processesKilled: killed, people: people.length },
    "the Slack bridge was down everywhere: reading every linked person's Slack state again",
  );
  return people.length;
}
