import type { SpokeObservation } from "@presence/core";
import { expect, it } from "vitest";

import type { SpokeHarness } from "./harness.ts";
import type { ObservationLog } from "./observation-log.ts";

/** (b) Observe: a person's changes arrive through the inbound path with a source and newer versions. */
export function observeContract<Person, View>(
  harness: () => Pick<SpokeHarness<Person, View>, "adapter" | "person" | "observe">,
  log: () => ObservationLog<Person, View>,
): void {
  let first: SpokeObservation<Person, View> | undefined;

  it("observe: a change on the emulator arrives as an observation with a version and a source", async () => {
    const { adapter, person, observe } = harness();
    await log().collect(person.person);
    await observe.change(person.person, 1);
    first = await log().waitFor(person.person, (o) => o.version !== "" && observe.shows(o.facets, 1));
    expect(adapter.observe.sources).toContain(first.source);
    expect(first.source.length).toBeGreaterThan(0);
    expect(adapter.identity.key(first.subject)).toBe(adapter.identity.key(person.person));
    const observation = adapter.observe.toObservation(first);
    expect(observation).toMatchObject({ side: adapter.spoke, version: first.version });
  });

  it("observe: a later change has a newer version", async () => {
    const { adapter, person, observe } = harness();
    if (!first) throw new Error("the first change was not observed");
    await observe.change(person.person, 2);
    const second = await log().waitFor(person.person, (o) => o.version !== "" && observe.shows(o.facets, 2));
    expect(adapter.observe.compareVersions(second.version, first.version)).toBeGreaterThan(0);
    expect(adapter.observe.compareVersions(first.version, second.version)).toBeLessThan(0);
    expect(adapter.observe.compareVersions(second.version, second.version)).toBe(0);
  });
}
