import { BridgeError, ZOutlookView, type EntraPerson, type OutlookView } from "@presence/core";
import { QueuedObservations } from "@presence/pipeline/testing";
import { describeSpokeContract, type ReadOnlySpokeHarness } from "@presence/spoke-contract";

import { startWorld } from "../testing/teams-world.ts";
import { createOutlookAdapter } from "./outlook-adapter.ts";

const MINUTE = 60_000;
/** The emulator's Outlook budget per app and mailbox, made small so the limits test can spend it. */
const THROTTLE = { limit: 8, windowMs: 5000 };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describeSpokeContract<EntraPerson, OutlookView>({
  name: "the Outlook adapter against the Graph emulator (msal-node, Graph client; read only)",
  start: startOutlookContract,
});

async function startOutlookContract(): Promise<ReadOnlySpokeHarness<EntraPerson, OutlookView>> {
  // Nothing runs the bridge's jobs: the adapter's read is the poll, and observe jobs stay queued.
  const world = await startWorld({ people: 1, run: "none", emulator: { outlookThrottle: THROTTLE } });
  const [someone] = world.people;
  const [link] = world.links;
  if (!someone || !link) throw new Error("fixture");
  const adapter = createOutlookAdapter(world.bridge);
  const { control } = world.emulator;
  const queue = new QueuedObservations(world.t.db);
  /** The start of the meeting each change put in the calendar. */
  const meetings = new Map<number, number>();
  let waitMs = 0;
  return {
    adapter,
    person: { person: adapter.identity.personOf(link), link, email: someone.mail ?? "" },
    observations: () =>
      queue.take((job) =>
        job.subject.side === "outlook"
          ? {
              subject: { tenantId: job.subject.tenantId, userId: job.subject.userId },
              facets: ZOutlookView.parse(job.facets),
            }
          : null,
      ),
    observe: {
      // Outlook is polled: the person books a meeting, then the harness reads.
      async change(person, n) {
        const start = Math.ceil((Date.now() + n * 30 * MINUTE) / 1000) * 1000;
        meetings.set(n, start);
        control.addCalendarEvent(person.userId, {
          start: new Date(start).toISOString(),
          end: new Date(start + 45 * MINUTE).toISOString(),
          showAs: "busy",
          subject: `Contract change ${n}`,
        });
        await adapter.observe.read(person);
      },
      shows: (view, n) => view.calendar?.blocks.some((b) => b.start === meetings.get(n)) === true,
    },
    limits: {
      // Spends the mailbox's budget: reads until Outlook answers 429 with at least a second of it left.
      async exhaust() {
        const person = adapter.identity.personOf(link);
        for (;;) {
          const refused = await adapter.observe.read(person).then(
            () => null,
            (error: unknown) => BridgeError.from(error),
          );
          if (refused && refused.code !== "rate_limited") throw refused;
          waitMs = refused?.retryAfterMs ?? 0;
          if (waitMs >= 2000) return;
          await sleep(waitMs);
        }
      },
      restore: () => sleep(waitMs),
      // No revoke: reads use the app's own token (like the Teams adapter's).
    },
    close: () => world.close(),
  };
}
