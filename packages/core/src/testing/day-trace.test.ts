import { describe, expect, it } from "vitest";

import { ZOutlookView } from "../model/schedule.ts";
import { dayTrace, meetingIntervals, outlookRead, personDay, presenceAt } from "./day-trace.ts";
import { seededRandom } from "./seeded-random.ts";

const MINUTE = 60_000;
const options = { people: 400, seed: 42 };

describe("the synthetic day trace", () => {
  const trace = dayTrace(options);
  const meetings = trace.people.flatMap((p) => p.blocks.filter((b) => b.kind === "meeting"));

  it("is the same for the same seed, and differs for another", () => {
    expect(dayTrace(options)).toEqual(trace);
    expect(personDay(options, 17)).toEqual(trace.people[17]);
    expect(dayTrace({ ...options, seed: 43 }).people).not.toEqual(trace.people);
  });

  it("the seeded stream (mulberry32) is reproducible and in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  it("puts meetings mostly on the hour and half hour, with usual lengths", () => {
    const onHalfHour = meetings.filter((m) => m.start % (30 * MINUTE) === 0).length;
    expect(onHalfHour / meetings.length).toBeGreaterThan(0.75);
    const lengths = new Set(meetings.map((m) => (m.end - m.start) / MINUTE));
    for (const length of lengths) expect([25, 30, 45, 50, 60, 90, 120]).toContain(length);
    const tentative = meetings.filter((m) => m.showAs === "tentative").length / meetings.length;
    expect(tentative).toBeGreaterThan(0.05);
    expect(tentative).toBeLessThan(0.3);
  });

  it("has sane counts", () => {
    const regular = trace.people.filter((p) => p.profile === "regular");
    expect(regular.length / trace.people.length).toBeGreaterThan(0.75);
    const perPerson = meetings.length / trace.people.length;
    expect(perPerson).toBeGreaterThan(2);
    expect(perPerson).toBeLessThan(8);
    for (const profile of ["traveller", "outOfOffice", "backFromOutOfOffice"] as const)
      expect(trace.people.some((p) => p.profile === profile)).toBe(true);
    const changes = trace.people.reduce((sum, p) => sum + p.presence.length, 0) / trace.people.length;
    expect(changes).toBeGreaterThan(5);
    expect(changes).toBeLessThan(60);
    // A read every 15 minutes from just before 08:00 until 18:00.
    for (const p of trace.people) expect(p.readTimes).toHaveLength(41);
  });

  it("gives each person non-overlapping blocks inside their working day and a well-formed timeline", () => {
    for (const p of trace.people) {
      const own = p.blocks.filter((b) => b.kind !== "outOfOffice");
      for (let i = 1; i < own.length; i++) expect(own[i]?.start).toBeGreaterThanOrEqual(own[i - 1]?.end ?? 0);
      for (const b of own) {
        expect(b.start).toBeGreaterThanOrEqual(p.workStart ?? Infinity);
        expect(b.end).toBeLessThanOrEqual(p.workEnd ?? -Infinity);
      }
      expect(p.presence[0]?.at).toBe(trace.baselineAt);
      for (let i = 1; i < p.presence.length; i++)
        expect(p.presence[i]?.at).toBeGreaterThan(p.presence[i - 1]?.at ?? Infinity);
    }
  });

  it("shows attended meetings in Teams, and out-of-office people out of office all day", () => {
    const inMeeting = trace.people.reduce((sum, p) => sum + meetingIntervals(p, trace.end).length, 0);
    expect(inMeeting).toBeGreaterThan(meetings.length * 0.4);
    // Each real meeting shows in Teams (a few seconds later).
    for (const p of trace.people)
      for (const m of p.meetings) {
        const shown = presenceAt(p, Math.max(m.start + 46_000, (m.start + m.end) / 2)).presence.activity;
        expect(["InAMeeting", "Presenting"]).toContain(shown);
      }
    const away = trace.people.find((p) => p.profile === "outOfOffice");
    expect(away?.automaticReplies).toMatchObject({ enabled: true });
    expect(away?.automaticReplies?.end).toBeGreaterThan(trace.end);
    if (away) expect(presenceAt(away, trace.start + 4 * 60 * MINUTE).outOfOffice).toBe(true);
  });

  it("reads return the blocks in the read window, as a valid Outlook view", () => {
    const p = trace.people.find((q) => q.blocks.some((b) => b.kind === "meeting"));
    if (!p) throw new Error("no one has a meeting");
    const at = p.readTimes[8] ?? 0;
    const view = outlookRead(p, at, options);
    expect(ZOutlookView.parse(view)).toEqual(view);
    expect(view.calendar).toMatchObject({ from: at, until: at + 24 * 60 * MINUTE });
    for (const b of view.calendar?.blocks ?? []) expect(b.end).toBeGreaterThan(at);
    const hourly = outlookRead(p, at, { ...options, window: "hourly" });
    expect(hourly.calendar?.from).toBe(Math.floor(at / (60 * MINUTE)) * 60 * MINUTE);
  });
});
