import type { TeamsPresence } from "../model/facets.ts";
import type { AutomaticRepliesFacet, CalendarBlock, CalendarShowAs, OutlookView } from "../model/schedule.ts";
import { placeHuddles, type TraceHuddle } from "./day-huddles.ts";
import { seededRandom } from "./seeded-random.ts";

/*
 * A seeded, synthetic working day for N people (pure and deterministic: the same options give the
 * same trace): each person's calendar (meetings mostly on the hour and half hour, back-to-back runs,
 * tentative ones, focus time, travel, out of office with automatic replies), the Teams presence
 * timeline that day produces (as Graph reports it: a few seconds after the fact), and the calendar
 * reads the Outlook spoke makes. Benchmarks replay it through the core (packages/core/bench).
 *
 * Modelling choices (documented so results can be judged):
 * - A person is in a meeting from the block's start (Teams' calendar-driven presence), or from when
 *   they join (a little late, or up to 2.5 min early); it ends on time, early (2–10 min) or overruns
 *   (1–8 min). Graph shows each change 5–60 s after it happened. Back-to-back meetings joined within
 *   30 s stay "In a meeting" throughout.
 * - Tentative meetings are attended less often than busy ones; focus time shows Do not disturb for
 *   half the people who book it; an out-of-office (travel) block shows OutOfOffice in Teams.
 * - Times are epoch ms, on whole seconds; the day is one UTC working day.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Mixed into the trace seed for the huddles' stream ("HUDD"). */
const HUDDLE_SEED = 0x48554444;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness. The core's tests use fast-check for properties; a trace needs a plain, fast,
// reproducible stream: seededRandom (mulberry32).
// ---------------------------------------------------------------------------------------------------

/** A uniform number in [0, 1) from a seeded stream. */
export type Random = () => number;

/** Mixes a trace seed and a person's index into that person's own seed (so people are independent). */
function personSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const between = (random: Random, min: number, max: number) => min + random() * (max - min);
const intBetween = (random: Random, min: number, max: number) => Math.floor(between(random, min, max + 1));
const chance = (random: Random, p: number) => random() < p;
function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new Error("weighted: no choices");
  return last[0];
}
/** Whole seconds (Graph and Slack report seconds; keeps traces readable). */
const seconds = (ms: number) => Math.round(ms / SECOND) * SECOND;

// ---------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------

export interface DayTraceOptions {
  /** How many people. */
  people: number;
  seed: number;
  /** Midnight UTC of the day (epoch ms); default Monday 7 December 2026. */
  day?: number;
  /** The working day, in UTC hours: default 08:00–18:00. */
  startHour?: number;
  endHour?: number;
  /** Between two calendar reads of one person (the spoke's OUTLOOK_READ_INTERVAL_MINUTES); default 15. */
  readIntervalMinutes?: number;
  /** How far ahead a read looks (OUTLOOK_LOOKAHEAD_HOURS); default 24. */
  lookAheadHours?: number;
  /**
   * The window a read asks for: "sliding" = [read time, read time + look-ahead] (default);
   * "hourly" = [the hour the read falls in, + 1 h + look-ahead], as apps/teams-bridge's
   * schedule-window.ts does, so reads within an hour that find the same calendar are equal.
   */
  window?: "sliding" | "hourly";
}

export type ResolvedDayTraceOptions = Required<DayTraceOptions>;

/** What kind of day a person has. */
export const PERSON_PROFILES = [
  "regular",
  "traveller",
  "outOfOffice",
  "backFromOutOfOffice",
  "leavingForOutOfOffice",
] as const;
export type PersonProfile = (typeof PERSON_PROFILES)[number];

export type TraceBlockKind = "meeting" | "focus" | "travel" | "outOfOffice";

/** A calendar block, with what the trace knows beyond free/busy. */
export interface TraceBlock extends CalendarBlock {
  kind: TraceBlockKind;
  /** Whether the person shows up (meetings), takes it (focus: Do not disturb), or is away (travel). */
  attended: boolean;
}

/** One change of the person's Teams state, as Graph reports it (presence and the out-of-office flag). */
export interface TracePresence {
  at: number;
  presence: TeamsPresence;
  outOfOffice: boolean;
}

