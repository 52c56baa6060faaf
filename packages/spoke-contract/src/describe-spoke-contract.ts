import type { SpokeWriteOpShape } from "@presence/core";
import { afterAll, beforeAll, describe } from "vitest";

import type { SpokeContract, SpokeHarness, WritingSpokeHarness } from "./harness.ts";
import { holdContract } from "./hold-contract.ts";
import { identityContract } from "./identity-contract.ts";
import { limitsContract } from "./limits-contract.ts";
import { ObservationLog } from "./observation-log.ts";
import { observeContract } from "./observe-contract.ts";
import { writeContract } from "./write-contract.ts";

/**
 * The spoke adapter contract as a vitest suite: identity, observe, write and echo (for a spoke the
 * bridge writes), hold refresh, then limits (last: a revoked token ends the person's access). The
 * harness runs the adapter against its emulator over real sockets with the official SDKs.
 */
export function describeSpokeContract<
  Person,
  View extends object,
  Hold extends object = never,
  Op extends SpokeWriteOpShape = never,
>(contract: SpokeContract<SpokeHarness<Person, View, Hold, Op>, Hold>): void {
  describe(`spoke contract: ${contract.name}`, () => {
    let started: SpokeHarness<Person, View, Hold, Op> | undefined;
    let log: ObservationLog<Person, View> | undefined;
    beforeAll(async () => {
      started = await contract.start();
      log = new ObservationLog(started.observations, started.adapter.identity);
    });
    afterAll(async () => {
      await started?.close();
    });
    const harness = () => {
      if (!started) throw new Error("the harness did not start");
      return started;
    };
    const observations = () => {
      if (!log) throw new Error("the harness did not start");
      return log;
    };
    const writing = (): WritingSpokeHarness<Person, View, Hold, Op> => {
      const h = harness();
      if (!("write" in h)) throw new Error(`${contract.name}: write cases were given for a read-only spoke`);
      return h;
    };

    identityContract(harness);
    observeContract(harness, observations);
    if (contract.writeCases) writeContract(writing, observations, contract.writeCases);
    if (contract.holds) holdContract(() => writing().adapter.heldUntil, contract.holds);
    limitsContract(harness);
  });
}
