import { USER_SCOPES } from "@presence/core";
import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { freePort } from "@presence/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runCli } from "../cli/program.ts";
import { startDoctorWorld, type DoctorWorld } from "./testing/doctor-world.ts";

let world: DoctorWorld;

beforeAll(async () => {
  world = await startDoctorWorld();
});
afterAll(async () => {
  await world?.close();
});

/** `presence doctor` as an admin runs it, against `env` instead of the process environment. */
async function doctor(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["doctor", ...argv], {
    db: () => Promise.reject(new Error("the doctor opens its own store")),
    keyRing: () => {
      throw new Error("the doctor builds its own key ring");
    },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    actor: { name: "cli:test" },
    doctor: { env, ca: world.ca },
  });
  const text = out.join("\n");
  return { code, text, err: err.join("\n"), lines: text.split("\n") };
}

/** The report's line for one check ("<status>  <area>  <check>: …"). */
function line(lines: string[], area: string, check: string | RegExp): string {
  const found = lines.find((l) => {
    const [, lineArea, rest] = /^\S+\s+(\S+)\s+(.*)$/.exec(l) ?? [];
    return (
      lineArea === area &&
      (typeof check === "string" ? rest?.startsWith(`${check}:`) : check.test(rest ?? ""))
    );
  });
  if (!found) throw new Error(`no line for ${area} ${String(check)} in:\n${lines.join("\n")}`);
  return found;
}

function secretsOf(env: Record<string, string>): string[] {
  return [
    env.TOKEN_ENCRYPTION_KEY,
    env.SLACK_CLIENT_SECRET,
    env.SLACK_SIGNING_SECRET,
    env.AZURE_CLIENT_SECRET,
  ].filter((s): s is string => Boolean(s));
}

