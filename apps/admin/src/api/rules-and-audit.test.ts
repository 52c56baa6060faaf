import { defaultRuleSet, type TeamsView } from "@presence/core";
import { createLink } from "@presence/db";
import { enqueueObservation } from "@presence/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";
import { csvCell } from "./audit-routes.ts";
import { ZDryRunDetailOut, ZRulePreviewOut, ZRuleVersionOut } from "./api-responses.ts";

let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld();
});
afterAll(async () => {
  await w?.stop();
});

const TENANT = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";
const meeting: TeamsView = {
  presence: { availability: "Busy", activity: "InAMeeting" },
  outOfOffice: { isOutOfOffice: false },
};
const call: TeamsView = {
  presence: { availability: "Busy", activity: "InACall" },
  outOfOffice: { isOutOfOffice: false },
};

function draftWithMeetingText(text: string) {
  const rules = defaultRuleSet();
  const rule = rules.teamsToSlack.find((r) => r.id === "in-a-meeting");
  if (!rule || typeof rule.slack.status !== "object") throw new Error("default rule missing");
  rule.slack.status = { ...rule.slack.status, text };
  return rules;
}

describe("mapping rules", () => {
  it("validates a draft against the platforms' limits, naming each problem by its path", async () => {
    const rules = defaultRuleSet() as unknown as {
      teamsToSlack: { slack: { status: unknown } }[];
      slackToTeams: { teams: { presence: unknown } }[];
    };
    (rules.teamsToSlack[0] as { slack: { status: unknown } }).slack.status = {
      text: "x".repeat(101),
      emoji: ":ok:",
      expiresInMinutes: 10,
    };
    (rules.slackToTeams[0] as { teams: { presence: unknown } }).teams.presence = {
      availability: "Busy",
      activity: "Busy",
      keepAlive: false,
    };
    const res = await w.token.request("POST", "/api/rules/validate", { body: { rules } });
    expect(res.json.valid).toBe(false);
    const issues = res.json.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "teamsToSlack.0.slack.status.text",
          message: expect.stringMatching(/100/),
        }),
        expect.objectContaining({
          path: "slackToTeams.0.teams.presence",
          message: expect.stringMatching(/setPresence accepts only/),
        }),
      ]),
    );
    expect(
      (await w.token.request("POST", "/api/rules/validate", { body: { rules: defaultRuleSet() } })).json,
    ).toEqual({
      valid: true,
      issues: [],
    });
  });

  it("previews a draft: this Teams state becomes this Slack status, this Slack state that Teams presence", async () => {
    const res = await w.token.request("POST", "/api/rules/preview", {
      body: {
        rules: draftWithMeetingText("Heads down"),
        teams: meeting,
        slack: { huddle: { inHuddle: true } },
      },
    });
    const preview = ZRulePreviewOut.parse(res.json);
    expect(preview.slack).toMatchObject({
      ruleId: "in-a-meeting",
      hold: { status: { text: "Heads down (via Teams)" } },
    });
    expect(preview.teams).toMatchObject({
      kind: "huddle",
      hold: { session: { availability: "Busy", activity: "InACall" } },
    });
  });

  it("publishes versions, diffs them and rolls back (as a new version), each recorded with who did it", async () => {
    const base = ZRuleVersionOut.parse((await w.token.request("GET", "/api/rules")).json);
    const edited = await w.token.request("POST", "/api/rules", {
      body: { rules: draftWithMeetingText("Meeting"), comment: "shorter" },
    });
    expect(edited.status).toBe(201);
    const v2 = ZRuleVersionOut.parse(edited.json);
    const old = ZRuleVersionOut.parse(
      (await w.token.request("GET", `/api/rules/versions/${base.version}`)).json,
    );
    expect(old.rules.teamsToSlack.find((r) => r.id === "in-a-meeting")?.slack.status).toMatchObject({
      text: "In a meeting",
    });
    const rolled = ZRuleVersionOut.parse(
      (await w.token.request("POST", "/api/rules/rollback", { body: { version: base.version } })).json,
    );
    expect(rolled.version).toBe(v2.version + 1);
    expect(rolled.comment).toBe(`Rollback to v${base.version}`);
    expect(rolled.rules).toEqual(base.rules);
    const actions = (await w.token.request("GET", "/api/audit?kind=admin_action&actor=api-token")).json
      .events as { detail: { action: string } }[];
    expect(actions.map((a) => a.detail.action)).toEqual(
      expect.arrayContaining(["rules_published", "rules_rolled_back"]),
    );
    // Every link is re-decided under the new rules (once every process's cached copy has expired).
    const job = await w.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'reconsider_all'`;
    expect(Number(job[0]?.n)).toBe(1);
  });

  it("dry-runs a draft over the recorded decisions of real events, as a job, without writing anything", async () => {
    const link = await createLink(w.db, {
      slackTeamId: "T0DRY",
      slackUserId: "U0DRY",
      tenantId: TENANT,
      entraUserId: "ffffffff-ffff-4fff-8fff-000000000001",
    });
    const teams = (view: TeamsView, n: number) =>
      enqueueObservation(w.db, {
        subject: { side: "teams", tenantId: TENANT, userId: link.entraUserId },
        facets: view,
        version: String(n).padStart(12, "0"),
        observedAt: Date.now(),
        source: "test",
      });
    await enqueueObservation(w.db, {
      subject: { side: "slack", teamId: "T0DRY", userId: "U0DRY" },
      facets: { status: { text: "", emoji: "", expiresAt: null }, huddle: { inHuddle: false } },
      version: "",
      observedAt: Date.now(),
      source: "test",
    });
    const mirrored = () =>
      w.db.syncEvent.count({ where: { linkId: link.id, kind: "mirrored", side: "slack" } });
    // One after the other: observations of one person may run in any order (the older is then dropped as stale).
    await teams(meeting, 1);
    await expect.poll(mirrored, { timeout: 20_000 }).toBe(1);
    await teams(call, 2);
    await expect
      .poll(
        async () => w.db.syncEvent.count({ where: { linkId: link.id, kind: "mirrored", side: "slack" } }),
        { timeout: 20_000 },
      )
      .toBeGreaterThanOrEqual(2);
    const writesBefore = await w.db.syncEvent.count({ where: { kind: "written" } });

    const started = await w.token.request("POST", "/api/rules/dry-runs", {
      body: { rules: draftWithMeetingText("Heads down"), hours: 1 },
    });
    expect(started.status).toBe(202);
    const id = (started.json.run as { id: string }).id;
    await expect
      .poll(
        async () =>
          ((await w.token.request("GET", `/api/rules/dry-runs/${id}`)).json.run as { status: string }).status,
        { timeout: 20_000 },
      )
      .toBe("done");
    const run = ZDryRunDetailOut.parse((await w.token.request("GET", `/api/rules/dry-runs/${id}`)).json.run);
    expect(run.decisions).toBeGreaterThanOrEqual(2);
    expect(run.differing).toBe(1);
    expect(run.results[0]).toMatchObject({
      linkId: link.id,
      to: "slack",
      activeRule: "in-a-meeting",
      draftRule: "in-a-meeting",
      active: { status: { text: "In a meeting (via Teams)" } },
      draft: { status: { text: "Heads down (via Teams)" } },
    });
    expect(await w.db.syncEvent.count({ where: { kind: "written" } })).toBe(writesBefore);
  });
});

describe("audit trail", () => {
  it("quotes CSV cells, and a cell a spreadsheet would run as a formula starts with an apostrophe", () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("-2+3")).toBe('"\'-2+3"');
    expect(csvCell("@SUM(A1)")).toBe('"\'@SUM(A1)"');
  });

  it("exports a date range as CSV (formula-safe) and JSON with every filtered event", async () => {
    await w.token.request("POST", "/api/admins", {
      body: { kind: "email", value: "export@contoso.test", note: '=HYPERLINK("x")' },
    });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const csv = await w.token.request(
      "GET",
      `/api/audit/export?format=csv&kind=admin_action&from=${from}&to=${to}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="presence-audit-/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("id,at,kind,side,linkId,actor,message,detail");
    const json = await w.token.request(
      "GET",
      `/api/audit/export?format=json&kind=admin_action&from=${from}&to=${to}`,
    );
    const events = JSON.parse(json.text) as { id: string; kind: string; correlationId: string }[];
    expect(events.length).toBe(lines.length - 1);
    expect(events.every((e) => e.kind === "admin_action" && e.correlationId === "api-token")).toBe(true);
    expect(Number(events[0]?.id)).toBeLessThan(Number(events.at(-1)?.id));
    const future = await w.token.request("GET", `/api/audit/export?format=json&from=${to}&to=${to}`);
    expect(JSON.parse(future.text)).toEqual([]);
  });

  it("pushes new events to browsers as Server-Sent Events, filtered by person", async () => {
    const controller = new AbortController();
    const response = await fetch(`${w.url}/api/stream`, {
      headers: { authorization: "Bearer an-admin-token-of-at-least-24-chars" },
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const received = (async () => {
      while (!text.includes("event: sync")) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await w.token.request("PATCH", "/api/settings", { body: { auditRetentionDays: 31 } });
    await Promise.race([received, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    controller.abort();
    expect(text).toMatch(/event: sync\ndata: \{"maxId":"\d+","linkId":null\}/);
  });
});