/** One person's day. */
export interface PersonDay {
  index: number;
  /** A stable id (e.g. for slotting reads the way the spoke does). */
  id: string;
  profile: PersonProfile;
  /** Signed in / signed off (null: not at work today). */
  workStart: number | null;
  workEnd: number | null;
  /** Calendar blocks, soonest first (only today's, plus an out-of-office period around it). */
  blocks: TraceBlock[];
  /** Automatic replies (null: never turned on). */
  automaticReplies: AutomaticRepliesFacet | null;
  /**
   * The Teams state over the day: the first entry is the state before the day (at `baselineAt`),
   * each later one a change, strictly increasing in time.
   */
  presence: TracePresence[];
  /**
   * When the person was really in a meeting (joined → left; back-to-back ones joined within 30 s are
   * one): the ground truth a replay judges Slack against. Teams shows each change 5–60 s later.
   */
  meetings: { start: number; end: number }[];
  /** When the Outlook spoke reads this person's calendar and automatic replies (see outlookRead). */
  readTimes: number[];
  /** Slack huddles (day-huddles.ts): joined → left, only while Teams shows them Available. */
  huddles: TraceHuddle[];
}

export interface DayTrace {
  options: ResolvedDayTraceOptions;
  /** Start and end of the working day (epoch ms). */
  start: number;
  end: number;
  /** Before the first read: where a replay takes the link's first sync (not part of the day). */
  baselineAt: number;
  people: PersonDay[];
}

/** Teams activities that are a meeting (the same set the core gives a calendar end). */
export const TRACE_MEETING_ACTIVITIES: ReadonlySet<string> = new Set([
  "InAMeeting",
  "InAConferenceCall",
  "Presenting",
]);

const OFFLINE: TeamsPresence = { availability: "Offline", activity: "Offline" };
const AVAILABLE: TeamsPresence = { availability: "Available", activity: "Available" };
const IN_A_MEETING: TeamsPresence = { availability: "Busy", activity: "InAMeeting" };
const PRESENTING: TeamsPresence = { availability: "DoNotDisturb", activity: "Presenting" };
const IN_A_CALL: TeamsPresence = { availability: "Busy", activity: "InACall" };
const FOCUSING: TeamsPresence = { availability: "DoNotDisturb", activity: "DoNotDisturb" };
const AWAY: TeamsPresence = { availability: "Away", activity: "Away" };
const OUT_OF_OFFICE: TeamsPresence = { availability: "Offline", activity: "OutOfOffice" };
const CHECKING_IN_OOF: TeamsPresence = { availability: "Available", activity: "OutOfOffice" };

// ---------------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------------

export function resolveDayTraceOptions(options: DayTraceOptions): ResolvedDayTraceOptions {
  return {
    people: options.people,
    seed: options.seed,
    day: options.day ?? Date.UTC(2026, 11, 7),
    startHour: options.startHour ?? 8,
    endHour: options.endHour ?? 18,
    readIntervalMinutes: options.readIntervalMinutes ?? 15,
    lookAheadHours: options.lookAheadHours ?? 24,
    window: options.window ?? "sliding",
  };
}

/** The whole trace (for large N prefer `dayTraceFrame` + `personDay`, one person at a time). */
export function dayTrace(options: DayTraceOptions): DayTrace {
  const frame = dayTraceFrame(options);
  const people: PersonDay[] = [];
  for (let i = 0; i < frame.options.people; i++) people.push(personDay(frame.options, i));
  return { ...frame, people };
}

/** The day's frame without the people. */
export function dayTraceFrame(options: DayTraceOptions): Omit<DayTrace, "people"> {
  const resolved = resolveDayTraceOptions(options);
  const start = resolved.day + resolved.startHour * HOUR;
  const end = resolved.day + resolved.endHour * HOUR;
  return {
    options: resolved,
    start,
    end,
    baselineAt: start - resolved.readIntervalMinutes * MINUTE - MINUTE,
  };
}

