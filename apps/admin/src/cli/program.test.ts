import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import {
  createLink,
  generateEncryptionKey,
  getCredential,
  parseKeyRing,
  putCredential,
  upsertDirectoryEntries,
} from "@presence/db";
import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { runCli } from "./program.ts";

const TENANT = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const ALICE_ENTRA = "bbbbbbbb-bbbb-4bbb-8bbb-000000000001";
const BOB_ENTRA = "bbbbbbbb-bbbb-4bbb-8bbb-000000000002";
let t: TestDatabase;
const oldKey = generateEncryptionKey();
const newKey = generateEncryptionKey();
let keyRing = parseKeyRing(oldKey);

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.db.syncEvent.deleteMany();
  await t.db.link.deleteMany();
  await t.db.directoryEntry.deleteMany();
  await t.db.credential.deleteMany();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    db: async () => t.db,
    keyRing: () => keyRing,
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    actor: { name: "cli:test" },
    now: () => Date.UTC(2099, 0, 1, 12),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Everything a failed command could have touched, to prove it changed nothing. */
async function storeState() {
  return JSON.stringify({
    links: await t.db.link.findMany({ orderBy: { id: "asc" } }),
    sides: await t.db.linkSide.findMany({ orderBy: [{ linkId: "asc" }, { side: "asc" }] }),
    events: await t.db.syncEvent.count(),
    credentials: await t.db.credential.findMany({ orderBy: { id: "asc" } }),
  });
}

async function alice() {
  return createLink(t.db, {
    slackTeamId: "T0ACME",
    slackUserId: "U0ALICE",
    tenantId: TENANT,
    entraUserId: ALICE_ENTRA,
    email: "alice@acme.test",
    displayName: "Alice",
  });
}

