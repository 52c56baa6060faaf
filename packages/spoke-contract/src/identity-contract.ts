import { linkingKey, type DirectoryPerson } from "@presence/core";
import { expect, it } from "vitest";

import type { SpokeHarness } from "./harness.ts";

/** (a) Identity: a link names the person, and the directory lists them with their linking key. */
export function identityContract<Person, View>(
  harness: () => Pick<SpokeHarness<Person, View>, "adapter" | "person">,
): void {
  it("identity: a link names the person as the spoke does", () => {
    const { adapter, person } = harness();
    const named = adapter.identity.personOf(person.link);
    expect(adapter.identity.key(named)).toBe(adapter.identity.key(person.person));
  });

  it("identity: the directory lists the person with the linking key (the lower-cased e-mail)", async () => {
    const { adapter, person } = harness();
    const key = adapter.identity.key(person.person);
    const listed: DirectoryPerson<Person>[] = [];
    for await (const entry of adapter.identity.directory()) listed.push(entry);
    const entry = listed.find((e) => adapter.identity.key(e.person) === key);
    expect(entry, `the directory (${listed.length} people) lists ${key}`).toBeDefined();
    expect(entry?.linkingKey).toBe(linkingKey(person.email));
    expect(entry?.linkingKey).toBe(person.email.trim().toLowerCase());
    expect(entry?.deactivated).toBe(false);
  });
}
