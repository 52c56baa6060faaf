import { BridgeError, entraPersonOf, type TeamsWriteOp } from "@presence/core";
import type { Link } from "@presence/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTeamsAdapter } from "../spoke/teams-adapter.ts";
import { startWorld, type World } from "../testing/teams-world.ts";
import { teamsHeldUntil } from "./teams-writer.ts";

let world: World;
let link: Link;
let userId: string;

beforeAll(async () => {
  world = await startWorld({ people: 2, run: "none", env: { GRAPH_SESSION_EXPIRY_MINUTES: "30" } });
  const first = world.links[0];
  if (!first) throw new Error("fixture");
  link = first;
  userId = first.entraUserId;
});
afterAll(async () => {
  await world?.close();
});

const perform = (op: TeamsWriteOp) => createTeamsAdapter(world.bridge).write.perform(entraPersonOf(link), op);
const failure = async (op: TeamsWriteOp): Promise<BridgeError> => {
  const error = await perform(op).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof BridgeError)) throw new Error(`expected a BridgeError, got ${String(error)}`);
  return error;
};
const busyCall: TeamsWriteOp = {
  side: "teams",
  facet: "session",
  action: "set",
  value: { availability: "Busy", activity: "InACall", keepAlive: false },
};

describe("the Teams writer against Graph", () => {
  it("holds the app's own session (sessionId = client id) with the configured expiry", async () => {
    const before = Date.now();
    await perform(busyCall);
    const sessions = world.emulator.control.sessions(userId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      sessionId: world.clientId,
      kind: "app",
      availability: "Busy",
      activity: "InACall",
    });
    const lifetime = (sessions[0]?.expiresAt ?? 0) - before;
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 1000);
    expect(world.emulator.control.presence(userId)).toMatchObject({
      availability: "Busy",
      activity: "InACall",
    });
    const calls = world.emulator.control
      .requests({ surface: "graph" })
      .filter((r) => r.path.endsWith("/setPresence"));
    expect(calls.at(-1)).toMatchObject({ tokenKind: "app", status: 200, appId: world.clientId });
  });

  it("clears the session, and a session already gone (404) counts as done", async () => {
    await perform({ side: "teams", facet: "session", action: "clear" });
    expect(world.emulator.control.sessions(userId)).toHaveLength(0);
    await expect(perform({ side: "teams", facet: "session", action: "clear" })).resolves.toBeUndefined();
    const clears = world.emulator.control
      .requests({ surface: "graph" })
      .filter((r) => r.path.endsWith("/clearPresence"));
    expect(clears.map((r) => r.status)).toEqual([200, 404]);
  });

  it("sets the status message with its expiry, and clears it with an empty message", async () => {
    const expiresAt = Date.now() + 45 * 60_000;
    await perform({
      side: "teams",
      facet: "statusMessage",
      action: "set",
      value: { text: "Lunch (via Slack)", expiresAt },
    });
    const message = world.emulator.control.presence(userId).statusMessage;
    expect(message?.content).toBe("Lunch (via Slack)");
    expect(Math.abs((message?.expiresAt ?? 0) - expiresAt)).toBeLessThan(1000);
    await perform({ side: "teams", facet: "statusMessage", action: "clear" });
    expect(world.emulator.control.presence(userId).statusMessage).toBeUndefined();
  });

  it("sets and clears the user-preferred presence when it is asked for", async () => {
    world.emulator.control.openTeamsSession(userId, { availability: "Available", activity: "Available" });
    await perform({
      side: "teams",
      facet: "preferred",
      action: "set",
      value: { availability: "DoNotDisturb", activity: "DoNotDisturb" },
    });
    expect(world.emulator.control.presence(userId)).toMatchObject({
      availability: "DoNotDisturb",
      activity: "DoNotDisturb",
    });
    await perform({ side: "teams", facet: "preferred", action: "clear" });
    expect(world.emulator.control.presence(userId)).toMatchObject({
      availability: "Available",
      activity: "Available",
    });
  });

  it("classifies Graph's answers: 429 with Retry-After, 403, 400, 5xx", async () => {
    world.emulator.control.injectFault({ target: "presence-write", status: 429, retryAfterS: 7 });
    expect(await failure(busyCall)).toMatchObject({ code: "rate_limited", retryAfterMs: 7000 });

    world.emulator.control.injectFault({ target: "presence-write", status: 503, retryAfterS: 2 });
    expect(await failure(busyCall)).toMatchObject({ code: "upstream_unavailable" });

    world.emulator.control.injectFault({ target: "presence-write", status: 500 });
    const serverError = await failure(busyCall);
    expect(serverError.code).toBe("upstream_unavailable");
    expect(serverError.isRetryable).toBe(true);

    const invalid = await failure({
      side: "teams",
      facet: "session",
      action: "set",
      // Graph has no Busy/Busy session pair (core never plans one; Graph answers 400).
      value: { availability: "Busy", activity: "Busy", keepAlive: false },
    });
    expect(invalid.code).toBe("upstream_rejected");
    expect(invalid.isRetryable).toBe(false);

    world.emulator.control.updateApp(world.clientId, {
      applicationPermissions: ["Presence.Read.All", "User.Read.All"],
    });
    try {
      // The cached token still carries the old roles: ask for a fresh one as after an admin change.
      world.emulator.control.injectFault({
        target: "presence-write",
        status: 401,
        code: "InvalidAuthenticationToken",
      });
      expect(await failure(busyCall)).toMatchObject({ code: "upstream_unavailable" });
      expect(await failure(busyCall)).toMatchObject({ code: "missing_permission" });
    } finally {
      world.emulator.control.updateApp(world.clientId, {
        applicationPermissions: ["Presence.ReadWrite.All", "User.Read.All"],
      });
    }
  });

  it("gets a new app token after Graph refuses the cached one (401), then succeeds", async () => {
    const tokenRequests = () =>
      world.emulator.control
        .requests({ surface: "entra" })
        .filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length;
    const before = tokenRequests();
    world.emulator.control.injectFault({
      target: "presence-write",
      status: 401,
      code: "InvalidAuthenticationToken",
    });
    expect(await failure(busyCall)).toMatchObject({ code: "upstream_unavailable" });
    await perform(busyCall);
    expect(tokenRequests()).toBe(before + 1);
    await perform(busyCall);
    expect(tokenRequests()).toBe(before + 1);
  });
});

