import {
  AVAILABLE_FADE_MINUTES,
  defaultSettings,
  ZTeamsView,
  type EntraPerson,
  type TeamsHold,
  type TeamsView,
  type TeamsWriteOp,
} from "@presence/core";
import { QueuedObservations } from "@presence/pipeline/testing";
import { describeSpokeContract, type WritingSpokeHarness } from "@presence/spoke-contract";
import { expect } from "vitest";

import { startWorld } from "../testing/teams-world.ts";
import { createTeamsAdapter } from "./teams-adapter.ts";

const SESSION_MINUTES = 60;
const busy = { availability: "Busy", activity: "InACall", keepAlive: false } as const;
/** The person's own Teams client, one state per change. */
const OWN_STATES = [
  { availability: "Away", activity: "Away" },
  { availability: "BeRightBack", activity: "BeRightBack" },
] as const;

describeSpokeContract<EntraPerson, TeamsView, TeamsHold, TeamsWriteOp>({
  name: "the Teams adapter against the Graph emulator (msal-node, Graph client)",
  start: startTeamsContract,
  writeCases: [
    {
      name: "a session, a preferred presence and a status message",
      hold: (now) => ({
        session: busy,
        preferred: { availability: "DoNotDisturb", activity: "DoNotDisturb" },
        statusMessage: { text: "In a huddle (via Slack)", expiresAt: now + 3600_000 },
      }),
    },
    { name: "releasing the session, the preferred presence and the status message", hold: () => ({}) },
  ],
  holds: [
    {
      name: "a held Busy session",
      hold: () => ({ session: busy }),
      dropsAt: (at) => at + SESSION_MINUTES * 60_000,
    },
    {
      name: "a kept-alive Available session",
      hold: () => ({ session: { availability: "Available", activity: "Available", keepAlive: true } }),
      dropsAt: (at) => at + AVAILABLE_FADE_MINUTES * 60_000,
    },
    {
      name: "a preferred presence",
      hold: () => ({ session: busy, preferred: { availability: "DoNotDisturb", activity: "DoNotDisturb" } }),
      dropsAt: (at) => at + SESSION_MINUTES * 60_000,
    },
  ],
});

async function startTeamsContract(): Promise<
  WritingSpokeHarness<EntraPerson, TeamsView, TeamsHold, TeamsWriteOp>
> {
  // Nothing runs the bridge's jobs: the adapter's own read is the poll, and observe jobs stay queued.
  const world = await startWorld({
    people: 1,
    run: "none",
    env: { GRAPH_READ_MODE: "poll", GRAPH_SESSION_EXPIRY_MINUTES: String(SESSION_MINUTES) },
  });
  const [someone] = world.people;
  const [link] = world.links;
  if (!someone || !link) throw new Error("fixture");
  const adapter = createTeamsAdapter(world.bridge);
  const { control } = world.emulator;
  const queue = new QueuedObservations(world.t.db);
  return {
    adapter,
    person: { person: adapter.identity.personOf(link), link, email: someone.mail ?? "" },
    observations: () =>
      queue.take((job) =>
        job.subject.side === "teams"
          ? {
              subject: { tenantId: job.subject.tenantId, userId: job.subject.userId },
              facets: ZTeamsView.parse(job.facets),
            }
          : null,
      ),
    observe: {
      async change(person, n) {
        const state = OWN_STATES[(n - 1) % OWN_STATES.length] ?? OWN_STATES[0];
        control.openTeamsSession(person.userId, { ...state, sessionId: "own-teams-client" });
        await adapter.observe.read(person);
      },
      shows: (view, n) =>
        view.presence?.availability ===
        (OWN_STATES[(n - 1) % OWN_STATES.length] ?? OWN_STATES[0]).availability,
    },
    write: {
      async expectShown(person, hold) {
        const session = control.sessions(person.userId).find((s) => s.kind === "app");
        if (hold.session) expect(session).toMatchObject({ availability: hold.session.availability });
        else expect(session).toBeUndefined();
        const presence = control.presence(person.userId);
        if (hold.preferred) expect(presence).toMatchObject({ availability: hold.preferred.availability });
        expect(presence.statusMessage?.content ?? "").toBe(hold.statusMessage?.text ?? "");
      },
      reportBack: (person) => adapter.observe.read(person),
      echoTtlMs: defaultSettings().teamsEchoTtlSeconds * 1000,
    },
    limits: {
      op: { side: "teams", facet: "session", action: "set", value: busy },
      exhaust: async () =>
        void control.injectFault({ target: "presence-write", status: 429, retryAfterS: 2 }),
      restore: async () => control.clearFaults(),
      // No revoke: writes use the app's own token, whose 401 is retried with a fresh one (ADR 0009 §5).
    },
    close: () => world.close(),
  };
}
