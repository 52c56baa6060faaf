import type { TeamsPresence } from "../model/facets.ts";
import { seededRandom } from "./seeded-random.ts";

/*
 * Slack huddles in the synthetic working day (day-trace.ts): the Slack → Teams side of the trace.
 * They come from a random stream of their own, so adding them left every other part of the trace
 * (calendars, presence, reads) exactly as it was.
 *
 * Modelling choices (documented so results can be judged):
 * - 40 % of the people at work that day huddle: one (50 %), two (35 %) or three (15 %) times.
 * - A huddle is ad hoc: it starts at any second, not on the hour, and lasts 2–5 min (35 %),
 *   5–15 min (45 %) or 15–40 min (20 %).
 * - People huddle only while Teams shows them plainly Available (not in a meeting or a call, not
 *   focusing, away or out of office), at least a minute after that stretch began and ending a
 *   minute before it ends, and never in two huddles at once.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** One huddle: joined → left (epoch ms, whole seconds). */
export interface TraceHuddle {
  start: number;
  end: number;
}

type TimelineEntry = { at: number; presence: TeamsPresence; outOfOffice: boolean };

const isAvailable = (p: TeamsPresence) => p.availability === "Available" && p.activity === "Available";

/** The stretches in which Teams shows the person plainly Available (and not out of office). */
function availableStretches(presence: readonly TimelineEntry[], day: TraceHuddle): TraceHuddle[] {
  const out: TraceHuddle[] = [];
  presence.forEach((entry, i) => {
    const from = Math.max(entry.at, day.start);
    const until = Math.min(presence[i + 1]?.at ?? day.end, day.end);
    if (isAvailable(entry.presence) && !entry.outOfOffice && until > from)
      out.push({ start: from, end: until });
  });
  return out;
}

function huddleLength(random: () => number): number {
  const r = random();
  const [min, max] = r < 0.35 ? [2, 5] : r < 0.8 ? [5, 15] : [15, 40];
  return Math.round((min + random() * (max - min)) * 60) * SECOND;
}

/**
 * The person's huddles, soonest first, from their own seed (`seed`: a per-person seed distinct from
 * the calendar's). `presence` is their Teams timeline; huddles lie within `day` (the working day).
 */
export function placeHuddles(
  seed: number,
  presence: readonly TimelineEntry[],
  day: TraceHuddle,
): TraceHuddle[] {
  const random = seededRandom(seed);
  if (random() >= 0.4) return [];
  const r = random();
  const count = r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
  const huddles: TraceHuddle[] = [];
  const free = availableStretches(presence, day);
  for (let attempt = 0; huddles.length < count && attempt < count * 8; attempt++) {
    const length = huddleLength(random);
    // A stretch long enough for the huddle with a minute either side, chosen by its usable length.
    const fits = free
      .map((s) => ({ s, room: s.end - s.start - length - 2 * MINUTE }))
      .filter(({ room }) => room > 0);
    const total = fits.reduce((sum, f) => sum + f.room, 0);
    if (total === 0) continue;
    let pick = random() * total;
    const chosen = fits.find((f) => (pick -= f.room) < 0) ?? fits[fits.length - 1];
    if (!chosen) continue;
    const offset = Math.min(Math.max(pick + chosen.room, 0), chosen.room);
    const start = Math.round((chosen.s.start + MINUTE + offset) / SECOND) * SECOND;
    const huddle = { start, end: start + length };
    huddles.push(huddle);
    // The rest of the stretch stays free for another huddle (with its minute of margin).
    const index = free.indexOf(chosen.s);
    free.splice(
      index,
      1,
      { start: chosen.s.start, end: huddle.start },
      { start: huddle.end, end: chosen.s.end },
    );
  }
  return huddles.sort((a, b) => a.start - b.start);
}
