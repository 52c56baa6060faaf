import type { SpokeIdentity, SpokeObservation } from "@presence/core";

/** Every observation the harness handed over, kept, so a test can wait for one that matches. */
export class ObservationLog<Person, View> {
  readonly all: SpokeObservation<Person, View>[] = [];

  constructor(
    private readonly take: () => Promise<SpokeObservation<Person, View>[]>,
    private readonly identity: SpokeIdentity<Person>,
  ) {}

  /** Every observation about `person` taken so far. */
  about(person: Person): SpokeObservation<Person, View>[] {
    const key = this.identity.key(person);
    return this.all.filter((o) => this.identity.key(o.subject) === key);
  }

  /** Takes what arrived since the last call; returns the new observations about `person`. */
  async collect(person: Person): Promise<SpokeObservation<Person, View>[]> {
    const fresh = await this.take();
    this.all.push(...fresh);
    const key = this.identity.key(person);
    return fresh.filter((o) => this.identity.key(o.subject) === key);
  }

  /** Waits for an observation about `person` that `matches`. */
  async waitFor(
    person: Person,
    matches: (observation: SpokeObservation<Person, View>) => boolean,
    timeoutMs = 15_000,
  ): Promise<SpokeObservation<Person, View>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.collect(person)).find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error("no matching observation arrived in time");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
