import { stripSlackMarker, ZBridgeSettings } from "@presence/core";
import type { ApiCallRecord } from "@presence/slack-emulator";

import type { BenchPerson, BenchWorld } from "../bench-world.ts";
import { appendSegment, type Segment } from "./timeline.ts";
import {
  NOTHING_SHOWN,
  SLACK_FACET_NAMES,
  statusKey,
  type FacetTimelines,
  type SlackFacets,
} from "./expected-slack.ts";
import { toTrace, type DayClock } from "./replay-day.ts";

/** The bridge's provenance marker (the settings' default) is not part of the status. */
const MARKER = ZBridgeSettings.parse({}).slackStatusMarker;

/** A Slack status as the scenario compares it: marker stripped, "" for none. */
export function shownStatus(text: string, emoji: string): string {
  const plain = stripSlackMarker(text, MARKER);
  return plain === "" && emoji === "" ? NOTHING_SHOWN.status : statusKey(emoji, plain);
}

/** What Slack shows of each person now (read from the emulator's world). */
export function readSlackNow(world: BenchWorld, person: BenchPerson): SlackFacets {
  const control = world.slack.control;
  const profile = control.getProfile({ userId: person.slackId }) as {
    status_text: string;
    status_emoji: string;
  };
  const dnd = control.getDnd({ userId: person.slackId }) as { snooze_enabled?: boolean };
  const presence = control.getPresence({ userId: person.slackId }) as {
    manualAway?: boolean;
    presence: string;
  };
  return {
    status: shownStatus(profile.status_text, profile.status_emoji),
    dnd: dnd.snooze_enabled === true,
    away: presence.manualAway ?? presence.presence === "away",
  };
}

type Facet = keyof SlackFacets;
type Write = { at: number; facet: Facet; value: string | boolean; expiresAt: number | null };

/**
 * Each person's Slack state over the replay, rebuilt from the Web API calls Slack accepted (only the
 * bridge writes these people's Slack state in this scenario) and the expiries Slack applies itself
 * (a status's `status_expiration`, a snooze's end; a later write of the facet cancels them), in trace
 * time, from the state at the origin.
 */
export function shownTimelines(
  calls: readonly ApiCallRecord[],
  people: readonly { person: BenchPerson; initial: SlackFacets }[],
  clock: DayClock,
): Map<string, FacetTimelines> {
  const writes = new Map<string, Write[]>();
  const add = (userId: string, write: Write) => {
    const list = writes.get(userId);
    if (list) list.push(write);
    else writes.set(userId, [write]);
  };
  const expiry = (epochSeconds: unknown) =>
    Number(epochSeconds) > 0 ? toTrace(clock, Number(epochSeconds) * 1000) : null;
  for (const call of calls) {
    if (call.status !== 200 || call.response.ok !== true || !call.userId) continue;
    if (call.at < clock.realOrigin) continue;
    const at = toTrace(clock, call.at);
    if (call.method === "users.profile.set") {
      const profile = call.response.profile as {
        status_text?: string;
        status_emoji?: string;
        status_expiration?: number;
      };
      const value = shownStatus(profile.status_text ?? "", profile.status_emoji ?? "");
      add(call.userId, {
        at,
        facet: "status",
        value,
        expiresAt: value ? expiry(profile.status_expiration) : null,
      });
    } else if (call.method === "dnd.setSnooze") {
      add(call.userId, { at, facet: "dnd", value: true, expiresAt: expiry(call.response.snooze_endtime) });
    } else if (call.method === "dnd.endSnooze") {
      add(call.userId, { at, facet: "dnd", value: false, expiresAt: null });
    } else if (call.method === "users.setPresence") {
      add(call.userId, { at, facet: "away", value: call.args.presence === "away", expiresAt: null });
    }
  }
  const cleared: SlackFacets = NOTHING_SHOWN;
  const result = new Map<string, FacetTimelines>();
  for (const { person, initial } of people) {
    const timelines = {
      status: [{ from: clock.traceOrigin, value: initial.status }],
      dnd: [{ from: clock.traceOrigin, value: initial.dnd }],
      away: [{ from: clock.traceOrigin, value: initial.away }],
    };
    const push = (facet: Facet, at: number, value: string | boolean) => {
      const line = timelines[facet] as Segment<string | boolean>[];
      // An expiry Slack had already applied when the write was answered counts from that write.
      appendSegment(line, Math.max(at, line[line.length - 1]?.from ?? at), value);
    };
    const pending = new Map<Facet, number>();
    const expireUntil = (facet: Facet, at: number) => {
      const due = pending.get(facet);
      if (due !== undefined && due <= at) {
        push(facet, due, cleared[facet]);
        pending.delete(facet);
      }
    };
    for (const write of (writes.get(person.slackId) ?? []).sort((a, b) => a.at - b.at)) {
      expireUntil(write.facet, write.at);
      push(write.facet, write.at, write.value);
      if (write.expiresAt === null) pending.delete(write.facet);
      else pending.set(write.facet, write.expiresAt);
    }
    for (const facet of SLACK_FACET_NAMES) expireUntil(facet, Number.POSITIVE_INFINITY);
    result.set(person.slackId, timelines);
  }
  return result;
}
