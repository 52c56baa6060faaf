// Calendar end times benchmark: `pnpm bench:calendar` (BENCH_PEOPLE, default 10000; BENCH_SEED, default 1;
// BENCH_TEAMS_POLL_SECONDS, default 15 = GRAPH_POLL_INTERVAL_SECONDS' default, 0 = every change at once;
// BENCH_WORKERS, default 2 worker threads).
//
// Replays a synthetic working day (src/testing/day-trace.ts) for N people through the pure core, one
// MemoryBridge per person with the default rules, against a simulated Slack (SimSlack: statuses and
// snoozes expire by themselves and Slack announces it; every write's events come back into the
// bridge). Runs the day WITHOUT the Outlook spoke, WITH it (the trace's reads, window
// [read, read + 24 h]) and WITH it as apps/teams-bridge reads (window from the hour, so reads within
// an hour are duplicates), and counts the Slack calls and the minutes Slack showed a meeting status
// after the meeting had ended in Teams. Writes bench-results/calendar-savings.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

import type { SlackHold } from "../src/model/hold.ts";
import { defaultRuleSet } from "../src/rules/default-rules.ts";
import type { Observation } from "../src/sync/types.ts";
import type { SlackWriteOp, WriteOp } from "../src/sync/write-plan.ts";
import {
  dayTraceFrame,
  outlookRead,
  personDay,
  type DayTraceOptions,
  type PersonDay,
} from "../src/testing/day-trace.ts";
import { MemoryBridge } from "../src/testing/memory-bridge.ts";
import { SimSlack, type SimEvent } from "../src/testing/sim-slack.ts";

const MINUTE = 60_000;

// --- The Slack writer's expiry timing -----------------------------------------------------------
// Re-expressed from apps/slack-bridge/src/write/held-expiry.ts (the core may not import apps; the
// core exports nothing for it), and packages/pipeline/src/tasks/{write,maintenance}.ts. Only the
// timing: a non-fixed held expiry is written as it is unless it is within 5 min (then now + 60 min);
// a fixed one (a known end) is written as it is and never refreshed; snoozes likewise (≤ 1 day); the
// maintenance job runs once a minute and refreshes what lapses within the next 2 minutes.
const EXTENSION_MS = 60 * MINUTE;
const EXTEND_WITHIN_MS = 5 * MINUTE;
const MAX_SNOOZE_MINUTES = 24 * 60;
const REFRESH_LEAD_MS = 2 * MINUTE;
const writtenExpiry = (expiresAt: number, now: number) =>
  expiresAt - now > EXTEND_WITHIN_MS ? expiresAt : now + EXTENSION_MS;
const statusExpirationMs = (status: NonNullable<SlackHold["status"]>, now: number) =>
  status.expiresAt === null
    ? null
    : Math.ceil((status.fixed ? status.expiresAt : writtenExpiry(status.expiresAt, now)) / 1000) * 1000;
const snoozeMinutes = (until: number, now: number) =>
  Math.min(MAX_SNOOZE_MINUTES, Math.max(1, Math.ceil((writtenExpiry(until, now) - now) / MINUTE)));
function slackHeldUntil(hold: SlackHold, writtenAt: number): { at: number; facets: string[] } | null {
  const lapses: { facet: string; at: number }[] = [];
  if (hold.status && hold.status.expiresAt !== null && hold.status.fixed !== true)
    lapses.push({ facet: "status", at: writtenExpiry(hold.status.expiresAt, writtenAt) });
  if (hold.dnd)
    lapses.push({ facet: "dnd", at: writtenAt + snoozeMinutes(hold.dnd.until, writtenAt) * MINUTE });
  if (lapses.length === 0) return null;
  return { at: Math.min(...lapses.map((l) => l.at)), facets: lapses.map((l) => l.facet) };
}
function nextHeldUntil(
  held: { at: number; facets: string[] } | null,
  previous: number | null,
  done: WriteOp[],
) {
  if (!held) return null;
  const refreshed = held.facets.every((facet) => done.some((op) => op.facet === facet));
  if (refreshed || previous === null) return held.at;
  return Math.min(previous, held.at);
}

// --- One person's day ---------------------------------------------------------------------------

const CALL_KINDS = [
  "status set",
  "status clear",
  "dnd set",
  "dnd clear",
  "presence set",
  "presence clear",
] as const;
type CallKind = (typeof CALL_KINDS)[number];
const API_NAME: Record<CallKind, string> = {
  "status set": "users.profile.set (set a status)",
  "status clear": "users.profile.set (clear the status)",
  "dnd set": "dnd.setSnooze",
  "dnd clear": "dnd.endSnooze",
  "presence set": "users.setPresence away",
  "presence clear": "users.setPresence auto",
};