describe("heldUntil", () => {
  const timing = { keepAliveIntervalMs: 240_000, sessionRefreshMs: 2_700_000 };
  it("re-posts a kept-alive Available session before it fades, other sessions before they expire", () => {
    expect(
      teamsHeldUntil(
        { session: { availability: "Available", activity: "Available", keepAlive: true } },
        1000,
        timing,
      ),
    ).toEqual({ at: 241_000, facets: ["session"] });
    expect(
      teamsHeldUntil(
        { session: { availability: "Busy", activity: "InACall", keepAlive: false } },
        1000,
        timing,
      ),
    ).toEqual({ at: 2_701_000, facets: ["session"] });
  });
  it("lets an Available session no rule keeps alive fade, and refreshes a preferred presence with the session", () => {
    expect(
      teamsHeldUntil(
        { session: { availability: "Available", activity: "Available", keepAlive: false } },
        0,
        timing,
      ),
    ).toBeNull();
    expect(
      teamsHeldUntil(
        {
          session: { availability: "DoNotDisturb", activity: "Presenting", keepAlive: false },
          preferred: { availability: "DoNotDisturb", activity: "DoNotDisturb" },
        },
        0,
        timing,
      ),
    ).toEqual({ at: 2_700_000, facets: ["session", "preferred"] });
    expect(teamsHeldUntil({ statusMessage: { text: "x", expiresAt: null } }, 0, timing)).toBeNull();
  });
});
