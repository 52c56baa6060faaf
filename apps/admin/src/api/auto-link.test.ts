import { runBulkLink } from "@presence/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";
import { ZAutoLinkPreviewOut, ZBulkRunOut } from "./api-responses.ts";

const PEOPLE = 5_000;
const TENANT = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const entraId = (n: number) => `dddddddd-dddd-4ddd-8ddd-${String(n).padStart(12, "0")}`;

let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld();
  type Entry = {
    side: "slack" | "teams";
    scopeId: string;
    userId: string;
    email: string | null;
    displayName: string;
    deactivated?: boolean;
  };
  const slack: Entry[] = [];
  const teams: Entry[] = [];
  for (let n = 0; n < PEOPLE; n++) {
    const email = `person${n}@big.test`;
    slack.push({
      side: "slack" as const,
      scopeId: "T0BIG",
      userId: `U0P${n}`,
      email,
      displayName: `Person ${n}`,
    });
    teams.push({
      side: "teams" as const,
      scopeId: TENANT,
      userId: entraId(n),
      email,
      displayName: `Person ${n}`,
    });
  }
  // Everyone else the preview must explain.
  slack.push(
    { side: "slack", scopeId: "T0BIG", userId: "U0DUP1", email: "dup@big.test", displayName: "Dup One" },
    { side: "slack", scopeId: "T0BIG", userId: "U0DUP2", email: "dup@big.test", displayName: "Dup Two" },
    {
      side: "slack",
      scopeId: "T0BIG",
      userId: "U0ONLYS",
      email: "only-slack@big.test",
      displayName: "Sol Slack",
    },
    { side: "slack", scopeId: "T0BIG", userId: "U0NOMAIL", email: null, displayName: "Zoë O'Brien" },
    {
      side: "slack",
      scopeId: "T0BIG",
      userId: "U0GONE",
      email: "gone@big.test",
      displayName: "Gone",
      deactivated: true,
    },
  );
  teams.push(
    { side: "teams", scopeId: TENANT, userId: entraId(90_001), email: "dup@big.test", displayName: "Dup" },
    {
      side: "teams",
      scopeId: TENANT,
      userId: entraId(90_002),
      email: "only-teams@big.test",
      displayName: "Tia Teams",
    },
    {
      side: "teams",
      scopeId: TENANT,
      userId: entraId(90_003),
      email: "zoe.obrien@big.test",
      displayName: "Zoe O'Brien",
    },
    { side: "teams", scopeId: TENANT, userId: entraId(90_004), email: "gone@big.test", displayName: "Gone" },
  );
  await w.db.directoryEntry.createMany({ data: [...slack, ...teams] });
}, 180_000);
afterAll(async () => {
  await w?.stop();
});

