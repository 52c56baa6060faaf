import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presenceResourceSchema } from "../schemas/presence-schemas.ts";
import { eventually } from "../testing/eventually.ts";
import { startFixture, type Fixture } from "../testing/fixture.ts";
import { appTokenProvider, graphClientFor, msalFor } from "../testing/sdk-clients.ts";

// timeScale 1/250: the 5-minute fade is 1.2 s, PT5M is 1.2 s, PT1H is 14.4 s (wide enough for a loaded CI machine).
let fx: Fixture;
let graph: Client;

beforeAll(async () => {
  fx = await startFixture({ timeScale: 0.004 });
  const { cca } = msalFor(fx.emulator, fx.tenant.id, fx.app.clientId, { clientSecret: fx.app.clientSecret });
  graph = graphClientFor(fx.emulator, appTokenProvider(fx.emulator, cca));
});
afterAll(() => fx.emulator.close());

const read = async (id: string) =>
  presenceResourceSchema.parse(await graph.api(`/users/${id}/presence`).get());
const newUser = (name: string) =>
  fx.emulator.control.createUser({ tenantId: fx.tenant.id, displayName: name }).id;
const setPresence = (id: string, availability: string, activity: string, expirationDuration?: string) =>
  graph.api(`/users/${id}/presence/setPresence`).post({
    sessionId: fx.app.clientId,
    availability,
    activity,
    ...(expirationDuration ? { expirationDuration } : {}),
  });

describe("time, scaled", () => {
  it("an Available session fades to AvailableIdle/Inactive, then Away/Away, each a new sequenceNumber", async () => {
    const id = newUser("Fader");
    const fade = fx.emulator.config.availableFadeMs;
    expect(fade).toBe(1200);
    const started = Date.now();
    await setPresence(id, "Available", "Available", "PT1H");
    const fresh = await read(id);
    expect(fresh).toMatchObject({ availability: "Available", activity: "Available" });
    const idle = await eventually(async () => {
      const p = await read(id);
      expect(p).toMatchObject({ availability: "AvailableIdle", activity: "Inactive" });
      return p;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(fade);
    const away = await eventually(async () => {
      const p = await read(id);
      expect(p).toMatchObject({ availability: "Away", activity: "Away" });
      return p;
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * fade);
    expect(idle.sequenceNumber > fresh.sequenceNumber && away.sequenceNumber > idle.sequenceNumber).toBe(
      true,
    );
    // The session is still there (it expires after PT1H × scale); re-posting makes it fresh again.
    expect(fx.emulator.control.sessions(id)).toHaveLength(1);
    await setPresence(id, "Available", "Available", "PT1H");
    expect(await read(id)).toMatchObject({ availability: "Available", activity: "Available" });
  });

  it("a session expires at expirationDuration (and by default) → Offline; clearing it then is 404", async () => {
    const id = newUser("Expiring");
    await setPresence(id, "Busy", "InACall", "PT5M");
    expect(await read(id)).toMatchObject({ availability: "Busy" });
    await eventually(async () =>
      expect(await read(id)).toMatchObject({ availability: "Offline", activity: "Offline" }),
    );
    await expect(
      graph.api(`/users/${id}/presence/clearPresence`).post({ sessionId: fx.app.clientId }),
    ).rejects.toMatchObject({ statusCode: 404 });

    await setPresence(id, "DoNotDisturb", "Presenting");
    expect(fx.emulator.control.sessions(id)[0]?.expiresAt).toBeLessThanOrEqual(
      Date.now() + fx.emulator.config.sessionDefaultExpiryMs,
    );
    await eventually(async () => expect(await read(id)).toMatchObject({ availability: "Offline" }));
  });

  it("a status message disappears at its (scaled) expiry", async () => {
    const id = newUser("Messenger");
    fx.emulator.control.openTeamsSession(id, { availability: "Available", activity: "Available" });
    const expiry = new Date(Date.now() + 5 * 60_000).toISOString().slice(0, 19);
    await graph.api(`/users/${id}/presence/setStatusMessage`).post({
      statusMessage: {
        message: { content: "Back soon", contentType: "text" },
        expiryDateTime: { dateTime: expiry, timeZone: "UTC" },
      },
    });
    expect((await read(id)).statusMessage?.message.content).toBe("Back soon");
    await eventually(async () => expect((await read(id)).statusMessage).toBeNull());
  });
});