interface Tally {
  calls: Record<CallKind, number>;
  /** Of which written by the maintenance refresh. */
  refreshCalls: number;
  teamsCalls: number;
  /** ms Slack showed a meeting status while the person was not in a meeting (after it had ended). */
  staleMs: number;
  /** ms the person was in a meeting while Slack showed no meeting status. */
  missingMs: number;
  /** Slack cleared the bridge's status by itself (fixed expiry). */
  lapses: number;
  flapPauses: number;
  released: number;
  /** Status sets that only change the expiry of the status Slack shows (the end learnt late). */
  expiryRewrites: number;
  /** Status sets that put back the status Slack had just cleared by itself (Teams still in that state). */
  resetsAfterLapse: number;
}

const emptyTally = (): Tally => ({
  calls: Object.fromEntries(CALL_KINDS.map((k) => [k, 0])) as Record<CallKind, number>,
  refreshCalls: 0,
  teamsCalls: 0,
  staleMs: 0,
  missingMs: 0,
  lapses: 0,
  flapPauses: 0,
  released: 0,
  expiryRewrites: 0,
  resetsAfterLapse: 0,
});

type Mode = "without" | "with" | "withHourly";
const rules = defaultRuleSet();
const MEETING_TEXT = /^(In a meeting|Presenting|In a conference call)\b/;

