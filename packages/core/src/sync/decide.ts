import { slackPresenceState, teamsPresenceState } from "../model/canonical.ts";
import type { SlackView, TeamsView } from "../model/facets.ts";
import type { SlackHold, TeamsHold } from "../model/hold.ts";
import { otherSide, type Side, type Spoke } from "../model/vocabulary.ts";
import { conflictBlocks } from "../policy/conflict.ts";
import { isFlapping } from "../policy/flap-breaker.ts";
import { allowsFlow } from "../policy/policy.ts";
import { classifyObservation } from "./classify-observation.ts";
import {
  ownSlackClassification,
  ownSlackView,
  ownTeamsView,
  releaseLostSlackOwnership,
  releaseLostTeamsOwnership,
} from "./own-state.ts";
import { leavingFacets } from "./ownership.ts";
import { sameHold } from "./same-hold.ts";
import { computeSlackHold, type TargetResult } from "./slack-target.ts";
import {
  activeExternalState,
  externalStateFingerprint,
  type ExternalState,
} from "../model/external-state.ts";
import { teamsHoldWithExternal, teamsViewWithExternal } from "./external-overlay.ts";
import { publishedState, samePublished } from "./published-state.ts";
import { takeInObserved } from "./take-in-observed.ts";
import { computeTeamsHold } from "./teams-target.ts";
import type {
  DecideInput,
  Decision,
  LinkSnapshot,
  SideRecord,
  SyncEventDraft,
  WebhookRecord,
} from "./types.ts";

type SlackRecord = SideRecord<SlackView, SlackHold>;
type TeamsRecord = SideRecord<TeamsView, TeamsHold>;

/**
 * The sync decision for one observation (pure). It takes the observation in (ordering, duplicate,
 * echo and provenance checks), then recomputes what the bridge should hold on each side from the
 * person's own state on the other: first towards the other side (the change being mirrored), then
 * back towards the observed side (a manual status or a conflict that no longer blocks, and the
 * other side's own state showing through). A state is only ever carried away from the side it was
 * observed on, so it can never return there (origin rule).
 */
export function decide(input: DecideInput): Decision {
  const side = input.observation.side;
  const decision =
    side === "outlook" ? decideOutlook(input) : side === "webhook" ? decideWebhook(input) : decideSide(input);
  return withPublished(input, decision);
}

function decideSide(input: DecideInput): Decision {
  const { link, observation, now } = input;
  if (observation.side === "outlook" || observation.side === "webhook")
    throw new Error("not a mirrored side");
  const side = observation.side;
  const { cls, view, versions } = classifyObservation(
    link,
    observation,
    input.expectations,
    input.settings,
    now,
  );
  let slack: SlackRecord = link.slack;
  let teams: TeamsRecord = link.teams;
  if (side === "slack") slack = { ...slack, view: view as SlackView, versions };
  else teams = { ...teams, view: view as TeamsView, versions };

  const events: SyncEventDraft[] = [];
  const result = (writes: Side[] = [], pause: Decision["pause"] = null): Decision => ({
    slack,
    teams,
    outlook: link.outlook,
    webhook: link.webhook,
    publish: false,
    writes,
    pause,
    events,
  });

  if (cls.kind === "stale") {
    events.push(
      event("stale_dropped", side, "Older than what was already seen", { facets: cls.staleFacets }),
    );
    return result();
  }
  if (cls.kind === "duplicate") {
    events.push(event("duplicate_dropped", side, "Nothing changed", {}));
    return result();
  }
  if (cls.kind === "echo") {
    const message = cls.by === "expectation" ? "Echo of the bridge's own write" : "The bridge's own state";
    events.push(event("echo_dropped", side, message, { facets: cls.echoFacets, by: cls.by }));
    return result();
  }

  const released =
    side === "slack"
      ? releaseLostSlackOwnership(slack, cls.realFacets)
      : releaseLostTeamsOwnership(teams, cls.realFacets);
  if (side === "slack") slack = released.record as SlackRecord;
  else teams = released.record as TeamsRecord;
  if (released.released.length > 0) {
    events.push(
      event("ownership_released", side, "The person changed what the bridge held; it lets go", {
        facets: released.released,
      }),
    );
  }

  if (!isActive(link, now)) {
    events.push(
      event("paused", side, `Link is ${link.status}; nothing mirrored`, { facets: cls.realFacets }),
    );
    return result();
  }

  const target = otherSide(side);
  // A change the bridge's own write induced may flow on to the other side, but never decides again
  // what the bridge holds on the side it came from: that would feed back (DESIGN §5).
  const inducedOnly = cls.inducedFacets.length === cls.realFacets.length;
  if (inducedOnly) {
    events.push(
      event("echo_dropped", side, "Changed by the bridge's own write (Graph aggregation); not re-evaluated", {
        facets: cls.inducedFacets,
        by: "aggregation",
      }),
    );
  }
  const settled = settle(input, { ...link, slack, teams }, events, {
    directions: [
      { to: target, describeAlways: true, backOff: [] },
      ...(inducedOnly ? [] : [{ to: side, describeAlways: false, backOff: released.released }]),
    ],
    facets: cls.realFacets,
    eventSide: side,
  });
  slack = settled.slack;
  teams = settled.teams;
  return result(settled.writes, settled.pause);
}