/** One person's day: depends only on the options and the index (not on the other people). */
export function personDay(options: DayTraceOptions, index: number): PersonDay {
  const o = resolveDayTraceOptions(options);
  const random = seededRandom(personSeed(o.seed, index));
  const dayStart = o.day + o.startHour * HOUR;
  const dayEnd = o.day + o.endHour * HOUR;
  const baselineAt = dayStart - o.readIntervalMinutes * MINUTE - MINUTE;
  const profile = weighted<PersonProfile>(random, [
    ["regular", 88],
    ["traveller", 5],
    ["outOfOffice", 4],
    ["backFromOutOfOffice", 2],
    ["leavingForOutOfOffice", 1],
  ]);

  const painter = new Painter();
  const blocks: TraceBlock[] = [];
  const meetings: { start: number; end: number }[] = [];
  let automaticReplies: AutomaticRepliesFacet | null = null;
  let workStart: number | null =
    dayStart +
    weighted(random, [
      [0, 2],
      [15, 2],
      [30, 3],
      [45, 2],
      [60, 2],
      [90, 1],
    ]) *
      MINUTE;
  workStart = seconds(workStart + between(random, -3, 3) * MINUTE);
  let workEnd: number | null = seconds(
    dayStart +
      8 * HOUR +
      weighted(random, [
        [30, 2],
        [60, 3],
        [90, 3],
        [120, 2],
      ]) *
        MINUTE +
      between(random, -5, 5) * MINUTE,
  );
  workEnd = Math.min(workEnd, dayEnd - MINUTE);
  /** Out of office (all day, or part of it): automatic replies on, OOF flag in Teams. */
  let oof: { from: number; until: number } | null = null;

  if (profile === "outOfOffice") {
    const from = o.day - intBetween(random, 0, 4) * DAY;
    const until = o.day + intBetween(random, 1, 7) * DAY + o.startHour * HOUR;
    automaticReplies = { enabled: true, start: from, end: until };
    oof = { from, until };
    blocks.push({ kind: "outOfOffice", showAs: "oof", start: from, end: until, attended: true });
    workStart = null;
    workEnd = null;
  } else if (profile === "backFromOutOfOffice") {
    const from = o.day - intBetween(random, 1, 5) * DAY;
    const until =
      o.day +
      weighted(random, [
        [12, 1],
        [13, 2],
      ]) *
        HOUR;
    automaticReplies = { enabled: true, start: from, end: until };
    oof = { from, until };
    blocks.push({ kind: "outOfOffice", showAs: "oof", start: from, end: until, attended: true });
    workStart = seconds(until + between(random, 0, 45) * MINUTE);
  } else if (profile === "leavingForOutOfOffice") {
    const from =
      o.day +
      weighted(random, [
        [12, 1],
        [13, 2],
        [14, 1],
      ]) *
        HOUR;
    const until = o.day + intBetween(random, 2, 10) * DAY + o.startHour * HOUR;
    automaticReplies = { enabled: true, start: from, end: until };
    oof = { from, until };
    blocks.push({ kind: "outOfOffice", showAs: "oof", start: from, end: until, attended: true });
    workEnd = seconds(from - between(random, 0, 30) * MINUTE);
  }

  if (workStart !== null && workEnd !== null && workEnd > workStart) {
    const busy = new Occupancy();
    for (const b of blocks) busy.take(b.start, b.end);
    if (profile === "traveller") placeTravel(random, o, workStart, workEnd, busy, blocks);
    if (chance(random, 0.35)) placeFocus(random, workStart, workEnd, busy, blocks);
    placeMeetings(random, workStart, workEnd, busy, blocks);
    blocks.sort((a, b) => a.start - b.start || a.end - b.end);
    paintWorkday(random, painter, meetings, workStart, workEnd, blocks, busy);
  }
  if (oof) paintOutOfOffice(random, painter, oof, dayStart, dayEnd);

  const presence = painter.timeline(baselineAt, dayEnd);
  return {
    index,
    id: `person-${String(index).padStart(6, "0")}`,
    profile,
    workStart,
    workEnd,
    blocks: blocks.sort((a, b) => a.start - b.start || a.end - b.end),
    automaticReplies,
    presence,
    meetings,
    readTimes: readTimes(random, o, dayStart, dayEnd),
    // A stream of their own: the rest of the trace is what it was before huddles were added.
    huddles: placeHuddles(personSeed(o.seed ^ HUDDLE_SEED, index), presence, {
      start: dayStart,
      end: dayEnd,
    }),
  };
}

/**
 * When the spoke reads this person: spread over the read interval (a minute slot and a second within
 * it, as the spoke spreads people by a hash of their id), the first read before the day starts.
 */
function readTimes(random: Random, o: ResolvedDayTraceOptions, dayStart: number, dayEnd: number): number[] {
  const interval = o.readIntervalMinutes * MINUTE;
  const phase =
    intBetween(random, 0, o.readIntervalMinutes - 1) * MINUTE + intBetween(random, 0, 59) * SECOND;
  const times: number[] = [];
  for (let at = dayStart - interval + phase; at < dayEnd; at += interval) times.push(at);
  return times;
}