function replay(person: PersonDay, trace: TraceInfo, mode: Mode, tally: Tally): void {
  const { start: dayStart, end: dayEnd, baselineAt, options, pollMs } = trace;
  const bridge = new MemoryBridge({ rules });
  const queue: SimEvent[] = [];
  const slack = new SimSlack((event) => queue.push(event));
  let now = baselineAt;
  let counting = false;
  let heldUntil: number | null = null;
  let lapsedText = "";
  let lapsedAt = -Infinity;
  let lastTeamsAt = -Infinity;
  let nextMaintenance = Math.ceil(baselineAt / MINUTE) * MINUTE;
  // Slack's meeting status over time, for the stale and missing minutes.
  const shown: { at: number; meeting: boolean }[] = [{ at: baselineAt, meeting: false }];
  const noteShown = () => {
    const meeting = MEETING_TEXT.test(slack.status.text);
    const last = shown[shown.length - 1];
    if (last && last.meeting !== meeting) shown.push({ at: now, meeting });
  };

  const perform = (op: WriteOp, refresh: boolean) => {
    if (op.side === "teams") {
      if (counting) tally.teamsCalls += 1;
      return;
    }
    if (counting) {
      tally.calls[`${op.facet} ${op.action}`] += 1;
      if (refresh) tally.refreshCalls += 1;
      if (op.facet === "status" && op.action === "set" && !refresh) {
        if (slack.status.text === op.value.text) tally.expiryRewrites += 1;
        else if (slack.status.text === "" && lapsedText === op.value.text && lapsedAt >= lastTeamsAt)
          tally.resetsAfterLapse += 1;
      }
    }
    // What the Slack writer sends: status_expiration and num_minutes as the real writer computes them.
    let sent: SlackWriteOp = op;
    if (op.facet === "status" && op.action === "set")
      sent = {
        ...op,
        value: { text: op.value.text, emoji: op.value.emoji, expiresAt: statusExpirationMs(op.value, now) },
      };
    else if (op.facet === "dnd" && op.action === "set")
      sent = { ...op, value: { until: now + snoozeMinutes(op.value.until, now) * MINUTE } };
    slack.apply(sent, now);
    noteShown();
  };
  const runWrite = (refresh?: string[]) => {
    const done = bridge.write(
      "slack",
      now,
      (op) => perform(op, refresh !== undefined),
      refresh ? { refresh } : {},
    );
    if (done.length > 0)
      heldUntil = nextHeldUntil(slackHeldUntil(bridge.link.slack.hold, now), heldUntil, done);
  };
  const observe = (observation: Observation) => {
    const decision = bridge.observe(observation, now);
    if (counting) {
      if (decision.pause) tally.flapPauses += 1;
      if (decision.events.some((e) => e.kind === "ownership_released")) tally.released += 1;
    }
  };
  /** Delivers Slack's events and runs pending writes until the link is quiet (the pipeline, promptly). */
  const settle = () => {
    for (let round = 0; round < 50; round++) {
      const events = queue.splice(0);
      for (const e of events) observe(e.observation);
      const sides = [...bridge.pendingWrites];
      if (events.length === 0 && sides.length === 0) return;
      if (sides.includes("slack")) runWrite();
      if (sides.includes("teams")) bridge.write("teams", now, (op) => perform(op, false));
    }
    throw new Error(`${person.id}: the link did not go quiet`);
  };

  // Scheduled inputs: Teams as the bridge reads it (polled), and the Outlook spoke's reads.
  type Input = { at: number; observation: Observation };
  const inputs: Input[] = [];
  let teamsSeq = 0;
  let lastTeams = "";
  const teamsObservation = (at: number, p: (typeof person.presence)[number]): Input | null => {
    const key = `${p.presence.availability}/${p.presence.activity}/${p.outOfOffice}`;
    if (key === lastTeams) return null;
    lastTeams = key;
    teamsSeq += 1;
    return {
      at,
      observation: {
        side: "teams",
        version: String(teamsSeq).padStart(12, "0"),
        observedAt: at,
        facets: { presence: p.presence, outOfOffice: { isOutOfOffice: p.outOfOffice } },
      },
    };
  };
  const polls = person.presence.map((p, i) => {
    const at =
      pollMs === 0 || i === 0
        ? p.at
        : trace.pollPhase(person) + Math.ceil((p.at - trace.pollPhase(person)) / pollMs) * pollMs;
    return { at, p };
  });
  // Several changes before one poll: the poll sees the last.
  for (let i = 0; i < polls.length; i++) {
    const cur = polls[i];
    const next = polls[i + 1];
    if (!cur || (next && next.at === cur.at)) continue;
    const input = teamsObservation(cur.at, cur.p);
    if (input) inputs.push(input);
  }
  if (mode !== "without") {
    const readOptions: DayTraceOptions = { ...options, window: mode === "with" ? "sliding" : "hourly" };
    let lastRead = "";
    for (const at of [baselineAt, ...person.readTimes]) {
      const view = outlookRead(person, at, readOptions);
      const key = JSON.stringify(view);
      if (key === lastRead) continue; // the reader drops a view equal to the last one it took in
      lastRead = key;
      inputs.push({
        at,
        observation: { side: "outlook", version: String(at).padStart(15, "0"), observedAt: at, facets: view },
      });
    }
  }
  inputs.sort((a, b) => a.at - b.at);

  // The link's first sync before the day: Slack read once, then the first inputs; not counted.
  observe(slack.poll(now));
  let i = 0;
  while (i < inputs.length && (inputs[i]?.at ?? Infinity) <= baselineAt) {
    const input = inputs[i++];
    if (input) observe(input.observation);
  }
  settle();
  counting = true;

  const slackExpiry = () => {
    let at = Infinity;
    if (slack.status.expiresAt !== null) at = slack.status.expiresAt;
    if (slack.dnd.snoozed && slack.dnd.until !== null) at = Math.min(at, slack.dnd.until);
    return at;
  };
  for (;;) {
    const input = inputs[i];
    const maintenance =
      heldUntil === null
        ? Infinity
        : Math.max(nextMaintenance, Math.ceil((heldUntil - REFRESH_LEAD_MS) / MINUTE) * MINUTE);
    const expiry = slackExpiry();
    const at = Math.min(input?.at ?? Infinity, maintenance, expiry);
    if (at > dayEnd) break;
    now = at;
    if (expiry === at) {
      const bridgeStatus =
        slack.status.expiresAt !== null && slack.status.expiresAt <= now && slack.status.text !== "";
      if (bridgeStatus) lapsedText = slack.status.text;
      slack.tick(now);
      if (bridgeStatus) {
        tally.lapses += 1;
        lapsedAt = now;
      }
      noteShown();
    } else if (maintenance === at) {
      nextMaintenance = at + MINUTE;
      if (heldUntil !== null && heldUntil <= now + REFRESH_LEAD_MS)
        runWrite(slackHeldUntil(bridge.link.slack.hold, now)?.facets ?? []);
    } else if (input) {
      i += 1;
      if (input.observation.side === "teams") lastTeamsAt = now;
      observe(input.observation);
    }
    settle();
  }
  now = dayEnd;
  noteShown();
  const meetings = meetingSteps(person);
  const { stale, missing } = compare(shown, meetings, dayStart, dayEnd);
  tally.staleMs += stale;
  tally.missingMs += missing;
}

/** The person's real meetings as steps (Teams shows them 5–60 s late; this is when they happened). */
function meetingSteps(person: PersonDay) {
  return person.meetings.flatMap((m) => [
    { at: m.start, meeting: true },
    { at: m.end, meeting: false },
  ]);
}

