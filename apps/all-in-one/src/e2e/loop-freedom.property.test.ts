import { findLinkBySlack } from "@presence/db";
import { freePort } from "@presence/runtime/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { waitForDemoIdle } from "../testing/demo-idle.ts";
import { startDemoWorld, type DemoWorld } from "../testing/demo-world.ts";

/**
 * Loop freedom on the real thing: the Postgres pipeline, both bridges, and the Slack and Graph emulators
 * (Slack echoing every status write two or three times, Graph aggregating sessions), the flap breaker at
 * its default. For random interleavings of a person's own changes on both sides, the bridge never writes a
 * state back to the side it came from, never writes the same state twice in a row, and goes quiet.
 * LOOP_RUNS sequences (default 3: each takes about ten seconds of real time; more by hand).
 */
const RUNS = loopRuns(process.env.LOOP_RUNS);
const SETTLE_MS = 3_000;
let world: DemoWorld;

function loopRuns(raw: string | undefined): number {
  if (raw === undefined) return 3;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`LOOP_RUNS must be a whole number ≥ 1 (got "${raw}")`);
  return runs;
}

type Action =
  | {
      side: "teams";
      kind: "presence";
      availability: "Available" | "Busy" | "DoNotDisturb" | "Away";
      activity: string;
    }
  | { side: "teams"; kind: "message"; text: string }
  | { side: "teams"; kind: "oof"; on: boolean }
  | { side: "slack"; kind: "status"; text: string; emoji: string }
  | { side: "slack"; kind: "huddle"; on: boolean }
  | { side: "slack"; kind: "dnd"; on: boolean };

const teamsPresence = fc.constantFrom(
  { availability: "Available" as const, activity: "Available" },
  { availability: "Busy" as const, activity: "InAMeeting" },
  { availability: "Busy" as const, activity: "InACall" },
  { availability: "DoNotDisturb" as const, activity: "Presenting" },
  { availability: "Away" as const, activity: "Away" },
);
const action: fc.Arbitrary<Action> = fc.oneof(
  teamsPresence.map((p) => ({ side: "teams" as const, kind: "presence" as const, ...p })),
  fc
    .constantFrom("", "Working from the lake house", "Back at 3")
    .map((text) => ({ side: "teams" as const, kind: "message" as const, text })),
  fc.boolean().map((on) => ({ side: "teams" as const, kind: "oof" as const, on })),
  fc
    .constantFrom(
      { text: "", emoji: "" },
      { text: "Lunch", emoji: ":sandwich:" },
      { text: "In a meeting", emoji: ":spiral_calendar_pad:" },
      { text: "Vacationing", emoji: ":palm_tree:" },
      { text: "Commuting", emoji: ":bus:" },
    )
    .map((s) => ({ side: "slack" as const, kind: "status" as const, ...s })),
  fc.boolean().map((on) => ({ side: "slack" as const, kind: "huddle" as const, on })),
  fc.boolean().map((on) => ({ side: "slack" as const, kind: "dnd" as const, on })),
);
const script = fc.array(fc.record({ action, pauseMs: fc.integer({ min: 0, max: 1_200 }) }), {
  minLength: 2,
  maxLength: 7,
});