/** What one calendar read at `at` returns: the blocks overlapping the read window, and the automatic replies. */
export function outlookRead(person: PersonDay, at: number, options: DayTraceOptions): OutlookView {
  const o = resolveDayTraceOptions(options);
  const lookAhead = o.lookAheadHours * HOUR;
  const from = o.window === "hourly" ? Math.floor(at / HOUR) * HOUR : at;
  const until = o.window === "hourly" ? from + HOUR + lookAhead : at + lookAhead;
  const blocks: CalendarBlock[] = [];
  for (const b of person.blocks) {
    if (b.end > from && b.start < until) blocks.push({ showAs: b.showAs, start: b.start, end: b.end });
  }
  return {
    calendar: { from, until, blocks },
    automaticReplies: person.automaticReplies ?? { enabled: false, start: null, end: null },
  };
}

/** The Teams state at `at` (the last change at or before it). */
export function presenceAt(person: PersonDay, at: number): TracePresence {
  let found = person.presence[0];
  for (const p of person.presence) {
    if (p.at > at) break;
    found = p;
  }
  if (!found) throw new Error("presenceAt: empty timeline");
  return found;
}

/** Intervals in which Teams shows the person in a meeting (InAMeeting, InAConferenceCall, Presenting). */
export function meetingIntervals(person: PersonDay, until: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let open: number | null = null;
  for (const p of person.presence) {
    const inMeeting = TRACE_MEETING_ACTIVITIES.has(p.presence.activity);
    if (inMeeting && open === null) open = p.at;
    else if (!inMeeting && open !== null) {
      out.push({ start: open, end: p.at });
      open = null;
    }
  }
  if (open !== null && open < until) out.push({ start: open, end: until });
  return out;
}

// --- calendar --------------------------------------------------------------------------------------

/** Busy time at minute resolution, so generated blocks do not overlap. */
class Occupancy {
  private readonly taken: { start: number; end: number }[] = [];
  free(start: number, end: number): boolean {
    return this.taken.every((t) => end <= t.start || start >= t.end);
  }
  take(start: number, end: number): void {
    this.taken.push({ start, end });
  }
}

const MEETING_MINUTES = [
  [30, 35],
  [60, 30],
  [25, 10],
  [50, 10],
  [45, 10],
  [90, 3],
  [120, 2],
] as const;
/** Minute of the hour a meeting run starts at: mostly :00 and :30. */
const START_MINUTES = [
  [0, 55],
  [30, 30],
  [15, 5],
  [45, 5],
  [5, 1],
  [10, 1],
  [35, 1],
  [40, 1],
  [50, 1],
] as const;

function placeMeetings(
  random: Random,
  workStart: number,
  workEnd: number,
  busy: Occupancy,
  blocks: TraceBlock[],
): void {
  const hours = (workEnd - workStart) / HOUR;
  const runs = Math.max(0, Math.round(between(random, 1.5, 6) * (hours / 9)));
  for (let r = 0; r < runs; r++) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const hour = Math.floor(workStart / HOUR) + intBetween(random, 0, Math.max(0, Math.floor(hours) - 1));
      let start = hour * HOUR + weighted(random, START_MINUTES) * MINUTE;
      const length = weighted(random, [
        [1, 50],
        [2, 28],
        [3, 14],
        [4, 8],
      ]);
      const run: TraceBlock[] = [];
      for (let m = 0; m < length; m++) {
        const end = start + weighted(random, MEETING_MINUTES) * MINUTE;
        const tentative = chance(random, 0.15);
        const showAs: CalendarShowAs = tentative ? "tentative" : "busy";
        run.push({ kind: "meeting", showAs, start, end, attended: chance(random, tentative ? 0.4 : 0.95) });
        // The next meeting of the run: straight after, or at the next half hour (Outlook's shortened meetings).
        const onHalfHour = end % (30 * MINUTE) === 0;
        start = onHalfHour || chance(random, 0.3) ? end : Math.ceil(end / (30 * MINUTE)) * 30 * MINUTE;
      }
      const first = run[0];
      const last = run[run.length - 1];
      if (
        !first ||
        !last ||
        first.start < workStart ||
        last.end > workEnd ||
        !busy.free(first.start, last.end)
      )
        continue;
      for (const b of run) {
        busy.take(b.start, b.end);
        blocks.push(b);
      }
      break;
    }
  }
}