/**
 * An Outlook observation (calendar, automatic replies) changes no one's state by itself: it tells
 * when the person's Teams state ends, so what the bridge holds on Slack is re-decided (a meeting
 * status gets the meeting's end as its expiry). The bridge never writes Outlook.
 */
function decideOutlook(input: DecideInput): Decision {
  const { link, observation, now } = input;
  const taken = takeInObserved(link.outlook, observation);
  const events: SyncEventDraft[] = [];
  const unchanged = {
    slack: link.slack,
    teams: link.teams,
    outlook: taken.record,
    webhook: link.webhook,
    publish: false,
    writes: [],
    pause: null,
  };
  if (taken.kind === "stale") {
    events.push(
      event("stale_dropped", "outlook", "Older than what was already seen", { facets: taken.facets }),
    );
    return { ...unchanged, events };
  }
  // Calendars are read again and again: an unchanged one is not worth an audit entry.
  if (taken.kind === "duplicate") return { ...unchanged, events };
  if (!isActive(link, now)) {
    events.push(
      event("paused", "outlook", `Link is ${link.status}; nothing mirrored`, { facets: taken.facets }),
    );
    return { ...unchanged, events };
  }
  const settled = settle(input, { ...link, outlook: taken.record }, events, {
    directions: [{ to: "slack", describeAlways: false, backOff: [] }],
    facets: taken.facets,
    eventSide: "outlook",
  });
  return { ...settled, outlook: taken.record, webhook: link.webhook, publish: false, events };
}

/**
 * A connected system's report (webhook spoke): a state it reports now, or that it reports nothing.
 * A report of the very state the bridge just sent that system is its echo. Otherwise the system's
 * state joins the person's own state on its way to Slack and Teams (where it is more restrictive).
 */
