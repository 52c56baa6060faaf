import { nextExternalEnd, type LinkSnapshot } from "@presence/core";
import type { Db } from "@presence/db";

import { enqueueReconsiderAt } from "../queue/enqueue.ts";

/**
 * The link as decide() should see it: only the reports of connections that are active and take reports
 * in count — a system turned off (by an admin, or after answering 410) can no longer say its call ended.
 */
export function withReportingSystems(link: LinkSnapshot, reporting: ReadonlySet<string>): LinkSnapshot {
  const view = Object.fromEntries(Object.entries(link.webhook.view).filter(([id]) => reporting.has(id)));
  return { ...link, webhook: { ...link.webhook, view } };
}

/** A system's state that ends by itself (its until) is decided again then: the bridge lets go of it. */
export async function scheduleExternalEnd(
  tx: Db,
  linkId: string,
  view: LinkSnapshot["webhook"]["view"],
  now: number,
): Promise<void> {
  const end = nextExternalEnd(view, now);
  if (end !== null) await enqueueReconsiderAt(tx, linkId, "a connected system's state ended", end + 1_000);
}