function placeFocus(
  random: Random,
  workStart: number,
  workEnd: number,
  busy: Occupancy,
  blocks: TraceBlock[],
) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const start =
      Math.ceil(workStart / (30 * MINUTE)) * 30 * MINUTE + intBetween(random, 0, 14) * 30 * MINUTE;
    const end =
      start +
      weighted(random, [
        [60, 2],
        [90, 2],
        [120, 3],
      ]) *
        MINUTE;
    if (end > workEnd || !busy.free(start, end)) continue;
    busy.take(start, end);
    blocks.push({ kind: "focus", showAs: "busy", start, end, attended: chance(random, 0.5) });
    return;
  }
}

function placeTravel(
  random: Random,
  o: ResolvedDayTraceOptions,
  workStart: number,
  workEnd: number,
  busy: Occupancy,
  blocks: TraceBlock[],
) {
  const start = o.day + intBetween(random, o.startHour * 2, (o.startHour + 6) * 2) * 30 * MINUTE;
  const end = Math.min(workEnd, start + intBetween(random, 3, 10) * 30 * MINUTE);
  if (start < workStart || end <= start || !busy.free(start, end)) return;
  busy.take(start, end);
  blocks.push({
    kind: "travel",
    showAs: chance(random, 0.5) ? "oof" : "workingElsewhere",
    start,
    end,
    attended: true,
  });
}

// --- presence --------------------------------------------------------------------------------------

interface Paint {
  start: number;
  end: number;
  rank: number;
  presence: TeamsPresence;
  outOfOffice: boolean;
}

/** Layers of presence by rank; the timeline shows the highest-ranked layer covering each instant. */
class Painter {
  private readonly layers: Paint[] = [];

  paint(start: number, end: number, rank: number, presence: TeamsPresence, outOfOffice = false): void {
    if (end > start)
      this.layers.push({ start: seconds(start), end: seconds(end), rank, presence, outOfOffice });
  }

  timeline(from: number, until: number): TracePresence[] {
    const points = new Set<number>([from]);
    for (const l of this.layers) {
      if (l.start > from && l.start < until) points.add(l.start);
      if (l.end > from && l.end < until) points.add(l.end);
    }
    const out: TracePresence[] = [];
    for (const at of [...points].sort((a, b) => a - b)) {
      let top: Paint | undefined;
      for (const l of this.layers) if (l.start <= at && at < l.end && (!top || l.rank >= top.rank)) top = l;
      const next: TracePresence = {
        at,
        presence: top?.presence ?? OFFLINE,
        outOfOffice: top?.outOfOffice ?? false,
      };
      const last = out[out.length - 1];
      if (
        last &&
        last.presence.availability === next.presence.availability &&
        last.presence.activity === next.presence.activity &&
        last.outOfOffice === next.outOfOffice
      )
        continue;
      out.push(next);
    }
    return out;
  }
}

const RANK = { work: 1, away: 2, call: 3, focus: 4, meeting: 5, presenting: 6, travel: 7, oof: 8 };

