import type { TracePresence, PersonDay } from "@presence/core/testing";

import type { BenchPerson, BenchWorld } from "../bench-world.ts";

/** Trace time (the synthetic day's epoch ms) ↔ this run's wall clock, K times faster. */
export interface DayClock {
  /** Trace time the replay starts at (everything before it is the baseline). */
  traceOrigin: number;
  /** Wall-clock ms at `traceOrigin`. */
  realOrigin: number;
  speedup: number;
}

export const toReal = (clock: DayClock, traceAt: number) =>
  clock.realOrigin + (traceAt - clock.traceOrigin) / clock.speedup;
export const toTrace = (clock: DayClock, realAt: number) =>
  clock.traceOrigin + (realAt - clock.realOrigin) * clock.speedup;

/** One person's day and what Graph reported for it (trace times): the truth the bridge mirrors. */
export interface ReplayedPerson {
  person: BenchPerson;
  day: PersonDay;
  reported: TracePresence[];
}

/**
 * Puts each person's Teams state into the Graph emulator the way their clients would: one Teams
 * client session of their own (none while offline) and the out-of-office flag of their automatic
 * replies. Everything else Graph aggregates; what the person's clients make it report is recorded as
 * the truth.
 */
export class TeamsDayPlayer {
  readonly #sessions = new Map<string, string>();

  constructor(private readonly world: BenchWorld) {}

  /** Closes every session the directory opened, so that each person's presence is the trace's alone. */
  reset(people: readonly BenchPerson[]): void {
    const control = this.world.graph.emulator.control;
    for (const { teamsId } of people)
      for (const session of control.sessions(teamsId))
        if (session.kind === "teams-client") control.closeTeamsSession(teamsId, session.sessionId);
  }

  /** Applies one trace state and returns what Graph now reports of the person's own clients. */
  apply(person: BenchPerson, state: TracePresence): TracePresence {
    const control = this.world.graph.emulator.control;
    const id = person.teamsId;
    const { availability, activity } = state.presence;
    const current = control.presence(id);
    if (current.outOfOffice.isOutOfOffice !== state.outOfOffice)
      control.setOutOfOffice(id, { isOutOfOffice: state.outOfOffice });
    const session = this.#sessions.get(id);
    if (availability === "Offline") {
      // Signed out (out of office or not): no client session.
      if (session) {
        control.closeTeamsSession(id, session);
        this.#sessions.delete(id);
      }
    } else {
      // Checking in while out of office: the client is Available; Graph adds the OutOfOffice activity.
      const pair =
        activity === "OutOfOffice" ? { availability, activity: availability } : { availability, activity };
      if (session) control.updateTeamsSession(id, session, pair as never);
      else this.#sessions.set(id, control.openTeamsSession(id, pair as never).sessionId);
    }
    return this.#clientPresence(person, state);
  }

  /**
   * What the person's own Teams clients make Graph show: their session (none while offline) and the
   * out-of-office flag, aggregated as Graph does (an Available or Offline activity shows as OutOfOffice
   * while out of office). The bridge's presence session (a Slack huddle mirrored) is left out: it is
   * the mirror of Slack, not the truth about Teams. Whenever the bridge has no session, this must be
   * exactly what Graph reports, and is checked against it.
   */
  #clientPresence(person: BenchPerson, state: TracePresence): TracePresence {
    const control = this.world.graph.emulator.control;
    const id = person.teamsId;
    const sessions = control.sessions(id);
    let pair = sessions.find((s) => s.kind === "teams-client")?.shown ?? {
      availability: "Offline",
      activity: "Offline",
    };
    const outOfOffice = state.outOfOffice;
    if (outOfOffice && (pair.activity === "Available" || pair.activity === "Offline"))
      pair = { availability: pair.availability, activity: "OutOfOffice" };
    const reported = { at: state.at, presence: pair, outOfOffice } as TracePresence;
    if (!sessions.some((s) => s.kind === "app")) {
      const graph = control.presence(id);
      if (
        graph.availability !== pair.availability ||
        graph.activity !== pair.activity ||
        graph.outOfOffice.isOutOfOffice !== outOfOffice
      )
        throw new Error(
          `the replay's Teams truth for ${id} (${JSON.stringify(reported)}) is not what Graph shows (${JSON.stringify(graph)})`,
        );
    }
    return reported;
  }
}

/** Joins and leaves each person's Slack huddles in the Slack emulator, as their Slack client would. */
export class SlackDayPlayer {
  constructor(private readonly world: BenchWorld) {}

  huddle(person: BenchPerson, inHuddle: boolean): void {
    const control = this.world.slack.control;
    if (inHuddle) control.joinHuddle({ userId: person.slackId });
    else control.leaveHuddle({ userId: person.slackId });
  }
}

/** The state at `traceOrigin` for everyone (the baseline): returns each person's reported baseline. */
export function applyBaseline(
  player: TeamsDayPlayer,
  days: readonly { person: BenchPerson; day: PersonDay }[],
  traceOrigin: number,
): ReplayedPerson[] {
  return days.map(({ person, day }) => {
    let state = day.presence[0] as TracePresence;
    for (const entry of day.presence) if (entry.at <= traceOrigin) state = entry;
    return { person, day, reported: [player.apply(person, { ...state, at: traceOrigin })] };
  });
}

/**
 * Replays every change after the origin at its wall-clock time (K times faster) until `traceEnd`:
 * Teams states (recording what Graph reported into each person's `reported`) and Slack huddles.
 * Returns the worst lateness of the replay itself (ms of wall clock), which a fair run keeps far below
 * the bridge's latencies.
 */
export async function replayDay(
  players: { teams: TeamsDayPlayer; slack: SlackDayPlayer },
  replayed: readonly ReplayedPerson[],
  clock: DayClock,
  traceEnd: number,
): Promise<{ changes: number; huddleChanges: number; worstLateMs: number }> {
  const inWindow = (at: number) => at > clock.traceOrigin && at < traceEnd;
  const teams = replayed.flatMap((entry) =>
    entry.day.presence
      .filter((state) => inWindow(state.at))
      .map((state) => ({
        at: state.at,
        run: () => void entry.reported.push(players.teams.apply(entry.person, state)),
      })),
  );
  const huddles = replayed.flatMap((entry) =>
    entry.day.huddles.flatMap(({ start, end }) =>
      [
        { at: start, run: () => players.slack.huddle(entry.person, true) },
        { at: end, run: () => players.slack.huddle(entry.person, false) },
      ].filter((action) => inWindow(action.at)),
    ),
  );
  const queue = [...teams, ...huddles].sort((a, b) => a.at - b.at);
  let next = 0;
  let worstLateMs = 0;
  while (next < queue.length) {
    const now = Date.now();
    while (next < queue.length) {
      const item = queue[next];
      if (!item) break;
      const due = toReal(clock, item.at);
      if (due > now) break;
      worstLateMs = Math.max(worstLateMs, now - due);
      item.run();
      next += 1;
    }
    const item = queue[next];
    if (item)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(1, Math.min(20, toReal(clock, item.at) - Date.now()))),
      );
  }
  const endAt = toReal(clock, traceEnd);
  if (endAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, endAt - Date.now()));
  return { changes: teams.length, huddleChanges: huddles.length, worstLateMs };
}
