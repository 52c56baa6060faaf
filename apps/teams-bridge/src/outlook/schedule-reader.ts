import { BridgeError, type OutlookView } from "@presence/core";
import type { DbClient } from "@presence/db";
import { enqueueObservations } from "@presence/pipeline";
import type { Logger } from "@presence/telemetry";

import type { GraphAccess } from "../client/graph-access.ts";
import {
  CALENDAR_SELECT,
  ZAutomaticRepliesSetting,
  ZCalendarViewPage,
  automaticReplies,
  calendarBlocks,
  type CalendarViewPage,
} from "./graph-schedule.ts";
import { readWindow } from "./schedule-window.ts";

/** Mailboxes read at once (Outlook allows 4 concurrent requests per mailbox; these are different ones). */
const READ_CONCURRENCY = 4;
/** calendarView pages followed per person (100 events each: a day or two never needs more). */
const MAX_PAGES = 3;

/** The source of the reader's observations (provenance). */
export const OUTLOOK_READ_SOURCE = "graph:outlook";

export interface ScheduleReadResult {
  /** People read, their requests, views that changed (taken into the pipeline), mailboxes Graph has not. */
  read: number;
  requests: number;
  changed: number;
  noMailbox: number;
  /** Mailboxes the app may not read (an Exchange application access policy or RBAC scope leaves them out). */
  refused: number;
}

/**
 * The Outlook spoke's reader: for each person, their calendar's busy blocks over the read window
 * (calendarView, free/busy only) and their automatic replies (mailboxSettings), taken into the
 * pipeline as one Outlook observation. A view equal to the last one this process took in is dropped
 * here (most reads find the same calendar); the pipeline drops the rest. A throttled or refused read
 * (429) ends the run with its BridgeError so the chain can wait; a person without a mailbox, or whose
 * mailbox the app may not read (403), is skipped — only when every read is refused does the run fail
 * with `missing_permission` (the permissions are not granted).
 */
export class ScheduleReader {
  readonly #seen = new Map<string, string>();

  constructor(
    private readonly graph: GraphAccess,
    private readonly db: DbClient,
    private readonly logger: Logger,
    private readonly lookAheadMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(tenantId: string, userIds: readonly string[]): Promise<ScheduleReadResult> {
    const result: ScheduleReadResult = { read: 0, requests: 0, changed: 0, noMailbox: 0, refused: 0 };
    const views: { userId: string; view: OutlookView; observedAt: number }[] = [];
    const queue = [...new Set(userIds.map((id) => id.toLowerCase()))];
    let failure: BridgeError | undefined;
    let refusal: BridgeError | undefined;
    const worker = async () => {
      for (let userId = queue.shift(); userId !== undefined && !failure; userId = queue.shift()) {
        try {
          const observedAt = this.now();
          views.push({ userId, view: await this.readOne(userId, observedAt, result), observedAt });
          result.read += 1;
        } catch (thrown) {
          const error = BridgeError.from(thrown);
          if (error.code === "not_found") result.noMailbox += 1;
          else if (error.code === "missing_permission") {
            // One mailbox out of the app's scope says nothing about the others; refused everywhere, it is the app's.
            result.refused += 1;
            refusal ??= error;
          } else if (error.code === "upstream_rejected" || error.code === "upstream_unavailable")
            this.logger.warn({ err: error, userId }, "could not read an Outlook calendar; next read retries");
          else failure = error;
        }
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    result.changed = await this.takeIn(tenantId, views);
    if (failure) throw failure;
    if (refusal && result.read === 0 && result.noMailbox === 0) throw refusal;
    return result;
  }

  private async readOne(userId: string, now: number, result: ScheduleReadResult): Promise<OutlookView> {
    const window = readWindow(now, this.lookAheadMs);
    const user = encodeURIComponent(userId);
    const events: CalendarViewPage["value"] = [];
    let page = await this.call(result, "calendarView", (client) =>
      client
        .api(`/users/${user}/calendarView`)
        .header("Prefer", 'outlook.timezone="UTC"')
        .query({
          startDateTime: new Date(window.from).toISOString(),
          endDateTime: new Date(window.until).toISOString(),
        })
        .select(CALENDAR_SELECT)
        .top(100)
        .get(),
    );
    for (let pages = 1; ; pages += 1) {
      const parsed = ZCalendarViewPage.parse(page);
      events.push(...parsed.value);
      const next = parsed["@odata.nextLink"];
      if (!next || pages >= MAX_PAGES) break;
      page = await this.call(result, "calendarView (next page)", (client) =>
        client.api(next).header("Prefer", 'outlook.timezone="UTC"').get(),
      );
    }
    const replies = ZAutomaticRepliesSetting.parse(
      await this.call(result, "automaticRepliesSetting", (client) =>
        client.api(`/users/${user}/mailboxSettings/automaticRepliesSetting`).get(),
      ),
    );
    return {
      calendar: { ...window, blocks: calendarBlocks(events) },
      automaticReplies: automaticReplies(replies),
    };
  }

  private call<T>(result: ScheduleReadResult, what: string, call: Parameters<GraphAccess["appCall"]>[1]) {
    result.requests += 1;
    return this.graph.appCall(what, call) as Promise<T>;
  }

  /** Takes the views that changed since this process last took them in into the pipeline. */
  private async takeIn(
    tenantId: string,
    views: readonly { userId: string; view: OutlookView; observedAt: number }[],
  ): Promise<number> {
    const fresh = views.filter(
      ({ userId, view }) => this.#seen.get(`${tenantId}/${userId}`) !== JSON.stringify(view),
    );
    if (fresh.length === 0) return 0;
    await enqueueObservations(
      this.db,
      fresh.map(({ userId, view, observedAt }) => ({
        subject: { side: "outlook" as const, tenantId, userId },
        facets: view,
        // Reads are ordered by when they were made: a later read wins over an earlier one.
        version: String(observedAt).padStart(15, "0"),
        observedAt,
        source: OUTLOOK_READ_SOURCE,
      })),
    );
    for (const { userId, view } of fresh) this.#seen.set(`${tenantId}/${userId}`, JSON.stringify(view));
    return fresh.length;
  }
}
