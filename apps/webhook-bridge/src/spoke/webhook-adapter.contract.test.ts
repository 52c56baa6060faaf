import {
  ZWebhookView,
  type PublishedHold,
  type PublishedState,
  type WebhookPerson,
  type WebhookView,
  type WebhookWriteOp,
} from "@presence/core";
import { QueuedObservations } from "@presence/pipeline/testing";
import { describeSpokeContract, type WritingSpokeHarness } from "@presence/spoke-contract";
import { expect } from "vitest";

import { startTestSystem, type ReportedState } from "../testing/test-system.ts";
import { startWebhookWorld } from "../testing/webhook-world.ts";
import { createWebhookAdapter } from "./webhook-adapter.ts";

const SECRET = "5d2c7a9e1b3f4d6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d1f3a5c7e9b2d4f6a";
const CONNECTION = "phones";
const HOUR = 3600_000;
/** The system's own reports, one per change. */
const OWN_STATES: readonly [ReportedState, ...ReportedState[]] = [
  { availability: "busy", activity: "inACall", until: null },
  { availability: "away", activity: "away", until: null },
];
const published = (until: number | null): PublishedState => ({
  availability: "busy",
  activity: "inAMeeting",
  outOfOffice: false,
  until,
  source: "teams",
});
const own = (n: number) => OWN_STATES[(n - 1) % OWN_STATES.length] ?? OWN_STATES[0];

describeSpokeContract<WebhookPerson, WebhookView, PublishedHold, WebhookWriteOp>({
  name: "the webhook adapter against a test system (signed reports in, signed deliveries out)",
  start: startWebhookContract,
  writeCases: [
    { name: "publishing the person's state", hold: (now) => ({ state: published(now + HOUR) }) },
    { name: "releasing it (not shared)", hold: () => ({ state: null }) },
  ],
  // No holds: a published state does not lapse (heldUntil is null).
});

async function startWebhookContract(): Promise<
  WritingSpokeHarness<WebhookPerson, WebhookView, PublishedHold, WebhookWriteOp>
> {
  // Nothing runs the queue: reports stay queued as observe jobs, and the adapter makes the deliveries.
  const world = await startWebhookWorld();
  const system = await startTestSystem({ bridgeUrl: world.url, connectionId: CONNECTION, secret: SECRET });
  await world.connect({ id: CONNECTION, direction: "both", url: system.receiver.url }, SECRET);
  const link = await world.link("ada.lovelace@contoso.com");
  const adapter = createWebhookAdapter(world.context, CONNECTION);
  const queue = new QueuedObservations(world.t.db);
  // The system reports back what it is sent: each such report must be dropped as an echo.
  system.mirror = true;
  return {
    adapter,
    person: { person: adapter.identity.personOf(link), link, email: link.email ?? "" },
    observations: () =>
      queue.take((job) =>
        job.subject.side === "webhook"
          ? {
              subject: { connectionId: job.subject.connectionId, email: job.subject.email },
              facets: ZWebhookView.parse(job.facets),
            }
          : null,
      ),
    observe: {
      // A system pushes: the change is its signed report.
      change: async (person, n) => void expect(await system.report(person.email, own(n))).toBe(202),
      shows: (view, n) => view[CONNECTION]?.activity === own(n).activity,
    },
    write: {
      async expectShown(person, hold) {
        const delivered = system.lastDelivery(person.email);
        expect(delivered?.signatureValid).toBe(true);
        const state = hold.state ?? null;
        expect(delivered?.body.state ?? null).toEqual(
          state && expect.objectContaining({ availability: state.availability, activity: state.activity }),
        );
      },
      reportBack: () => system.settled(),
      echoTtlMs: world.config.WEBHOOK_ECHO_TTL_SECONDS * 1000,
    },
    limits: {
      op: { side: "webhook", facet: "state", action: "set", value: published(null) },
      exhaust: async () =>
        void system.receiver.answers.push({ status: 429, headers: { "retry-after": "2" } }),
      restore: async () => void (system.receiver.answers.length = 0),
      // No revoke: deliveries are signed with the connection's secret, not a person's token.
    },
    async close() {
      await system.close();
      await world.close();
    },
  };
}
