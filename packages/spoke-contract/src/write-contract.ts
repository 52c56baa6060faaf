import {
  type PendingExpectation,
  type SideRecord,
  type SpokeObservation,
  type SpokeWriteOpShape,
} from "@presence/core";
import { expect, it } from "vitest";

import { classifyReported, type ReportedClass } from "./classify-reported.ts";
import type { WriteCase, WritingSpokeHarness } from "./harness.ts";
import type { ObservationLog } from "./observation-log.ts";

/**
 * (c) Write and echo: each case's calls change the emulator, and what the spoke reports back is
 * classified by core as the bridge's own (echo, or a duplicate of one) given the expectations the
 * plan produced — loop protection checked against the real emulator.
 */
export function writeContract<Person, View extends object, Hold extends object, Op extends SpokeWriteOpShape>(
  harness: () => WritingSpokeHarness<Person, View, Hold, Op>,
  log: () => ObservationLog<Person, View>,
  cases: readonly WriteCase<Hold>[],
): void {
  const performed = new Set<string>();
  let record: SideRecord<object, object> | undefined;
  let written: Hold | undefined;

  /** Takes observations into the record as the pipeline would (their classification aside). */
  const fold = (observations: SpokeObservation<Person, View>[], expectations: PendingExpectation[]) => {
    const { adapter } = harness();
    const classes: ReportedClass[] = [];
    for (const inbound of observations) {
      if (!record) throw new Error("no record to take observations into");
      const classified = classifyReported(record, adapter.observe.toObservation(inbound), expectations);
      record = classified.record;
      classes.push(classified.cls);
    }
    return classes;
  };

  for (const [index, writeCase] of cases.entries()) {
    it(`write + echo: ${writeCase.name} changes the emulator; what it reports back is an echo`, async () => {
      const { adapter, person, write } = harness();
      if (index === 0) written = undefined;
      const empty = {} as Hold;
      const before = written ?? empty;
      if (!record) {
        // Start from everything the spoke reported about the person so far (the observe tests' changes).
        record = { view: {}, versions: {}, hold: {}, written: {}, attempted: {} };
        fold(log().about(person.person), []);
      }
      // What the spoke shows now (as a baseline read would give the pipeline).
      await write.reportBack(person.person);
      await adapter.observe.read(person.person);
      fold(await log().collect(person.person), []);

      const hold = writeCase.hold(Date.now());
      const plan = adapter.write.plan({ hold, written: before, attempted: empty }, { now: Date.now() });
      expect(plan.length).toBeGreaterThan(0);
      const expiresAt = Date.now() + write.echoTtlMs;
      const expectations: PendingExpectation[] = plan.flatMap(({ expectations: expected }) =>
        expected.map((e) => ({ side: adapter.spoke, ...e, expiresAt })),
      );
      for (const { op } of plan) {
        await adapter.write.perform(person.person, op);
        performed.add(`${op.facet}:${op.action}`);
        const echoes = adapter.echo.expected(op, hold);
        const planned = plan.find((p) => p.op === op)?.expectations ?? [];
        expect(planned).toEqual(expect.arrayContaining(echoes));
      }
      written = hold;
      record = { ...record, hold, written: hold, attempted: {} };
      await write.expectShown(person.person, hold);

      await write.reportBack(person.person);
      const reported = await log().collect(person.person);
      expect(reported.length, "the spoke reported the write back").toBeGreaterThan(0);
      const classes = fold(reported, expectations);
      // Every change is the bridge's: an echo, or — after a Teams session or preferred-presence write —
      // the person's own state that the write revealed (induced: mirrored onward, never written back).
      expect(classes.filter((c) => c.ownFacets.length > 0)).toEqual([]);
      expect(
        classes.some((c) => c.echo),
        "a reported facet matched the write's expectations",
      ).toBe(true);
      for (const inbound of reported) {
        const fingerprints = adapter.echo.fingerprints(inbound.facets);
        expect(Object.keys(fingerprints).length).toBeGreaterThan(0);
      }
    });
  }

  it("write: the cases set and release every facet the spoke writes", () => {
    const { adapter } = harness();
    for (const facet of adapter.write.facets) {
      expect(performed).toContain(`${facet}:set`);
      expect(performed).toContain(`${facet}:clear`);
    }
  });
}
