import { BridgeError } from "@presence/core";
import type { TaskList } from "graphile-worker";
import { z } from "zod";

import { linkedPeople } from "../inbound/watched-people.ts";
import { outlookChain, scheduleChain, TEAMS_TASKS } from "../jobs/job-chains.ts";
import type { TeamsContext } from "../teams-context.ts";
import type { ScheduleReader } from "./schedule-reader.ts";
import { dueThisMinute } from "./schedule-window.ts";

const MINUTE = 60_000;
/** Without Calendars.ReadBasic.All / MailboxSettings.Read (not consented yet) the chain asks again this rarely. */
const MISSING_PERMISSION_BACKOFF_MS = 60 * MINUTE;

const ZOutlookPayload = z.object({ tenantId: z.string().min(1) });

/**
 * The Outlook spoke's chain, one per tenant: once a minute it reads the linked people whose slot
 * this minute is (everyone once per OUTLOOK_READ_INTERVAL_MINUTES). A 429 waits for Retry-After; a
 * 403 (the permissions not granted) is logged and asked again an hour later — presence mirroring
 * goes on without end times meanwhile.
 */
export function outlookTasks(deps: TeamsContext & { schedules: ScheduleReader }): TaskList {
  const { db, logger, settings } = deps;
  return {
    [TEAMS_TASKS.outlook]: async (raw) => {
      const { tenantId } = ZOutlookPayload.parse(raw);
      const interval = settings.timing.outlookReadIntervalMs;
      if (interval <= 0) return;
      const now = deps.now();
      let at = (Math.floor(now / MINUTE) + 1) * MINUTE;
      try {
        const due = dueThisMinute(await linkedPeople(db, tenantId), now, interval);
        const result = await deps.schedules.read(tenantId, due);
        if (result.read > 0) logger.debug({ ...result }, "Outlook calendars read");
        if (result.refused > 0)
          logger.warn(
            { refused: result.refused },
            "some mailboxes are outside the app's scope (an Exchange application access policy?): their meetings are mirrored without end times",
          );
      } catch (thrown) {
        const error = BridgeError.from(thrown);
        if (error.code === "rate_limited") at = now + (error.retryAfterMs ?? 30_000);
        else if (error.code === "missing_permission") {
          at = now + MISSING_PERMISSION_BACKOFF_MS;
          logger.warn(
            { err: error.message },
            "cannot read Outlook calendars: grant Calendars.ReadBasic.All and MailboxSettings.Read (application) to read meeting and out-of-office end times; asking again in an hour",
          );
        } else logger.warn({ code: error.code, err: error.message }, "Outlook read failed");
      }
      await scheduleChain(db, outlookChain(tenantId), at);
    },
  };
}