describe("presence doctor", () => {
  it("a correct configuration: every check ok, exit 0", async () => {
    const { code, lines, text } = await doctor(world.env);
    expect(code, text).toBe(0);
    const checks = lines.filter((l) => /^(ok|warn|fail)\s/.test(l));
    expect(
      checks.filter((l) => !l.startsWith("ok ")),
      text,
    ).toEqual([]);
    expect(line(lines, "config", "variables")).toMatch(/every variable is valid/);
    expect(line(lines, "config", "Slack side")).toMatch(/configured \(HTTP events/);
    expect(line(lines, "config", "Microsoft side")).toMatch(
      /configured \(tenant .*client secret, notify mode/,
    );
    expect(line(lines, "database", "connection")).toMatch(/answers \(PostgreSQL/);
    expect(line(lines, "database", "migrations")).toMatch(
      /current \(\d+ applied, none pending; job queue ready\)/,
    );
    expect(line(lines, "encryption", "key")).toContain(world.ring.currentId);
    // The bot's and the installer's Slack tokens, the service account's token cache.
    expect(line(lines, "encryption", "stored secrets")).toMatch(/all 3 decrypt/);
    expect(line(lines, "slack", `workspace Contoso (${world.slackTeamId})`)).toMatch(/answers auth\.test/);
    expect(line(lines, "slack", `workspace Contoso (${world.slackTeamId}) scopes`)).toMatch(
      /bot scopes granted; user scopes complete for 1 connected person/,
    );
    expect(line(lines, "slack", "events URL")).toMatch(/answers \(401 to an unsigned request/);
    expect(line(lines, "microsoft", "app sign-in")).toMatch(/app-only token/);
    expect(line(lines, "microsoft", "application permissions")).toMatch(
      /Presence\.ReadWrite\.All, User\.Read\.All \(admin consent granted\)/,
    );
    expect(line(lines, "microsoft", "Outlook permissions")).toMatch(
      /^ok .*calendars \(free\/busy\) and automatic replies/,
    );
    expect(line(lines, "microsoft", "Graph")).toMatch(/answers \(GET \/v1\.0\/users/);
    expect(line(lines, "microsoft", "read mode")).toMatch(/^ok .*notify \(GRAPH_READ_MODE\)/);
    expect(line(lines, "microsoft", "notification URL")).toMatch(/validation handshake/);
    expect(line(lines, "microsoft", "service account presence-svc-1@contoso.test")).toMatch(
      /signs in silently \(watches 2 people\)/,
    );
    expect(text).toMatch(/^0 failed, 0 warning\(s\), 17 ok: nothing failed$/m);
    for (const secret of secretsOf(world.env)) expect(text).not.toContain(secret);
  });

  it("--json: the same checks as data", async () => {
    const { code, text } = await doctor(world.env, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(text) as {
      ok: boolean;
      summary: { ok: number; warn: number; fail: number };
      checks: { area: string; check: string; status: string; message: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.summary).toEqual({ ok: 17, warn: 0, fail: 0 });
    expect(report.checks.every((c) => c.status === "ok")).toBe(true);
  });

  it("a broken configuration: each problem named with its fix, exit 1, no secret printed", async () => {
    // Someone connects without one of the user scopes the bridge needs.
    await world.connectSlackPerson(
      "linus",
      USER_SCOPES.filter((s) => s !== "dnd:write"),
    );
    const otherKey = generateEncryptionKey();
    const env = {
      ...world.env,
      PORT: "abc",
      AZURE_CLIENT_SECRET: "not-the-entra-app-secret",
      // Everything was stored under the world's key.
      TOKEN_ENCRYPTION_KEY: otherKey,
      PUBLIC_BASE_URL: `https://127.0.0.1:${await freePort()}`,
    };
    const { code, lines, text } = await doctor(env);
    expect(code, text).toBe(1);
    expect(line(lines, "config", "PORT")).toMatch(
      /^fail .*PORT: Invalid input: expected number, received NaN → fix: Correct PORT .*default \(3000\)/,
    );
    expect(line(lines, "encryption", "key")).toMatch(/^ok /);
    expect(line(lines, "encryption", "stored secrets")).toMatch(
      new RegExp(
        `^fail .*4 of 4 stored secret\\(s\\) cannot be decrypted: 4 under key ${world.ring.currentId}, which is neither TOKEN_ENCRYPTION_KEY \\(${parseKeyRing(otherKey).currentId}\\).* → fix: Set TOKEN_ENCRYPTION_KEY to the key they were stored with`,
      ),
    );
    expect(line(lines, "slack", `workspace Contoso (${world.slackTeamId})`)).toMatch(
      /^fail .*the bot token cannot be decrypted/,
    );
    expect(line(lines, "slack", `workspace Contoso (${world.slackTeamId}) scopes`)).toMatch(
      /^fail .*user scope dnd:write not granted by 1 of 2 connected people \(U\w+\) → fix: The people named connect again/,
    );
    expect(line(lines, "slack", "events URL")).toMatch(
      /^fail .*\/slack\/events: connection refused \(ECONNREFUSED\) → fix: Make PUBLIC_BASE_URL reach the Slack bridge/,
    );
    expect(line(lines, "microsoft", "app sign-in")).toMatch(
      /^fail .*Entra refused the app's credential \(invalid_client: AADSTS7000215: Invalid client secret provided\.\) → fix: Set AZURE_CLIENT_SECRET to the Value/,
    );
    expect(line(lines, "microsoft", "application permissions")).toMatch(/^warn .*not checked: no app token/);
    expect(line(lines, "microsoft", "notification URL")).toMatch(
      /^fail .*\/graph\/notifications: connection refused \(ECONNREFUSED\)/,
    );
    expect(line(lines, "microsoft", "service account presence-svc-1@contoso.test")).toMatch(
      /^fail .*cannot be decrypted/,
    );
    expect(text).toMatch(/^8 failed, \d+ warning\(s\), \d+ ok: the bridge is not configured correctly$/m);
    for (const secret of secretsOf(env)) expect(text).not.toContain(secret);
  });

  it("an Entra app without User.Read.All: admin consent missing, named", async () => {
    world.graph.control.updateApp(world.clientId, { applicationPermissions: ["Presence.ReadWrite.All"] });
    try {
      const env = { ...world.env, GRAPH_READ_MODE: "poll" };
      const { code, lines, text } = await doctor(env);
      expect(code, text).toBe(1);
      expect(line(lines, "microsoft", "application permissions")).toMatch(
        /^fail .*admin consent missing for User\.Read\.All \(the token grants Presence\.ReadWrite\.All\) → fix: API permissions → add Microsoft Graph application permission\(s\) User\.Read\.All → Grant admin consent/,
      );
      expect(line(lines, "microsoft", "Graph")).toMatch(/^warn .*answers, and refused .* \(403/);
      expect(line(lines, "microsoft", "read mode")).toMatch(/^ok .*poll \(GRAPH_READ_MODE\)/);
      // The Outlook spoke's permissions are optional: a warning, not a failure.
      expect(line(lines, "microsoft", "Outlook permissions")).toMatch(
        /^warn .*no admin consent for Calendars\.ReadBasic\.All, MailboxSettings\.Read: meetings and out of office are mirrored without their end times/,
      );
    } finally {
      world.graph.control.updateApp(world.clientId, {
        applicationPermissions: [
          "Presence.ReadWrite.All",
          "User.Read.All",
          "Calendars.ReadBasic.All",
          "MailboxSettings.Read",
        ],
      });
    }
  });

  it("Entra unreachable: the authority named with why, the checks that need a token not run", async () => {
    const authority = `https://127.0.0.1:${await freePort()}`;
    const { code, lines, text } = await doctor({ ...world.env, AZURE_AUTHORITY_HOST: authority });
    expect(code, text).toBe(1);
    expect(line(lines, "microsoft", "app sign-in")).toMatch(
      new RegExp(
        `^fail .*cannot reach Entra at ${authority}: connection refused \\(ECONNREFUSED\\) → fix: Check AZURE_AUTHORITY_HOST`,
      ),
    );
    expect(line(lines, "microsoft", "service account presence-svc-1@contoso.test")).toMatch(
      /^warn .*not checked: its stored sign-in decrypts; the app cannot sign in/,
    );
  });

  it("unusable arguments: exit 2", async () => {
    const { code, err } = await doctor(world.env, "--verbose");
    expect(code).toBe(2);
    expect(err).toMatch(/unknown option '--verbose'/);
  });
});
