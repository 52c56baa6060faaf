import {
  EXTERNAL_ACTIVITIES,
  externalStateFingerprint,
  nextExternalEnd,
  type ExternalState,
  type PublishedState,
} from "../model/external-state.ts";
import type { SlackStatus, TeamsPresence, TeamsView } from "../model/facets.ts";
import type { CalendarBlock } from "../model/schedule.ts";
import type { Side } from "../model/vocabulary.ts";
import type { BridgeSettings, LinkPolicyOverrides } from "../policy/policy.ts";
import type { RuleSet } from "../rules/rule-set.ts";
import type { Observation } from "../sync/types.ts";
import type { WriteOp } from "../sync/write-plan.ts";
import { MemoryBridge } from "./memory-bridge.ts";
import { SimGraph } from "./sim-graph.ts";
import { SimSlack, type SimEvent } from "./sim-slack.ts";

const MIN = 60_000;

export const SLACK_STATUS_PALETTE: readonly Omit<SlackStatus, "expiresAt">[] = [
  { text: "", emoji: "" },
  { text: "Standup", emoji: ":spiral_calendar_pad:" },
  { text: "Focus time", emoji: ":headphones:" },
  { text: "Vacationing", emoji: ":palm_tree:" },
  { text: "Working remotely", emoji: ":house_with_garden:" },
  { text: "Lunch", emoji: ":hamburger:" },
  { text: "Commuting", emoji: ":bus:" },
  { text: "Out sick", emoji: ":face_with_thermometer:" },
];

export const TEAMS_SESSION_PALETTE: readonly (TeamsPresence | null)[] = [
  null,
  { availability: "Available", activity: "Available" },
  { availability: "Busy", activity: "InAMeeting" },
  { availability: "Busy", activity: "InACall" },
  { availability: "Busy", activity: "Busy" },
  { availability: "DoNotDisturb", activity: "Presenting" },
  { availability: "Away", activity: "Away" },
];

export const TEAMS_PREFERRED_PALETTE: readonly (TeamsPresence | null)[] = [
  null,
  { availability: "DoNotDisturb", activity: "DoNotDisturb" },
  { availability: "BeRightBack", activity: "BeRightBack" },
  { availability: "Away", activity: "Away" },
  { availability: "Offline", activity: "OffWork" },
];

export const TEAMS_MESSAGE_PALETTE = ["", "Back at 3", "Working from home"] as const;

/** What a connected system (a phone system) may report: nothing, or a state (some with an end, in minutes). */
export const SYSTEM_PALETTE: readonly ((Omit<ExternalState, "until"> & { minutes: number | null }) | null)[] =
  [
    null,
    { availability: "busy", activity: "inACall", minutes: null },
    { availability: "busy", activity: "inAConferenceCall", minutes: 20 },
    { availability: "doNotDisturb", activity: "focus", minutes: 45 },
    { availability: "away", activity: "offWork", minutes: null },
    { availability: "away", activity: "away", minutes: 15 },
    { availability: "available", activity: "available", minutes: null },
  ];

/** Calendars the Outlook spoke may read, as busy blocks relative to the read (minutes). */
export const CALENDAR_PALETTE: readonly { showAs: CalendarBlock["showAs"]; from: number; to: number }[][] = [
  [],
  [{ showAs: "busy", from: -5, to: 25 }],
  [
    { showAs: "busy", from: -10, to: 20 },
    { showAs: "tentative", from: 20, to: 50 },
  ],
  [{ showAs: "busy", from: 5, to: 35 }],
  [{ showAs: "oof", from: -60, to: 600 }],
];

/** The connection the simulated system reports through. */
export const SIM_CONNECTION = "phones";

export type SimAction =
  | { type: "slackStatus"; choice: number; expiresInMinutes: number | null }
  | { type: "slackHuddle"; on: boolean }
  | { type: "slackSnooze"; minutes: number | null }
  | { type: "slackAway"; on: boolean }
  | { type: "teamsSession"; choice: number }
  | { type: "teamsPreferred"; choice: number }
  | { type: "teamsOutOfOffice"; on: boolean }
  | { type: "teamsMessage"; choice: number }
  | { type: "deliver"; pick: number }
  | { type: "redeliver"; pick: number }
  | { type: "runWrite"; side: Side; crash: boolean }
  | { type: "poll"; side: Side }
  | { type: "systemReport"; choice: number }
  | { type: "outlookRead"; choice: number }
  | { type: "advance"; seconds: number };

interface Pending {
  event: SimEvent;
  /** Delivered at least once (kept for re-delivery, as Slack and Graph retry). */
  delivered: boolean;
  /** When the side sent it (simulated clock). */
  emittedAt: number;
}

/**
 * One person, a simulated Slack and Graph, and the bridge's decisions in memory, driven by a
 * sequence of actions: the person's own changes, deliveries in any order, duplicate deliveries,
 * write jobs (crashing after the side applied them but before the bridge recorded it), polls and
 * time passing. Records the ground truth needed to check loop protection.
 */