function decideWebhook(input: DecideInput): Decision {
  const { link, observation, now } = input;
  const taken = takeInObserved(link.webhook, observation);
  const events: SyncEventDraft[] = [];
  const unchanged = {
    slack: link.slack,
    teams: link.teams,
    outlook: link.outlook,
    webhook: taken.record,
    publish: false,
    writes: [],
    pause: null,
  };
  if (taken.kind === "stale") {
    events.push(
      event("stale_dropped", "webhook", "Older than what was already reported", {
        connections: taken.facets,
      }),
    );
    return { ...unchanged, events };
  }
  if (taken.kind === "duplicate") {
    events.push(event("duplicate_dropped", "webhook", "Nothing changed", {}));
    return { ...unchanged, events };
  }
  const reported = taken.record.view;
  const echoes = taken.facets.filter((connection) =>
    input.expectations.some(
      (e) =>
        e.side === "webhook" &&
        e.facet === connection &&
        e.expiresAt > now &&
        e.fingerprint === externalStateFingerprint(reported[connection] ?? null),
    ),
  );
  // A system reporting back what the bridge sent it has no state of its own any more (it shows ours):
  // keeping what it reported before would keep a call that ended as the echo came in.
  const view = { ...reported };
  for (const connection of echoes) view[connection] = null;
  const record: WebhookRecord = { ...taken.record, view };
  const real = taken.facets.filter((connection) => !echoes.includes(connection));
  if (echoes.length > 0) {
    events.push(
      event("echo_dropped", "webhook", "The system reported back the state the bridge sent it", {
        connections: echoes,
        by: "expectation",
      }),
    );
  }
  const changed = Object.keys(view).some(
    (connection) =>
      JSON.stringify(view[connection] ?? null) !== JSON.stringify(link.webhook.view[connection] ?? null),
  );
  if (!changed) return { ...unchanged, webhook: record, events };
  if (!isActive(link, now)) {
    events.push(
      event("paused", "webhook", `Link is ${link.status}; nothing mirrored`, { connections: real }),
    );
    return { ...unchanged, webhook: record, events };
  }
  const settled = settle(input, { ...link, webhook: record }, events, {
    directions: [
      { to: "slack", describeAlways: real.length > 0, backOff: [] },
      { to: "teams", describeAlways: real.length > 0, backOff: [] },
    ],
    facets: taken.facets,
    eventSide: "webhook",
  });
  return { ...settled, outlook: link.outlook, webhook: record, publish: false, events };
}

/**
 * Decides what the webhook spoke sends out: the person's own state (published state). A link that is
 * not active shares nothing (null is sent once). `publish` says a delivery is due.
 */
function withPublished(input: DecideInput, decision: Decision): Decision {
  const link: LinkSnapshot = {
    ...input.link,
    slack: decision.slack,
    teams: decision.teams,
    outlook: decision.outlook,
    webhook: decision.webhook,
  };
  const active = isActive(link, input.now);
  const own = ownViews(input, link);
  // The person's own Teams presence hidden behind the bridge's session (Graph shows only the
  // aggregate): what to send is not known now; what was sent stands.
  if (active && own.teams.presence === undefined && link.teams.view.presence !== undefined) return decision;
  const next = active ? publishedState({ ...own, now: input.now }) : null;
  const previous = decision.webhook.hold.state;
  // Nothing was ever sent and there is nothing to share: no delivery.
  if (previous === undefined && next === null) return decision;
  if (previous !== undefined && samePublished(previous, next)) return decision;
  const webhook: WebhookRecord = { ...decision.webhook, hold: { state: next } };
  return { ...decision, webhook, publish: true };
}

/**
 * Re-decides what the bridge holds on both sides without a new observation: after a pause or resume,
 * a change of direction, policy, rules or settings, or a reconnection. A link that is not active
 * (paused, waiting for re-auth, disabled) holds nothing: what the bridge wrote is cleared.
 */
export function reconsider(input: Omit<DecideInput, "observation">, reason: string): Decision {
  const { link, now } = input;
  const events: SyncEventDraft[] = [];
  if (!isActive(link, now)) {
    const writes = (["slack", "teams"] as const).filter((s) => !sameHold(link[s].hold, {}));
    if (writes.length > 0) {
      events.push(
        event("paused", null, `Link is ${link.status}; the bridge lets go of what it held`, {
          reason,
          sides: writes,
        }),
      );
    }
    return withPublished(
      { ...input, observation: NO_OBSERVATION(now) },
      {
        slack: { ...link.slack, hold: {} },
        teams: { ...link.teams, hold: {} },
        outlook: link.outlook,
        webhook: link.webhook,
        publish: false,
        writes,
        pause: null,
        events,
      },
    );
  }
  const settled = settle({ ...input, observation: NO_OBSERVATION(now) }, link, events, {
    directions: [
      { to: "slack", describeAlways: false, backOff: [] },
      { to: "teams", describeAlways: false, backOff: [] },
    ],
    facets: [],
    eventSide: null,
  });
  for (const e of events) e.detail = { ...e.detail, reason };
  return withPublished(
    { ...input, observation: NO_OBSERVATION(now) },
    {
      slack: settled.slack,
      teams: settled.teams,
      outlook: link.outlook,
      webhook: link.webhook,
      publish: false,
      writes: settled.writes,
      pause: settled.pause,
      events,
    },
  );
}

