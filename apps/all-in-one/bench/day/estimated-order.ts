import { expectedSlackStateEnd, type SlackHold } from "@presence/core";
import { outlookRead, presenceAt, type DayTraceOptions, type PersonDay } from "@presence/core/testing";

import { teamsView, type FacetTimelines } from "./expected-slack.ts";
import type { FacetOrders } from "./ideal-scheduler.ts";
import { segmentIndexAt } from "./timeline.ts";

/** The hold a `status` value of the expected timeline stands for (`"<emoji> <text>"`, `""` for none). */
function statusHold(value: string): SlackHold {
  if (value === "") return {};
  const space = value.indexOf(" ");
  return { status: { emoji: value.slice(0, space), text: value.slice(space + 1), expiresAt: null } };
}

/**
 * The bridge's own order, for the ideal scheduler (zero latency, no clairvoyance): a waiting status write
 * ranked by when the bridge expects its status to end (expectedSlackStateEnd, the function the pipeline
 * ranks write jobs with), from the Teams state Graph reported when the status began and, `withCalendars`,
 * the person's Outlook view as the Outlook spoke would have read it then; DND and away first come first
 * served, as the bridge writes them. `days[i].presence` is what Graph reported for person i, `expected[i]`
 * what Slack should show of them.
 */
export function bridgeOrder(
  days: readonly PersonDay[],
  expected: readonly FacetTimelines[],
  options: { withCalendars: boolean; trace: DayTraceOptions },
): FacetOrders {
  return {
    status: {
      expectedEnd: (person, from) => {
        const day = days[person];
        const status = expected[person]?.status;
        if (!day || !status) throw new Error(`no day for person ${person}`);
        return expectedSlackStateEnd(
          {
            teams: teamsView(presenceAt(day, from)),
            hold: statusHold(status[segmentIndexAt(status, from)]?.value ?? ""),
            ...(options.withCalendars ? { outlook: outlookRead(day, from, options.trace) } : {}),
          },
          from,
        );
      },
    },
    dnd: "oldest-pending",
    away: "oldest-pending",
  };
}