describe("automatic linking by e-mail for the whole organisation", () => {
  it("previews matches, conflicts, people on one side only, missing e-mails, deactivated and same-name suggestions", async () => {
    const preview = ZAutoLinkPreviewOut.parse((await w.token.request("GET", "/api/auto-link/preview")).json);
    expect(preview.matches.count).toBe(PEOPLE);
    expect(preview.matches.items).toHaveLength(200);
    expect(preview.conflicts.items).toEqual([
      expect.objectContaining({ email: "dup@big.test", reason: "several_slack_accounts" }),
    ]);
    expect(preview.onlyOnSlack.items.map((a) => a.userId)).toEqual(["U0ONLYS"]);
    // Gone's Slack account is deactivated: only the Microsoft one is left, on its own.
    expect(preview.onlyOnTeams.items.map((a) => a.email)).toEqual([
      "gone@big.test",
      "only-teams@big.test",
      "zoe.obrien@big.test",
    ]);
    expect(preview.missingEmail.slack.items.map((a) => a.userId)).toEqual(["U0NOMAIL"]);
    expect(preview.deactivated).toEqual({ slack: 1, teams: 0 });
    expect(preview.suggestions.items).toEqual([
      expect.objectContaining({
        slack: expect.objectContaining({ userId: "U0NOMAIL" }),
        teams: expect.objectContaining({ email: "zoe.obrien@big.test" }),
      }),
    ]);
  });

  it(`links ${PEOPLE.toLocaleString()} people as a job, with progress, and is idempotent`, async () => {
    const started = performance.now();
    const start = await w.token.request("POST", "/api/auto-link/runs");
    expect(start.status).toBe(202);
    const run = ZBulkRunOut.parse(start.json.run);
    expect(run).toMatchObject({ status: "queued", total: PEOPLE, processed: 0 });
    // A second start while one runs is refused.
    expect((await w.token.request("POST", "/api/auto-link/runs")).status).toBe(409);

    const progress: number[] = [];
    let status = run.status;
    while (status !== "done") {
      const current = ZBulkRunOut.parse(
        (await w.token.request("GET", `/api/auto-link/runs/${run.id}`)).json.run,
      );
      progress.push(current.processed);
      status = current.status;
      expect(current.status).not.toBe("failed");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`bulk linking of ${PEOPLE} people took ${seconds.toFixed(1)} s (job, real Postgres)`);
    expect(
      progress.some((p) => p > 0 && p < PEOPLE),
      `progress seen: ${progress.join(",")}`,
    ).toBe(true);
    const done = ZBulkRunOut.parse((await w.token.request("GET", `/api/auto-link/runs/${run.id}`)).json.run);
    expect(done).toMatchObject({ status: "done", processed: PEOPLE, linked: PEOPLE, skipped: 0 });
    expect(await w.db.link.count({ where: { bulkRunId: run.id } })).toBe(PEOPLE);
    expect(await w.db.linkSide.count()).toBe(PEOPLE * 2);
    expect(await w.db.syncEvent.count({ where: { kind: "link_created" } })).toBe(PEOPLE);

    // Nothing left to link; the job run again (a retry after a crash) links nobody twice.
    const again = await w.token.request("POST", "/api/auto-link/runs");
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/Nobody to link/);
    await w.db.bulkLinkRun.update({ where: { id: run.id }, data: { status: "running", processed: 0 } });
    await runBulkLink(w.db, run.id);
    expect(await w.db.link.count()).toBe(PEOPLE);
    expect(
      ZBulkRunOut.parse((await w.token.request("GET", `/api/auto-link/runs/${run.id}`)).json.run),
    ).toMatchObject({
      status: "done",
      linked: PEOPLE,
      skipped: PEOPLE,
    });
    const preview = ZAutoLinkPreviewOut.parse((await w.token.request("GET", "/api/auto-link/preview")).json);
    expect(preview).toMatchObject({ matches: { count: 0 }, alreadyLinked: PEOPLE });
  }, 240_000);

  it("undoes the run as a job: every link it made is removed again, nothing else", async () => {
    const manual = await w.token.request("POST", "/api/links", {
      body: {
        slack: { teamId: "T0BIG", userId: "U0ONLYS" },
        entra: { tenantId: TENANT, userId: entraId(90_002) },
      },
    });
    expect(manual.status).toBe(201);
    const [run] = (await w.token.request("GET", "/api/auto-link/runs")).json.runs as { id: string }[];
    const undo = await w.token.request("POST", `/api/auto-link/runs/${run?.id}/undo`);
    expect(undo.status).toBe(202);
    await expect
      .poll(
        async () =>
          ((await w.token.request("GET", `/api/auto-link/runs/${run?.id}`)).json.run as { status: string })
            .status,
        {
          timeout: 120_000,
          interval: 200,
        },
      )
      .toBe("undone");
    expect(await w.db.link.count()).toBe(1);
    expect(await w.db.syncEvent.count({ where: { kind: "link_removed" } })).toBe(PEOPLE);
    const actions = await w.db.syncEvent.findMany({
      where: { kind: "admin_action" },
      select: { detail: true, correlationId: true },
    });
    expect(actions.map((a) => (a.detail as { action: string }).action)).toEqual(
      expect.arrayContaining(["auto_link_started", "auto_link_finished", "auto_link_undo_started"]),
    );
    expect(actions.every((a) => a.correlationId === "api-token")).toBe(true);
  }, 180_000);
});
