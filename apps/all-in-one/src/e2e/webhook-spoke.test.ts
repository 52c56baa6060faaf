import { listSyncEvents } from "@presence/db";
import { freePort } from "@presence/runtime/testing";
import { addWebhookConnection } from "@presence/services";
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from "@presence/webhook-bridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoPerson, until } from "../testing/demo-person.ts";
import { waitForDemoIdle } from "../testing/demo-idle.ts";
import { startDemoWorld, type DemoWorld } from "../testing/demo-world.ts";
import { startTestReceiver, type TestReceiver } from "@presence/webhook-bridge/testing";

/*
 * The generic webhook spoke end to end: the zero-config demo (both emulators, the apps, real Postgres)
 * with a "phone system" this project has never heard of — a local HTTP server that signs its reports
 * and checks the bridge's signatures as the contract in docs/webhook-spoke.md says.
 */
let world: DemoWorld;
let phones: TestReceiver;
let secret: string;

beforeAll(async () => {
  world = await startDemoWorld(await freePort());
  phones = await startTestReceiver(() => secret);
  const created = await addWebhookConnection(
    world.t.db,
    world.runtime.keyRing,
    { id: "phones", name: "Phone system", url: phones.url, direction: "both" },
    { name: "e2e" },
  );
  secret = created.secret;
}, 120_000);
afterAll(async () => {
  await phones?.close();
  await world?.stop();
});

const person = (index: number) => demoPerson(world, index);

async function report(body: object, options: { secret?: string } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`${world.url}/webhooks/phones`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(options.secret ?? secret, timestamp, raw),
      [IDEMPOTENCY_HEADER]: `call-${Math.random().toString(36).slice(2)}`,
    },
    body: raw,
  });
}

describe("webhook spoke, end to end", () => {
  it("a phone system's call reaches Slack (status) and Teams (the bridge's session); the call's end lets go", async () => {
    const ada = person(0);
    const clientId = world.demo.graph?.config.AZURE_CLIENT_ID;
    const bridgeSession = () => ada.graphControl.sessions(ada.teams.id).find((s) => s.sessionId === clientId);

    const refused = await report(
      {
        person: { email: ada.teams.mail },
        state: { availability: "busy", activity: "inACall", until: null },
      },
      { secret: "0".repeat(64) },
    );
    expect(refused.status).toBe(401);

    const accepted = await report({
      person: { email: ada.teams.mail },
      state: { availability: "busy", activity: "inACall", until: null },
      occurredAt: new Date().toISOString(),
    });
    expect(accepted.status).toBe(202);
    await until(
      () => ada.slackControl.getProfile({ userId: ada.slack.id }).status_text === "In a call (via Teams)",
      15_000,
      "Slack to show the call",
    );
    await until(
      () => bridgeSession()?.availability === "Busy" && bridgeSession()?.activity === "InACall",
      15_000,
      "the bridge's Teams session",
    );

    const ended = await report({
      person: { email: ada.teams.mail },
      state: null,
      occurredAt: new Date().toISOString(),
    });
    expect(ended.status).toBe(202);
    await until(
      () => ada.slackControl.getProfile({ userId: ada.slack.id }).status_text === "",
      15_000,
      "Slack to let go",
    );
    await until(() => bridgeSession() === undefined, 15_000, "the bridge's Teams session to end");
  }, 60_000);

  it("the person's own Teams meeting is sent to the system, signed; its echo back changes nothing", async () => {
    const bob = person(1);
    const link = await world.t.db.link.findFirstOrThrow({ where: { slackUserId: bob.slack.id } });
    // Bob's state as it was (published when the system was connected) may still be on its way.
    await waitForDemoIdle(world);
    const before = phones.received.length;
    // The system mirrors what it is told: it reports every state it receives back as its own.
    phones.onDelivery = async (received) => {
      const state = received.body.state as { availability: string; activity: string } | null;
      const email = (received.body.person as { email: string }).email;
      if (email === bob.teams.mail && state)
        await report({
          person: { email },
          state: { availability: state.availability, activity: state.activity, until: null },
          occurredAt: new Date().toISOString(),
        });
    };
    const own = bob.graphControl
      .sessions(bob.teams.id)
      .find((s) => s.sessionId !== world.demo.graph?.config.AZURE_CLIENT_ID);
    if (!own) throw new Error("no Teams client session");
    bob.graphControl.updateTeamsSession(bob.teams.id, own.sessionId, {
      availability: "Busy",
      activity: "InAMeeting",
    });

    await until(
      () =>
        phones.received
          .slice(before)
          .some(
            (r) =>
              (r.body.person as { email: string }).email === bob.teams.mail &&
              (r.body.state as { activity?: string } | null)?.activity === "inAMeeting",
          ),
      20_000,
      "the system to receive Bob's meeting",
    );
    const delivery = phones.received
      .slice(before)
      .find((r) => (r.body.person as { email: string }).email === bob.teams.mail);
    expect(delivery?.signatureValid).toBe(true);
    expect(delivery?.body).toMatchObject({
      type: "presence.changed",
      state: { availability: "busy", activity: "inAMeeting", source: "teams" },
    });
    // Let the echo arrive and settle: it is dropped, and nothing more is sent or written.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    phones.onDelivery = undefined;
    const events = await listSyncEvents(world.t.db, { linkId: link.id });
    expect(events.some((e) => e.side === "webhook" && e.kind === "echo_dropped")).toBe(true);
    const toBob = phones.received
      .slice(before)
      .filter((r) => (r.body.person as { email: string }).email === bob.teams.mail);
    expect(toBob).toHaveLength(1);
    const clientId = world.demo.graph?.config.AZURE_CLIENT_ID;
    expect(bob.graphControl.sessions(bob.teams.id).find((s) => s.sessionId === clientId)).toBeUndefined();
  }, 60_000);
});