/** Time Slack shows a meeting that Teams does not (stale) and the other way round (missing), in [from, to]. */
function compare(
  slack: { at: number; meeting: boolean }[],
  teams: { at: number; meeting: boolean }[],
  from: number,
  to: number,
) {
  const points = [...new Set([from, to, ...slack.map((s) => s.at), ...teams.map((t) => t.at)])]
    .filter((t) => t >= from && t <= to)
    .sort((a, b) => a - b);
  const valueAt = (steps: { at: number; meeting: boolean }[], t: number) => {
    let v = false;
    for (const s of steps) {
      if (s.at > t) break;
      v = s.meeting;
    }
    return v;
  };
  let stale = 0;
  let missing = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] ?? 0;
    const b = points[k + 1] ?? 0;
    const s = valueAt(slack, a);
    const t = valueAt(teams, a);
    if (s && !t) stale += b - a;
    if (t && !s) missing += b - a;
  }
  return { stale, missing };
}

// --- Main ---------------------------------------------------------------------------------------

interface TraceInfo {
  start: number;
  end: number;
  baselineAt: number;
  options: DayTraceOptions;
  pollMs: number;
  pollPhase: (person: PersonDay) => number;
}

const people = Number(process.env.BENCH_PEOPLE ?? 10_000);
const seed = Number(process.env.BENCH_SEED ?? 1);
const pollSeconds = Number(process.env.BENCH_TEAMS_POLL_SECONDS ?? 15);
if (!Number.isInteger(people) || people < 1) throw new Error("BENCH_PEOPLE must be a positive whole number");
if (!Number.isFinite(seed)) throw new Error("BENCH_SEED must be a number");
if (!Number.isFinite(pollSeconds) || pollSeconds < 0) throw new Error("BENCH_TEAMS_POLL_SECONDS must be ≥ 0");

const options: DayTraceOptions = { people, seed };
const frame = dayTraceFrame(options);
const pollMs = pollSeconds * 1000;
const trace: TraceInfo = {
  ...frame,
  options: frame.options,
  pollMs,
  // Each person's polls fall at their own phase within the interval (deterministic from the index).
  pollPhase: (person) => (pollMs === 0 ? 0 : frame.start + ((person.index * 7919) % pollSeconds) * 1000),
};

const modes: Mode[] = ["without", "with", "withHourly"];

interface Part {
  tallies: Record<Mode, Tally>;
  profiles: Record<string, number>;
  meetingsAttended: number;
}

/** Replays people [from, to) in all three modes. */
function replayRange(from: number, to: number): Part {
  const part: Part = {
    tallies: { without: emptyTally(), with: emptyTally(), withHourly: emptyTally() },
    profiles: {},
    meetingsAttended: 0,
  };
  for (let index = from; index < to; index++) {
    const person = personDay(options, index);
    part.profiles[person.profile] = (part.profiles[person.profile] ?? 0) + 1;
    part.meetingsAttended += person.blocks.filter((b) => b.kind === "meeting" && b.attended).length;
    for (const mode of modes) replay(person, trace, mode, part.tallies[mode]);
  }
  return part;
}

if (!isMainThread) {
  const { from, to } = workerData as { from: number; to: number };
  parentPort?.postMessage(replayRange(from, to));
  process.exit(0);
}

// The people are independent: split them over the cores (each worker loads tsx to run this file).
const started = performance.now();
const workers = Math.max(1, Math.min(availableParallelism(), Number(process.env.BENCH_WORKERS ?? 2), people));
const parts = await Promise.all(
  Array.from({ length: workers }, (_, w) => {
    const from = Math.floor((w * people) / workers);
    const to = Math.floor(((w + 1) * people) / workers);
    return new Promise<Part>((done, fail) => {
      // A worker cannot start from a .ts file: it registers tsx's loader first, then imports this file.
      const boot = `const { register } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});
        register();
        await import(${JSON.stringify(import.meta.url)});`;
      const worker = new Worker(boot, { eval: true, workerData: { from, to } });
      worker.once("message", (part: Part) => done(part));
      worker.once("error", fail);
    });
  }),
);
const tallies: Record<Mode, Tally> = { without: emptyTally(), with: emptyTally(), withHourly: emptyTally() };
const profiles: Record<string, number> = {};
let meetingsAttended = 0;
for (const part of parts) {
  meetingsAttended += part.meetingsAttended;
  for (const [profile, n] of Object.entries(part.profiles)) profiles[profile] = (profiles[profile] ?? 0) + n;
  for (const mode of modes) {
    const into = tallies[mode];
    const from = part.tallies[mode];
    for (const k of CALL_KINDS) into.calls[k] += from.calls[k];
    for (const key of Object.keys(into) as (keyof Tally)[])
      if (key !== "calls") (into[key] as number) += from[key] as number;
  }
}
const seconds = (performance.now() - started) / 1000;