export class Simulation {
  now = Date.UTC(2026, 10, 28, 8, 0, 0);
  readonly bridge: MemoryBridge;
  readonly slack: SimSlack;
  readonly graph: SimGraph;
  readonly pending: Pending[] = [];
  /** The person's own changes plus expiries: the "real changes". */
  realChanges = 0;
  /** Every own state the person had, per side (ground truth for origin checks). */
  readonly slackHistory: { statuses: SlackStatus[]; dnd: boolean; huddle: boolean; away: boolean } = {
    statuses: [{ text: "", emoji: "", expiresAt: null }],
    dnd: false,
    huddle: false,
    away: false,
  };
  readonly teamsHistory: TeamsView[] = [];
  /** Every state the connected system reported of its own accord (not its echoes). */
  readonly systemHistory: ExternalState[] = [];
  /**
   * Whether some event reached the bridge later than its side's echo window (the bridge then cannot
   * tell its own write's echo from the person's change: ADR 0004's stated limit).
   */
  echoWindowExceeded = false;
  /** Every state the webhook spoke sent the system. */
  readonly sentToSystem: (PublishedState | null)[] = [];
  #systemSeq = 0;

  /** The system's reports in the order it made them (their time, then a counter). */
  private systemVersion(): string {
    this.#systemSeq += 1;
    return String(this.now * 1000 + this.#systemSeq).padStart(18, "0");
  }

  constructor(options: { rules: RuleSet; settings: BridgeSettings; policy?: LinkPolicyOverrides }) {
    this.bridge = new MemoryBridge({
      rules: options.rules,
      settings: options.settings,
      policy: options.policy ?? {},
    });
    const emit = (event: SimEvent) => this.pending.push({ event, delivered: false, emittedAt: this.now });
    this.slack = new SimSlack(emit);
    this.graph = new SimGraph(emit);
    this.teamsHistory.push(this.graph.personOwn(this.now));
    this.baseline();
  }

  /** The link's first sync: both sides read once and mirrored; what that writes is not counted. */
  private baseline(): void {
    this.run({ type: "poll", side: "slack" });
    this.run({ type: "poll", side: "teams" });
    this.quiesce();
    this.slack.bridgeWrites.length = 0;
    this.graph.bridgeWrites.length = 0;
  }

  run(action: SimAction): void {
    switch (action.type) {
      case "slackStatus": {
        const base = SLACK_STATUS_PALETTE[action.choice % SLACK_STATUS_PALETTE.length] ?? {
          text: "",
          emoji: "",
        };
        const expiresAt =
          base.text === "" || action.expiresInMinutes === null
            ? null
            : this.now + action.expiresInMinutes * MIN;
        this.personChanged(() => this.slack.setStatus({ ...base, expiresAt }, this.now));
        this.slackHistory.statuses.push({ ...base, expiresAt });
        return;
      }
      case "slackHuddle":
        if (this.slack.huddle === action.on) return;
        this.personChanged(() => this.slack.setHuddle(action.on, this.now));
        this.slackHistory.huddle ||= action.on;
        return;
      case "slackSnooze":
        this.personChanged(() =>
          this.slack.setSnooze(action.minutes === null ? null : this.now + action.minutes * MIN, this.now),
        );
        this.slackHistory.dnd ||= action.minutes !== null;
        return;
      case "slackAway":
        if (this.slack.away === action.on) return;
        this.slack.away = action.on;
        this.realChanges += 1;
        this.slackHistory.away ||= action.on;
        return;
      case "teamsSession":
        this.personChanged(() =>
          this.graph.setPersonSession(
            TEAMS_SESSION_PALETTE[action.choice % TEAMS_SESSION_PALETTE.length] ?? null,
            this.now,
          ),
        );
        this.recordTeams();
        return;
      case "teamsPreferred":
        this.personChanged(() =>
          this.graph.setPreferred(
            TEAMS_PREFERRED_PALETTE[action.choice % TEAMS_PREFERRED_PALETTE.length] ?? null,
            this.now,
          ),
        );
        this.recordTeams();
        return;
      case "teamsOutOfOffice":
        this.personChanged(() => this.graph.setOutOfOffice(action.on, this.now));
        this.recordTeams();
        return;
      case "teamsMessage":
        this.personChanged(() =>
          this.graph.setMessage(
            TEAMS_MESSAGE_PALETTE[action.choice % TEAMS_MESSAGE_PALETTE.length] ?? "",
            this.now,
          ),
        );
        this.recordTeams();
        return;
      case "deliver": {
        const waiting = this.pending.filter((p) => !p.delivered);
        const next = waiting[action.pick % Math.max(1, waiting.length)];
        if (next) this.deliver(next);
        return;
      }
      case "redeliver": {
        const delivered = this.pending.filter((p) => p.delivered);
        const again = delivered[action.pick % Math.max(1, delivered.length)];
        if (again) this.observe(again.event.observation);
        return;
      }
      case "runWrite":
        this.runWrite(action.side, action.crash);
        return;
      case "poll":
        this.observe(action.side === "slack" ? this.slack.poll(this.now) : this.graph.poll(this.now));
        return;
      case "advance":
        this.advance(action.seconds * 1000);
        return;
      case "systemReport": {
        const pick = SYSTEM_PALETTE[action.choice % SYSTEM_PALETTE.length] ?? null;
        const state: ExternalState | null = pick
          ? {
              availability: pick.availability,
              activity: pick.activity,
              until: pick.minutes === null ? null : this.now + pick.minutes * MIN,
            }
          : null;
        if (state) this.systemHistory.push(state);
        this.realChanges += 1;
        this.observe({
          side: "webhook",
          facets: { [SIM_CONNECTION]: state },
          version: this.systemVersion(),
          observedAt: this.now,
        });
        return;
      }
      case "outlookRead": {
        const blocks = (CALENDAR_PALETTE[action.choice % CALENDAR_PALETTE.length] ?? []).map((b) => ({
          showAs: b.showAs,
          start: this.now + b.from * MIN,
          end: this.now + b.to * MIN,
        }));
        this.observe({
          side: "outlook",
          facets: { calendar: { from: this.now - 60 * MIN, until: this.now + 24 * 60 * MIN, blocks } },
          version: String(this.now).padStart(15, "0"),
          observedAt: this.now,
        });
        return;
      }
    }
  }

  /**
   * Takes an observation in; a state the webhook spoke is to send goes to the system at once, as its
   * delivery does (the expectation stored first), and this system reports it straight back as its own
   * (the worst case: a system that mirrors what it is told).
   */
  private observe(observation: Observation): void {
    const { slackEchoTtlSeconds, teamsEchoTtlSeconds } = this.bridge.settings;
    const window = Math.min(slackEchoTtlSeconds, teamsEchoTtlSeconds) * 1000;
    if (this.pending.some((p) => !p.delivered && this.now - p.emittedAt >= window))
      this.echoWindowExceeded = true;
    const before = this.bridge.published.length;
    this.bridge.observe(observation, this.now);
    this.deliverPublished(before);
  }

  /** Delivers what the webhook spoke was told to send since `before`; the system mirrors it straight back. */
  private deliverPublished(before: number): void {
    for (const state of this.bridge.published.slice(before)) {
      this.sentToSystem.push(state);
      // Mirroring what it is sent replaces what the system itself showed: a change of its state.
      if (this.bridge.link.webhook.view[SIM_CONNECTION]) this.realChanges += 1;
      const echo =
        state && (EXTERNAL_ACTIVITIES as readonly string[]).includes(state.activity)
          ? ({
              availability: state.availability,
              activity: state.activity,
              until: state.until,
            } as ExternalState)
          : null;
      this.bridge.expectations.push({
        side: "webhook",
        facet: SIM_CONNECTION,
        fingerprint: externalStateFingerprint(echo),
        expiresAt: this.now + 120_000,
      });
      this.bridge.observe(
        {
          side: "webhook",
          facets: { [SIM_CONNECTION]: echo },
          version: this.systemVersion(),
          observedAt: this.now,
        },
        this.now,
      );
    }
  }

  /** Delivers everything, runs every write and keeps polling until nothing is left to do. */
  quiesce(maxRounds = 100): { rounds: number } {
    for (let round = 1; round <= maxRounds; round++) {
      let busy = false;
      for (const p of this.pending.filter((q) => !q.delivered)) {
        this.deliver(p);
        busy = true;
      }
      for (const side of [...this.bridge.pendingWrites]) {
        this.runWrite(side, false);
        busy = true;
      }
      if (!busy) return { rounds: round };
    }
    throw new Error(`the system did not go quiet within ${maxRounds} rounds`);
  }

  private deliver(p: Pending): void {
    p.delivered = true;
    this.observe(p.event.observation);
  }

  private runWrite(side: Side, crash: boolean): void {
    if (!this.bridge.pendingWrites.has(side)) return;
    this.bridge.write(side, this.now, (op) => this.perform(op), { crash });
  }

  /** Time passes; the bridge keeps Available sessions alive that a rule asked to keep alive. */
  private advance(ms: number): void {
    const end = nextExternalEnd(this.bridge.link.webhook.view, this.now);
    this.now += ms;
    // The pipeline re-decides a link when a system's state ends by itself (a reconsider job at its until).
    if (end !== null && end <= this.now) {
      const before = this.bridge.published.length;
      this.bridge.reconsider(this.now, "a system's state ended");
      this.realChanges += 1;
      this.deliverPublished(before);
    }
    const session = this.bridge.link.teams.written.session;
    if (session?.keepAlive)
      this.bridge.write("teams", this.now, (op) => this.perform(op), { refresh: ["session"] });
    if (this.slack.tick(this.now)) this.realChanges += 1;
    this.graph.notifyIfChanged(this.now);
  }

  private perform(op: WriteOp): void {
    if (op.side === "slack") this.slack.apply(op, this.now);
    else this.graph.apply(op, this.now);
  }

  private personChanged(change: () => void): void {
    change();
    this.realChanges += 1;
  }

  private recordTeams(): void {
    this.teamsHistory.push(this.graph.personOwn(this.now));
  }
}