/** reconsider() decides without an observation. */
const NO_OBSERVATION = (now: number) => ({
  side: "slack" as const,
  facets: {},
  version: "",
  observedAt: now,
});

interface SettleOptions {
  /** Sides to re-decide, in order; `backOff`: facets the person just took back there (not written back). */
  directions: { to: Side; describeAlways: boolean; backOff: readonly string[] }[];
  /** The observed facets that prompted it (for the audit trail). */
  facets: string[];
  eventSide: Spoke | null;
}

/** Recomputes the holds of the given sides from the other sides' own states; flap breaker included. */
function settle(input: DecideInput, link: LinkSnapshot, events: SyncEventDraft[], options: SettleOptions) {
  let slack: SlackRecord = link.slack;
  let teams: TeamsRecord = link.teams;
  const before = { slack: slack.hold, teams: teams.hold };
  for (const { to, describeAlways, backOff: takenBack } of options.directions) {
    const from = otherSide(to);
    if (!allowsFlow(link.direction, from)) {
      // Sharing into this side is off: the bridge holds nothing there (what it wrote is cleared).
      if (to === "slack") slack = { ...slack, hold: {} };
      else teams = { ...teams, hold: {} };
      const released = !sameHold(before[to], {});
      if (describeAlways || released) {
        const message = released
          ? `Sharing from ${from} to ${to} is off; the bridge lets go of what it held on ${to}`
          : `Sharing from ${from} to ${to} is off`;
        events.push(event("direction_off", to, message, {}));
      }
      continue;
    }
    const outcome = evaluate(to, { ...input, link: { ...link, slack, teams } });
    backOff(outcome, takenBack);
    if (to === "slack") slack = { ...slack, hold: outcome.result.hold as SlackHold };
    else teams = { ...teams, hold: outcome.result.hold as TeamsHold };
    const changed = !sameHold(before[to], outcome.result.hold);
    if (describeAlways || changed || outcome.result.manualKept.length > 0) {
      events.push(describe(from, to, outcome, changed, options.facets));
    }
  }

  const writes = (["slack", "teams"] as const).filter(
    (s) => !sameHold(before[s], (s === "slack" ? slack : teams).hold),
  );
  if (
    writes.length > 0 &&
    isFlapping({
      recentWrites: input.recentWrites + writes.length - 1,
      maxWrites: input.settings.flapMaxWrites,
    })
  ) {
    events.push(
      event(
        "flap_paused",
        options.eventSide,
        `More than ${input.settings.flapMaxWrites} writes in ${input.settings.flapWindowSeconds} s: link paused`,
        { recentWrites: input.recentWrites },
      ),
    );
    return {
      slack: { ...slack, hold: before.slack },
      teams: { ...teams, hold: before.teams },
      writes: [],
      pause: { reason: "flapping" },
    };
  }
  return { slack, teams, writes, pause: null };
}

interface Evaluation {
  result: TargetResult<SlackHold | TeamsHold>;
  conflict: boolean;
  /** The person's own state on each side that the decision was taken on (recorded for dry runs). */
  own: { slack: SlackView; teams: TeamsView };
}

/** The person's own state on each side (what the bridge holds there does not count), and what it means. */
function ownViews(input: DecideInput, link: LinkSnapshot) {
  const { rules, settings, now } = input;
  const slackOwnView = ownSlackView(
    link.slack,
    settings,
    leavingFacets("slack", link.slack.view, input.expectations, now),
  );
  return {
    slackOwnView,
    slack: ownSlackClassification(slackOwnView, rules, settings, now),
    teams: ownTeamsView(link.teams, leavingFacets("teams", link.teams.view, input.expectations, now)),
    outlook: link.outlook.view,
  };
}