const profileSets = (t: Tally) => t.calls["status set"] + t.calls["status clear"];
const totalCalls = (t: Tally) => CALL_KINDS.reduce((sum, k) => sum + t.calls[k], 0);
const minutes = (ms: number) => Math.round(ms / MINUTE);
const label: Record<Mode, string> = {
  without: "without Outlook",
  with: "with Outlook (read window [t, t+24h])",
  withHourly: "with Outlook (hourly window, as the spoke)",
};

const rows = [
  ["", ...modes.map((m) => label[m])],
  ...CALL_KINDS.map((k) => [API_NAME[k], ...modes.map((m) => String(tallies[m].calls[k]))]),
  ["users.profile.set total", ...modes.map((m) => String(profileSets(tallies[m])))],
  ["  of which maintenance refreshes (all kinds)", ...modes.map((m) => String(tallies[m].refreshCalls))],
  [
    "  status sets only moving the expiry (end learnt late)",
    ...modes.map((m) => String(tallies[m].expiryRewrites)),
  ],
  [
    "  status sets putting back a status Slack just cleared",
    ...modes.map((m) => String(tallies[m].resetsAfterLapse)),
  ],
  ["all Slack calls", ...modes.map((m) => String(totalCalls(tallies[m])))],
  ["Teams calls", ...modes.map((m) => String(tallies[m].teamsCalls))],
  ["statuses Slack cleared by itself", ...modes.map((m) => String(tallies[m].lapses))],
  ["stale meeting-status person-minutes", ...modes.map((m) => String(minutes(tallies[m].staleMs)))],
  ["missing meeting-status person-minutes", ...modes.map((m) => String(minutes(tallies[m].missingMs)))],
  [
    "flap pauses / ownership releases",
    ...modes.map((m) => `${tallies[m].flapPauses} / ${tallies[m].released}`),
  ],
];
const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
for (const row of rows)
  console.log(
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "),
  );

const y = profileSets(tallies.without);
const summary = (mode: Mode) => {
  const x = y - profileSets(tallies[mode]);
  return `calendar end times saved ${x.toLocaleString("en")} of ${y.toLocaleString("en")} users.profile.set calls (${((100 * x) / y).toFixed(1)} %) on a ${people.toLocaleString("en")}-person day; stale meeting-status minutes ${minutes(tallies.without.staleMs)} → ${minutes(tallies[mode].staleMs)}`;
};
console.log("");
console.log(summary("with"));
console.log(`${summary("withHourly")} (hourly read window)`);
console.log(
  `${people} people (${Object.entries(profiles)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ", ",
    )}), ${meetingsAttended} meetings attended, seed ${seed}, Teams polled every ${pollSeconds} s; ${seconds.toFixed(1)} s on ${workers} worker(s)`,
);

const out = resolve(dirname(fileURLToPath(import.meta.url)), "../../../bench-results/calendar-savings.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      people,
      seed,
      teamsPollSeconds: pollSeconds,
      profiles,
      meetingsAttended,
      runs: Object.fromEntries(
        modes.map((m) => [
          m,
          {
            label: label[m],
            calls: tallies[m].calls,
            usersProfileSet: profileSets(tallies[m]),
            refreshCalls: tallies[m].refreshCalls,
            slackCalls: totalCalls(tallies[m]),
            teamsCalls: tallies[m].teamsCalls,
            lapses: tallies[m].lapses,
            staleMeetingStatusMinutes: minutes(tallies[m].staleMs),
            missingMeetingStatusMinutes: minutes(tallies[m].missingMs),
            expiryRewrites: tallies[m].expiryRewrites,
            resetsAfterLapse: tallies[m].resetsAfterLapse,
            flapPauses: tallies[m].flapPauses,
            ownershipReleases: tallies[m].released,
          },
        ]),
      ),
      saved: Object.fromEntries(
        (["with", "withHourly"] as const).map((m) => [
          m,
          {
            usersProfileSet: y - profileSets(tallies[m]),
            percent: Number(((100 * (y - profileSets(tallies[m]))) / y).toFixed(2)),
          },
        ]),
      ),
      seconds: Number(seconds.toFixed(2)),
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
