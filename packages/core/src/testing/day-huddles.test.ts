import { describe, expect, it } from "vitest";

import { placeHuddles } from "./day-huddles.ts";
import { dayTrace, presenceAt } from "./day-trace.ts";

const MINUTE = 60_000;

describe("huddles in the synthetic day", () => {
  const trace = dayTrace({ people: 1_000, seed: 7 });
  const atWork = trace.people.filter((p) => p.workStart !== null);

  it("about 40 % of the people at work huddle, one to three times, for 2–40 minutes", () => {
    const huddling = atWork.filter((p) => p.huddles.length > 0);
    expect(huddling.length / atWork.length).toBeGreaterThan(0.3);
    expect(huddling.length / atWork.length).toBeLessThan(0.45);
    expect(trace.people.filter((p) => p.workStart === null).every((p) => p.huddles.length === 0)).toBe(true);
    for (const person of huddling) {
      expect(person.huddles.length).toBeLessThanOrEqual(3);
      for (const h of person.huddles) {
        expect(h.end - h.start).toBeGreaterThanOrEqual(2 * MINUTE - 1_000);
        expect(h.end - h.start).toBeLessThanOrEqual(40 * MINUTE + 1_000);
        expect(h.start % 1_000).toBe(0);
      }
    }
    const lengths = huddling.flatMap((p) => p.huddles.map((h) => h.end - h.start));
    expect(lengths.filter((l) => l > 15 * MINUTE).length / lengths.length).toBeGreaterThan(0.1);
    expect(lengths.filter((l) => l < 5 * MINUTE).length / lengths.length).toBeGreaterThan(0.2);
  });

  it("happen only while Teams shows the person Available, a minute clear of any change, never two at once", () => {
    for (const person of atWork) {
      let previousEnd = -Infinity;
      for (const h of person.huddles) {
        expect(h.start).toBeGreaterThanOrEqual(trace.start);
        expect(h.end).toBeLessThanOrEqual(trace.end);
        expect(h.start - previousEnd).toBeGreaterThanOrEqual(MINUTE - 1_000);
        previousEnd = h.end;
        const at = presenceAt(person, h.start - MINUTE + 1_000);
        expect(at.presence).toEqual({ availability: "Available", activity: "Available" });
        expect(at.outOfOffice).toBe(false);
        // No change of the Teams state from a minute before the huddle to a minute after it.
        const changes = person.presence.filter(
          (p) => p.at > h.start - MINUTE + 1_000 && p.at < h.end + MINUTE - 1_000,
        );
        expect(changes).toEqual([]);
      }
    }
  });

  it("are ad hoc: they start at any minute, not mostly on the hour and half hour as meetings do", () => {
    const starts = atWork.flatMap((p) => p.huddles.map((h) => new Date(h.start).getUTCMinutes()));
    const onTheHalfHour = starts.filter((m) => m === 0 || m === 30).length;
    expect(starts.length).toBeGreaterThan(300);
    expect(onTheHalfHour / starts.length).toBeLessThan(0.1);
  });

  it("come from a stream of their own: the same seed gives the same huddles, and none fit a day with no free time", () => {
    const person = atWork.find((p) => p.huddles.length > 0);
    if (!person) throw new Error("nobody huddles");
    const day = { start: trace.start, end: trace.end };
    expect(placeHuddles(123, person.presence, day)).toEqual(placeHuddles(123, person.presence, day));
    const busyAllDay = [
      {
        at: trace.start - MINUTE,
        presence: { availability: "Busy", activity: "InAMeeting" },
        outOfOffice: false,
      },
    ] as const;
    for (let seed = 0; seed < 50; seed++) expect(placeHuddles(seed, busyAllDay, day)).toEqual([]);
  });
});