describe("presence CLI", () => {
  it("link by ids: creates the link with both sides and an audit event", async () => {
    const r = await cli(
      "link",
      "--slack",
      "T0ACME/U0ALICE",
      "--entra",
      `${TENANT}/${ALICE_ENTRA}`,
      "--name",
      "Alice",
      "--email",
      "Alice@Acme.test",
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Linked Alice \(link [0-9a-f-]{36}\)$/);
    const link = await t.db.link.findFirstOrThrow({ include: { sides: true, events: true } });
    expect(link).toMatchObject({
      slackUserId: "U0ALICE",
      entraUserId: ALICE_ENTRA,
      email: "alice@acme.test",
      direction: "both",
      status: "active",
    });
    expect(link.sides.map((s) => s.side).sort()).toEqual(["slack", "teams"]);
    expect(link.events.map((e) => e.kind)).toEqual(["link_created"]);
  });

  it("link by e-mail: finds both accounts in the directory", async () => {
    await upsertDirectoryEntries(t.db, [
      { side: "slack", scopeId: "T0ACME", userId: "U0BOB", email: "bob@acme.test", displayName: "Bob" },
      { side: "teams", scopeId: TENANT, userId: BOB_ENTRA, email: "BOB@acme.test", displayName: "Bob B." },
    ]);
    const r = await cli("link", "--email", "bob@acme.test", "--direction", "teamsToSlack");
    expect(r.code).toBe(0);
    expect(await t.db.link.findFirstOrThrow()).toMatchObject({
      slackUserId: "U0BOB",
      entraUserId: BOB_ENTRA,
      direction: "teamsToSlack",
      displayName: "Bob",
    });
  });

  it.each([
    [["link", "--slack", "T0ACME/nope", "--entra", `${TENANT}/${ALICE_ENTRA}`], /not a Slack account/],
    [["link", "--slack", "T0ACME/U0X", "--entra", "tenant/user"], /not a Microsoft account/],
    [["link", "--slack", "T0ACME/U0X"], /Give both --slack and --entra/],
    [["link"], /Say whom to link/],
    [["link", "--email", "not-an-address"], /Invalid e-mail/],
    [["link", "--email", "carol@acme.test"], /No Slack or Microsoft Entra user with e-mail carol@acme.test/],
    [["unlink", "dave@acme.test"], /No linked person matches/],
    [["unlink", "what?"], /not a person reference/],
    [["pause", "U0ALICE", "--for", "soon"], /not a duration/],
    [["pause", "U0ALICE", "--until", "2020-01-01T00:00:00Z"], /must end in the future/],
    [["resume", "U0ALICE"], /not paused/],
    [["events", "U0ALICE", "--limit", "0"], /--limit must be between 1 and 1000/],
  ])("%j → clear error, exit 2, store unchanged", async (argv, message) => {
    await alice();
    const before = await storeState();
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(await storeState()).toBe(before);
  });

  it("refuses to link an account that is already linked, and changes nothing", async () => {
    await alice();
    const before = await storeState();
    const r = await cli("link", "--slack", "T0ACME/U0ALICE", "--entra", `${TENANT}/${BOB_ENTRA}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/That Slack account is already linked/);
    expect(await storeState()).toBe(before);
  });

  it("rejects an unknown --direction via the CLI parser", async () => {
    const r = await cli("link", "--email", "x@acme.test", "--direction", "sideways");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Allowed choices are both, slackToTeams, teamsToSlack/);
  });

  it("links: lists people and their state, filters, prints JSON", async () => {
    await alice();
    await createLink(t.db, {
      slackTeamId: "T0ACME",
      slackUserId: "U0BOB",
      tenantId: TENANT,
      entraUserId: BOB_ENTRA,
      displayName: "Bob",
    });
    await cli("pause", "bob");
    const table = await cli("links");
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^PERSON\s+SLACK\s+MICROSOFT\s+DIRECTION\s+STATUS\s+LINK ID/);
    expect(table.out).toMatch(/Alice\s+T0ACME\/U0ALICE.*active/);
    const paused = await cli("links", "--status", "paused", "--json");
    expect(JSON.parse(paused.out)).toHaveLength(0); // "bob" is not a reference: nothing paused
    await cli("pause", "U0BOB", "--for", "2h", "--reason", "holiday");
    const json = JSON.parse((await cli("links", "--status", "paused", "--json")).out) as {
      slackUserId: string;
      pausedUntil: string;
    }[];
    expect(json.map((l) => l.slackUserId)).toEqual(["U0BOB"]);
    expect(json[0]?.pausedUntil).toBe("2099-01-01T14:00:00.000Z");
  });

  it("pause and resume: status, audit trail, events command", async () => {
    const link = await alice();
    expect((await cli("pause", "alice@acme.test", "--until", "2099-01-01T00:00:00Z")).out).toBe(
      "Paused Alice until 2099-01-01T00:00:00.000Z",
    );
    expect(await t.db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ status: "paused" });
    expect((await cli("resume", `slack:T0ACME/U0ALICE`)).out).toBe("Resumed Alice");
    const events = await cli("events", link.id);
    expect(events.code).toBe(0);
    expect(events.out).toMatch(/link_updated\s+Resumed by cli:test/);
    expect(events.out).toMatch(/link_updated\s+Paused by cli:test until 2099-01-01/);
  });

  it("unlink: removes the link and the person's tokens, keeps the audit trail", async () => {
    const link = await alice();
    await putCredential(t.db, keyRing, {
      kind: "slack_user",
      owner: "slack:T0ACME:U0ALICE",
      secret: "xoxp-secret",
    });
    // An Enterprise Grid org-wide install keeps the person's token under the organisation.
    await putCredential(t.db, keyRing, {
      kind: "slack_user_refresh",
      owner: "slack:E0ACMEORG:U0ALICE",
      secret: "xoxe-1-r",
    });
    await putCredential(t.db, keyRing, {
      kind: "slack_user",
      owner: "slack:T0ACME:U0ALICEX",
      secret: "someone else",
    });
    const r = await cli("unlink", `entra:${TENANT}/${ALICE_ENTRA}`);
    expect(r.code).toBe(0);
    expect(await t.db.link.count()).toBe(0);
    expect((await t.db.credential.findMany()).map((c) => c.owner)).toEqual(["slack:T0ACME:U0ALICEX"]);
    expect(await t.db.syncEvent.findMany({ where: { kind: "link_removed" } })).toHaveLength(1);
    expect(link.id).toBeTruthy();
  });

  it("admins: bootstraps the admin allow-list, lists it, refuses bad input and keeps the last entry", async () => {
    await t.db.adminPrincipal.deleteMany();
    expect((await cli("admins", "list")).out).toMatch(/Nobody yet/);
    const added = await cli("admins", "add", "--entra-group", TENANT.toUpperCase(), "--note", "IT");
    expect(added.code).toBe(0);
    expect(added.out).toMatch(new RegExp(`entra_group ${TENANT}`));
    const before = await t.db.adminPrincipal.count();
    for (const args of [
      ["admins", "add"],
      ["admins", "add", "--email", "a@b.test", "--slack", "T0A/U0B"],
      ["admins", "add", "--email", "not-an-address"],
      ["admins", "add", "--slack", "U0ONLY"],
    ]) {
      const res = await cli(...args);
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.err).toMatch(/^error: /);
    }
    expect(await t.db.adminPrincipal.count()).toBe(before);
    const [entry] = JSON.parse((await cli("admins", "list", "--json")).out) as { id: string }[];
    const last = await cli("admins", "remove", entry?.id ?? "");
    expect(last.code).toBe(2);
    expect(last.err).toMatch(/last admin/);
    expect((await cli("admins", "remove", entry?.id ?? "", "--force")).code).toBe(0);
    expect(await t.db.syncEvent.count({ where: { kind: "admin_action", correlationId: "cli:test" } })).toBe(
      2,
    );
  });

  it("migrate: applies pending migrations once; apps that must not migrate wait for it", async () => {
    const { committedMigrations, pendingMigrations, waitForMigrations } = await import("@presence/db");
    const { Client } = (await import("pg")).default;
    const admin = new Client({ connectionString: t.url });
    await admin.connect();
    const name = `presence_migrate_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = t.url.replace(/\/[^/]+$/, `/${name}`);
    try {
      expect((await pendingMigrations(url)).pending).toEqual(committedMigrations());
      let waited: string[] = [];
      const waiting = waitForMigrations(url, (pending) => (waited = pending), { intervalMs: 100 });
      const { migrateDatabase } = await import("@presence/db");
      const out: string[] = [];
      const code = await runCli(["migrate"], {
        db: async () => t.db,
        keyRing: () => keyRing,
        out: (s) => out.push(s),
        err: (s) => out.push(s),
        actor: { name: "cli:test" },
        migrate: async () => {
          const { pending } = await pendingMigrations(url);
          await migrateDatabase(url);
          return pending;
        },
      });
      expect(code).toBe(0);
      expect(out.join("\n")).toMatch(new RegExp(`Applied ${committedMigrations().length} migration`));
      await waiting;
      expect(waited).toEqual(committedMigrations());
      expect(await pendingMigrations(url)).toEqual({ pending: [], queueReady: true });
    } finally {
      const again = new Client({ connectionString: t.url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
    }
  });

  it("rotate-key: re-encrypts every token under the new key", async () => {
    keyRing = parseKeyRing(oldKey);
    await putCredential(t.db, keyRing, {
      kind: "slack_user",
      owner: "slack:T0ACME:U0ALICE",
      secret: "xoxp-one",
    });
    await putCredential(t.db, keyRing, {
      kind: "graph_refresh",
      owner: `entra:${TENANT}:${ALICE_ENTRA}`,
      secret: "refresh-two",
    });
    keyRing = parseKeyRing(newKey, [oldKey]);
    const r = await cli("rotate-key");
    expect(r.out).toBe(`Re-encrypted 2 secret(s) under key ${keyRing.currentId}`);
    expect(
      (await getCredential(t.db, parseKeyRing(newKey), "slack_user", "slack:T0ACME:U0ALICE"))?.secret,
    ).toBe("xoxp-one");
  });

  it("runs as a real command through pnpm's entry (help and a failing command)", async () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
          env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
      });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*link[\s\S]*rotate-key/);
    const bad = await run(["unlink", "nobody@acme.test"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error: No linked person matches “nobody@acme.test”/);
    const env = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", main, "links"], {
        env: { ...process.env, DATABASE_URL: "mysql://nope" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    expect(env.code).not.toBe(0);
    expect(env.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});