function paintWorkday(
  random: Random,
  painter: Painter,
  meetings: { start: number; end: number }[],
  workStart: number,
  workEnd: number,
  blocks: readonly TraceBlock[],
  busy: Occupancy,
): void {
  painter.paint(workStart, workEnd, RANK.work, AVAILABLE);

  // Meetings: when Graph shows the person in and out of each attended one.
  const attended = blocks.filter((b) => b.kind === "meeting" && b.attended);
  const spans = attended.map((b) => {
    const joinKind = weighted(random, [
      ["calendar", 70],
      ["late", 20],
      ["early", 10],
    ] as const);
    const joinAt =
      joinKind === "calendar"
        ? b.start
        : joinKind === "late"
          ? b.start + between(random, 1, 4) * MINUTE
          : b.start - between(random, 30, 150) * SECOND;
    const endKind = weighted(random, [
      ["onTime", 65],
      ["early", 20],
      ["overrun", 15],
    ] as const);
    const leaveAt =
      endKind === "onTime"
        ? b.end
        : endKind === "early"
          ? b.end - between(random, 2, 10) * MINUTE
          : b.end + between(random, 1, 8) * MINUTE;
    const start = seconds(joinAt);
    const end = seconds(Math.max(leaveAt, joinAt + MINUTE));
    // Graph shows each change a few seconds after it happened.
    const shown = {
      start: seconds(start + between(random, 5, 45) * SECOND),
      end: seconds(end + between(random, 5, 60) * SECOND),
    };
    return { start, end, shown };
  });
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const next = spans[i + 1];
    if (!span) continue;
    // Joined the next one within 30 s (or overran into it): Teams stays "In a meeting" throughout.
    if (next && next.shown.start - span.shown.end < 30 * SECOND)
      span.shown.end = Math.max(span.shown.end, next.shown.start);
    if (next && next.start - span.end < 30 * SECOND) span.end = Math.max(span.end, next.start);
    painter.paint(span.shown.start, span.shown.end, RANK.meeting, IN_A_MEETING);
    const last = meetings[meetings.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else meetings.push({ start: span.start, end: span.end });
    if (chance(random, 0.1)) {
      const length = span.shown.end - span.shown.start;
      const from = span.shown.start + between(random, 0, 0.5) * length;
      const to = Math.min(span.shown.end - 30 * SECOND, from + between(random, 5, 20) * MINUTE);
      painter.paint(from, to, RANK.presenting, PRESENTING);
    }
  }

  for (const b of blocks) {
    if (b.kind === "focus" && b.attended)
      painter.paint(
        b.start + between(random, 5, 45) * SECOND,
        b.end + between(random, 5, 60) * SECOND,
        RANK.focus,
        FOCUSING,
      );
    if (b.kind === "travel")
      painter.paint(
        b.start + between(random, 5, 60) * SECOND,
        b.end + between(random, 5, 60) * SECOND,
        RANK.travel,
        b.showAs === "oof" ? OUT_OF_OFFICE : OFFLINE,
      );
  }

  // Ad-hoc calls (not on the calendar), lunch and short Away blips, in free time.
  const freeAt = (minutes: number) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const start = seconds(between(random, workStart, workEnd - minutes * MINUTE));
      if (busy.free(start - MINUTE, start + (minutes + 1) * MINUTE)) {
        busy.take(start, start + minutes * MINUTE);
        return start;
      }
    }
    return null;
  };
  const calls = weighted(random, [
    [0, 3],
    [1, 4],
    [2, 2],
    [3, 1],
  ]);
  for (let c = 0; c < calls; c++) {
    const minutes = between(random, 3, 25);
    const start = freeAt(minutes);
    if (start !== null) painter.paint(start, start + minutes * MINUTE, RANK.call, IN_A_CALL);
  }
  if (chance(random, 0.6)) {
    const minutes = between(random, 20, 50);
    const lunchStart = Math.floor(workStart / DAY) * DAY + 12 * HOUR + between(random, 0, 90) * MINUTE;
    if (
      lunchStart > workStart &&
      lunchStart + minutes * MINUTE < workEnd &&
      busy.free(lunchStart, lunchStart + minutes * MINUTE)
    ) {
      busy.take(lunchStart, lunchStart + minutes * MINUTE);
      painter.paint(lunchStart, lunchStart + minutes * MINUTE, RANK.away, AWAY);
    }
  }
  const blips = intBetween(random, 0, 4);
  for (let c = 0; c < blips; c++) {
    const minutes = between(random, 3, 12);
    const start = freeAt(minutes);
    if (start !== null) painter.paint(start, start + minutes * MINUTE, RANK.away, AWAY);
  }
}

function paintOutOfOffice(
  random: Random,
  painter: Painter,
  oof: { from: number; until: number },
  dayStart: number,
  dayEnd: number,
): void {
  // Teams' out-of-office flag follows the automatic replies' schedule (Graph shows it a few seconds late).
  const from = oof.from + between(random, 5, 60) * SECOND;
  const until = oof.until + between(random, 5, 60) * SECOND;
  painter.paint(from, until, RANK.oof, OUT_OF_OFFICE, true);
  // Some check in briefly while away.
  if (oof.from < dayStart && oof.until > dayEnd && chance(random, 0.2)) {
    const start = between(random, dayStart, dayEnd - 30 * MINUTE);
    painter.paint(start, start + between(random, 5, 20) * MINUTE, RANK.oof + 1, CHECKING_IN_OOF, true);
  }
}