/** Recomputes the hold on `to` from the person's own state on the other side (and connected systems'). */
function evaluate(to: Side, input: DecideInput): Evaluation {
  const { link, rules, settings, now } = input;
  const own = ownViews(input, link);
  const slackOwnView = own.slackOwnView;
  const slackOwn = own.slack;
  const teamsOwn = own.teams;
  const external: ExternalState | null = activeExternalState(link.webhook.view, now);
  const meta = { observedAt: input.observation.observedAt, sourceVersion: input.observation.version };
  const views = { slack: slackOwnView, teams: teamsOwn };
  if (to === "slack" && teamsOwn.presence === undefined && !external) {
    // The person's own Teams presence is unknown: not seen yet, or hidden behind the bridge's own
    // session. Deciding on it would act on the bridge's own state; keep what is held.
    return { result: { hold: link.slack.hold, ruleId: null, manualKept: [] }, conflict: false, own: views };
  }
  const states = { slack: slackPresenceState(slackOwn, meta), teams: teamsPresenceState(teamsOwn, meta) };
  if (conflictBlocks(link.policy.conflictPolicy, to, states)) {
    return { result: { hold: {}, ruleId: null, manualKept: [] }, conflict: true, own: views };
  }
  const common = { policy: link.policy, rules, settings };
  if (to === "slack") {
    const withExternal = teamsViewWithExternal(teamsOwn, external);
    const result = computeSlackHold({
      ...common,
      teamsOwn: withExternal.view,
      outlook: link.outlook.view,
      knownEnd: withExternal.external ? withExternal.end : undefined,
      slackHold: link.slack.hold,
      slackOwnView,
      slackOwn,
      now,
    });
    return { result, conflict: false, own: views };
  }
  const result = computeTeamsHold({ ...common, slackOwn, teamsHold: link.teams.hold, teamsOwn });
  return {
    result: { ...result, hold: teamsHoldWithExternal(result.hold, external) },
    conflict: false,
    own: views,
  };
}

/**
 * A facet the person just took back from the bridge (cleared or replaced its status, ended its
 * snooze) stays theirs until the other side changes again: re-evaluating towards their side must
 * not write it straight back.
 */
function backOff(outcome: Evaluation, released: readonly string[]): void {
  if (released.length === 0) return;
  const hold = { ...outcome.result.hold } as Record<string, unknown>;
  for (const facet of released) delete hold[facet];
  outcome.result = { ...outcome.result, hold: hold as SlackHold | TeamsHold };
}

function describe(
  from: Side,
  to: Side,
  outcome: Evaluation,
  changed: boolean,
  facets: string[],
): SyncEventDraft {
  const detail = { from, rule: outcome.result.ruleId, hold: outcome.result.hold, facets, own: outcome.own };
  if (outcome.conflict) {
    return event(
      "conflict_resolved",
      to,
      `The person's own ${to} state wins; the bridge holds nothing on ${to}`,
      detail,
    );
  }
  if (outcome.result.manualKept.length > 0 && !changed) {
    return event(
      "manual_kept",
      to,
      `Kept the person's own ${outcome.result.manualKept.join(", ")} on ${to}`,
      detail,
    );
  }
  if (!changed) return event("no_change", to, `${to} already shows this`, detail);
  const rule = outcome.result.ruleId === null ? "" : ` (rule ${outcome.result.ruleId})`;
  return event("mirrored", to, `Mirrored ${from} → ${to}${rule}`, detail);
}

function isActive(link: LinkSnapshot, now: number): boolean {
  if (link.status === "active") return true;
  return link.status === "paused" && link.pausedUntil !== null && link.pausedUntil <= now;
}

function event(
  kind: SyncEventDraft["kind"],
  side: Spoke | null,
  message: string,
  detail: Record<string, unknown>,
): SyncEventDraft {
  return { kind, side, message, detail };
}