beforeAll(async () => {
  world = await startDemoWorld(await freePort());
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

function person(index: number) {
  const slack = world.demo.slack?.people[index];
  const teams = world.demo.graph?.people[index];
  if (!slack || !teams) throw new Error("demo person missing");
  return { slack, teams };
}

/** The person's own Teams client session (not the bridge app's). */
function ownSession(userId: string): string {
  const clientId = world.demo.graph?.config.AZURE_CLIENT_ID;
  const session = world.demo.graph?.emulator.control.sessions(userId).find((s) => s.sessionId !== clientId);
  if (!session) throw new Error("no Teams client session");
  return session.sessionId;
}

function apply(who: ReturnType<typeof person>, a: Action): void {
  const slack = world.demo.slack?.emulator.control;
  const graph = world.demo.graph?.emulator.control;
  if (!slack || !graph) throw new Error("no emulators");
  const userId = who.slack.id;
  switch (a.kind) {
    case "presence":
      graph.updateTeamsSession(who.teams.id, ownSession(who.teams.id), {
        availability: a.availability,
        activity: a.activity as "Available",
      });
      return;
    case "message":
      graph.setStatusMessage(who.teams.id, { content: a.text });
      return;
    case "oof":
      graph.setOutOfOffice(who.teams.id, { isOutOfOffice: a.on });
      return;
    case "status":
      if (a.text === "" && a.emoji === "") slack.clearStatus({ userId });
      else slack.setStatus({ userId, text: a.text, emoji: a.emoji });
      return;
    case "huddle":
      if (a.on) slack.joinHuddle({ userId });
      else slack.leaveHuddle({ userId });
      return;
    case "dnd":
      if (a.on) slack.snoozeDnd({ userId, minutes: 30 });
      else if (slack.getDnd({ userId }).snooze_enabled) slack.endSnooze({ userId });
      return;
  }
}

/** Until the pipeline is idle and no write happened for SETTLE_MS (Teams is read every second). */
async function settle(linkId: string): Promise<void> {
  let last = -1;
  for (;;) {
    await waitForDemoIdle(world);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const writes = await world.t.db.syncEvent.count({ where: { linkId, kind: "written" } });
    if (writes === last) return;
    last = writes;
  }
}

interface Written {
  side: "slack" | "teams";
  facet: string;
  action: "set" | "clear";
  value?: { text?: string; emoji?: string; availability?: string; activity?: string };
}

describe("loop freedom on the Postgres pipeline and the emulators", () => {
  it(`no state returns to the side it came from, no state is written twice in a row, the bridge goes quiet (${RUNS} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(script, async (steps) => {
        const who = person(run % 4);
        run += 1;
        const teamId = (await world.t.db.slackWorkspace.findFirstOrThrow()).teamId;
        const link = await findLinkBySlack(world.t.db, teamId, who.slack.id);
        if (!link) throw new Error("demo person not linked");
        await settle(link.id);
        const from = (await world.t.db.syncEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
        const done: { side: string; at: number }[] = [];
        for (const step of steps) {
          apply(who, step.action);
          done.push({ side: step.action.side, at: Date.now() });
          await new Promise((resolve) => setTimeout(resolve, step.pauseMs));
        }
        await settle(link.id);
        const events = await world.t.db.syncEvent.findMany({
          where: { linkId: link.id, id: { gt: from } },
          orderBy: { id: "asc" },
        });
        const written = events.filter((e) => e.kind === "written");
        const writes = written.flatMap((e) => (e.detail as unknown as { ops: Written[] }).ops);
        // Never back to where it came from: Slack gets only Teams-made statuses, Teams only Slack-made messages.
        for (const w of writes) {
          if (w.side === "slack" && w.facet === "status" && w.action === "set")
            expect(w.value?.text, "a Slack status the bridge writes is Teams'").toMatch(/ \(via Teams\)$/);
          if (w.side === "slack" && w.facet === "status" && w.action === "set")
            expect(w.value?.text).not.toContain("(via Slack)");
          if (w.side === "teams" && w.facet === "statusMessage" && w.action === "set") {
            expect(w.value?.text, "a Teams message the bridge writes is Slack's").toMatch(/ \(via Slack\)$/);
            expect(w.value?.text).not.toContain("(via Teams)");
          }
        }
        // The same state is never written twice in a row to the same facet, unless the person changed that
        // side in between (a facet they took back is the bridge's again once the other side changes).
        const last = new Map<string, { value: string; at: number }>();
        for (const event of written) {
          const at = event.at.getTime();
          for (const w of (event.detail as unknown as { ops: Written[] }).ops) {
            const key = `${w.side}:${w.facet}`;
            const value = JSON.stringify({
              action: w.action,
              ...w.value,
              expiresAt: undefined,
              until: undefined,
            });
            const previous = last.get(key);
            const touched =
              previous && done.some((d) => d.side === w.side && d.at > previous.at && d.at < at);
            if (previous && !touched)
              expect(previous.value, `${key} written twice: ${value}`).not.toBe(value);
            last.set(key, { value, at });
          }
        }
        // Bounded: no more writes than the person made changes, per side and facet (plus one release each).
        expect(writes.length).toBeLessThanOrEqual(steps.length * 3 + 6);
        expect(events.filter((e) => e.kind === "flap_paused")).toEqual([]);
        // Quiet: nothing more is written after the settle.
        const after = await world.t.db.syncEvent.count({ where: { linkId: link.id, kind: "written" } });
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await waitForDemoIdle(world);
        expect(await world.t.db.syncEvent.count({ where: { linkId: link.id, kind: "written" } })).toBe(after);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
