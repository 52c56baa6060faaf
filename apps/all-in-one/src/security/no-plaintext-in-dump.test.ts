import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { promisify } from "node:util";

import { getCredential } from "@presence/db";
import { trustingFetch, type TrustingFetch } from "@presence/graph-emulator/testing";
import { freePort } from "@presence/runtime/testing";
import {
  issueConnectLink,
  saveOAuthFlow,
  serviceAccountSignInLink,
  setGraphReadMode,
} from "@presence/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startDemoWorld, type DemoWorld } from "../testing/demo-world.ts";

/**
 * A backup must not be a credential dump (docs/security.md). The whole demo runs on a test database of
 * the real Postgres; every kind of secret the bridge keeps is put there through the code paths that keep
 * it in production — Slack's OAuth install and connect (bot, user and refresh tokens, with token rotation
 * on), a Microsoft service account's sign-in (msal token cache with access, refresh and ID tokens), a
 * notify-mode subscription (clientState), admin sign-ins with Microsoft and Slack (server-side flows,
 * sessions), a person's Microsoft connect (PKCE verifier), single-use connect links and an OAuth flow
 * saved by saveOAuthFlow. Then `pg_dump` dumps the database, and no secret may appear in it: not the
 * values the emulators handed out or were configured with, not what the store holds once decrypted, not
 * the session cookies, the encryption key or keys derived from it, and nothing shaped like a token.
 */
const run = promisify(execFile);
const PG_DUMP = process.env.PG_DUMP ?? "pg_dump";

let world: DemoWorld;
let tls: TrustingFetch;
let dump: string | Error;
/** Every secret value to look for, with where it came from (for the failure message). */
const secrets = new Map<string, string>();
/** The session cookies of the sign-ins: the store keeps only their SHA-256. */
const sessionCookies: string[] = [];
/** Ciphertexts of the Credential table: random base64url, cut out before looking for token shapes. */
const ciphertexts: string[] = [];

function secret(value: unknown, source: string): void {
  if (typeof value !== "string" || value.length < 8) return;
  if (!secrets.has(value)) secrets.set(value, source);
}

/** A browser without a browser: cookies per host, no redirect followed unless asked, trusts the Graph emulator. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const cookies = this.jar.get(target.host);
    const headers: Record<string, string> =
      cookies && cookies.size > 0 ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
    const response = await tls.fetch(target.toString(), { headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", ...rest] = pair.trim().split("=");
      const jar = this.jar.get(target.host) ?? new Map<string, string>();
      jar.set(name, rest.join("="));
      this.jar.set(target.host, jar);
    }
    return response;
  }

  /** Follows redirects until an answer that is not one; returns it with its URL. */
  async follow(url: string, limit = 10): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let i = 0; i < limit; i++) {
      const response = await this.get(current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      await response.body?.cancel();
      current = new URL(location, current).toString();
    }
    throw new Error(`more than ${limit} redirects from ${url}`);
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
}

/** Slack's OAuth v2 in a browser against the emulator: the bridge's start URL, consent as `userId`, the callback. */
async function slackOAuth(startUrl: string, userId: string): Promise<string> {
  const browser = new Browser();
  const start = await browser.get(startUrl);
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize)
    throw new Error(`${startUrl}: ${start.status} ${await start.text()}`);
  const consent = new URL(authorize);
  consent.searchParams.set("_emulator_user", userId);
  const { response } = await browser.follow(consent.toString());
  const page = await response.text();
  if (response.status !== 200) throw new Error(`${startUrl}: ${response.status} ${page}`);
  return page;
}

/** The Entra emulator signs `userId` in; the browser follows the bridge's redirects to the end. */
async function microsoftSignIn(browser: Browser, startUrl: string, userId: string): Promise<Response> {
  world.demo.graph?.emulator.control.nextSignIn({ userId });
  const { response } = await browser.follow(startUrl);
  return response;
}

beforeAll(async () => {
  world = await startDemoWorld(await freePort());
  const { slack, graph } = world.demo;
  if (!slack || !graph) throw new Error("the demo runs both emulators");
  tls = trustingFetch(graph.ca);
  const { db } = world.t;
  const ring = world.runtime.keyRing;
  const [owner, connecting] = slack.people as [(typeof slack.people)[0], (typeof slack.people)[0]];

  // Slack with token rotation (as the manifest sets it): the owner installs again (bot, bot refresh, the
  // owner's user and user refresh tokens) and a person connects again (user and user refresh tokens).
  const appId = slack.emulator.control.calls({ method: "oauth.v2.access" })[0]?.appId;
  if (!appId) throw new Error("the demo installed no Slack app");
  slack.emulator.control.updateApp({ appId, tokenRotation: true });
  await slackOAuth(`${world.url}/slack/install`, owner.id);
  await slackOAuth(`${world.url}/slack/connect`, connecting.id);

  // Notify mode: a service account signs in (its msal token cache is stored), a subscription is made.
  await setGraphReadMode(db, "notify");
  const serviceAccount = await microsoftSignIn(
    new Browser(),
    await serviceAccountSignInLink(db, ring, world.url),
    graph.serviceAccount.id,
  );
  expect(await serviceAccount.text()).toContain("Service account added");
  await until("a presence subscription", async () => (await db.graphSubscription.count()) > 0);

  // Admin sign-ins: one with Microsoft and one with Slack finished (sessions), one started only (a flow).
  const admin = new Browser();
  await microsoftSignIn(admin, `${world.url}/auth/microsoft`, graph.admin.id);
  const slackAdmin = new Browser();
  slack.emulator.control.oauthSignIn({ userId: owner.id });
  await slackAdmin.follow(`${world.url}/auth/slack`);
  for (const browser of [admin, slackAdmin]) {
    const cookie = browser.cookie(world.url, "presence_session");
    expect(cookie, "a signed-in session").toMatch(/^[\w-]{43}$/);
    secret(cookie, "session cookie");
    sessionCookies.push(cookie ?? "");
  }
  await new Browser().get(`${world.url}/auth/microsoft`);

  // A person connects their Microsoft account (finished: no token of theirs is kept), another starts to
  // (the sign-in's PKCE verifier waits in the store).
  const teamId = (await db.slackWorkspace.findFirstOrThrow()).teamId;
  const connectStart = async (slackUserId: string) =>
    `${world.url}/graph/connect?state=${encodeURIComponent(
      await issueConnectLink(db, ring, { connect: "microsoft", slack: { teamId, userId: slackUserId } }),
    )}`;
  const entraUser = graph.people.find((p) => p.mail === connecting.email);
  if (!entraUser) throw new Error(`${connecting.email} is not in the demo tenant`);
  const connected = await microsoftSignIn(new Browser(), await connectStart(connecting.id), entraUser.id);
  expect(connected.status).toBe(200);
  await new Browser().get(await connectStart(owner.id));

  // A connect link nobody opened, and a flow saved directly, as App Home and a sign-in would.
  const unused = await issueConnectLink(db, ring, {
    connect: "slack",
    entra: { tenantId: "t", userId: "u" },
  });
  secret(unused, "connect link");
  secret(unused.split(".")[1], "connect link signature");
  await saveOAuthFlow(db, ring, "security_test_flow", {
    verifier: "pkce-verifier-4Vq9mX2pL7sK1dR8tY3wZ6nB0cF5hJ-aaaaaaaaaaaa",
    nonce: "oidc-nonce-Qm3Zr8Tt1Lx0",
  });

  // What the emulators handed out or hold: every token the bridge called Slack with, every token
  // Slack's OAuth and OpenID token endpoints answered, the app credentials, the subscriptions' clientState.
  for (const call of slack.emulator.control.calls()) {
    secret(call.token, `Slack token used for ${call.method}`);
    const answer = call.response as Record<string, unknown> & { authed_user?: Record<string, unknown> };
    for (const field of ["access_token", "refresh_token", "id_token"]) {
      secret(answer[field], `${call.method} ${field}`);
      secret(answer.authed_user?.[field], `${call.method} authed_user.${field}`);
    }
  }
  secret(slack.env.SLACK_CLIENT_SECRET, "SLACK_CLIENT_SECRET");
  secret(slack.env.SLACK_SIGNING_SECRET, "SLACK_SIGNING_SECRET");
  secret(graph.config.AZURE_CLIENT_SECRET, "AZURE_CLIENT_SECRET");
  for (const subscription of graph.emulator.control.subscriptions())
    secret(subscription.clientState, "Graph subscription clientState");

  // The encryption key and what is derived from it (connect-link and Slack OAuth state signing keys).
  for (const key of ring.keys.values()) {
    for (const encoding of ["base64", "base64url", "hex"] as const) secret(key.toString(encoding), "key");
    const connectKey = createHmac("sha256", key).update("presence-bridge connect-state v1").digest();
    secret(connectKey.toString("base64url"), "connect-state key");
    secret(connectKey.toString("hex"), "connect-state key");
    secret(
      createHmac("sha256", key).update("presence-bridge slack oauth state v1").digest("hex"),
      "state key",
    );
  }

  // What the store holds, decrypted: each secret, and each secret inside a JSON one (msal's cache, flows).
  for (const row of await db.credential.findMany()) {
    ciphertexts.push(row.ciphertext);
    const stored = await getCredential(db, ring, row.kind, row.owner);
    secret(stored?.secret, `decrypted ${row.kind}`);
    for (const leaf of secretLeaves(stored?.secret ?? "")) secret(leaf, `inside decrypted ${row.kind}`);
  }

  // A missing pg_dump fails every test below by name (none is skipped).
  dump = await pgDump(world.t.url).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
}, 240_000);

afterAll(async () => {
  await tls?.close();
  await world?.stop();
});

describe("a pg_dump of the store holds no secret in plaintext", () => {
  it("stored every kind of secret through the real code paths (so the check below means something)", async () => {
    const kinds = new Set(
      (await world.t.db.credential.findMany({ select: { kind: true } })).map((r) => r.kind),
    );
    for (const kind of [
      "slack_bot",
      "slack_bot_refresh",
      "slack_user",
      "slack_user_refresh",
      "graph_token_cache",
      "admin_sign_in",
      "graph_sign_in",
      "connect_link",
      "security_test_flow",
    ])
      expect(kinds, kind).toContain(kind);
    const cache = [...secrets.values()].filter((source) => source === "inside decrypted graph_token_cache");
    expect(cache.length, "access, refresh and ID token of the service account").toBeGreaterThanOrEqual(3);
    const fromSlack = [...secrets.values()].filter((source) => source.startsWith("oauth.v2.access"));
    expect(fromSlack.length, "Slack access and refresh tokens handed out").toBeGreaterThanOrEqual(6);
    expect([...secrets.values()]).toContain("Graph subscription clientState");
    expect([...secrets.values()]).toContain("session cookie");
    expect(await world.t.db.webSession.count()).toBeGreaterThanOrEqual(2);
  });

  it("dumps the data (ciphertexts, session ids, subscriptions) — the dump is not empty or partial", async () => {
    const dump = dumped();
    expect(dump).toContain('COPY public."Credential"');
    for (const ciphertext of ciphertexts) expect(dump).toContain(ciphertext);
    for (const cookie of sessionCookies)
      expect(dump).toContain(createHash("sha256").update(cookie).digest("hex"));
    const subscription = await world.t.db.graphSubscription.findFirstOrThrow();
    expect(dump).toContain(subscription.clientStateHash);
  });

  it("contains none of the secrets", () => {
    const dump = dumped();
    expect(secrets.size).toBeGreaterThan(30);
    const found = [...secrets].filter(([value]) => dump.includes(value)).map(([, source]) => source);
    expect(found).toEqual([]);
  });

  it("contains nothing shaped like a token (Slack tokens, JWTs, bearer credentials, private keys)", () => {
    let rest = dumped();
    for (const ciphertext of ciphertexts) rest = rest.replaceAll(ciphertext, "");
    const shapes = [
      /xox[abcposer]-[\w-]{6,}/i,
      /xoxe[.-][\w.-]{6,}/,
      /xapp-[\w-]{6,}/,
      /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/,
      /Bearer\s+[\w.~+/=-]{12,}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    ];
    // A failure names the shape and the first characters only: the test log must not carry the secret.
    for (const shape of shapes)
      expect(rest.match(shape)?.[0].slice(0, 10) ?? null, `${String(shape)} in the dump`).toBeNull();
  });
});

/** The dump, or the reason there is none (thrown: the test fails). */
function dumped(): string {
  if (dump instanceof Error) throw dump;
  return dump;
}

/** Secret fields inside a JSON secret: msal's cache entries (`secret`), flows (`verifier`, `nonce`). */
function secretLeaves(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "string" && /secret|verifier|nonce|token/i.test(key)) out.push(value);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, k);
  };
  visit(parsed, "");
  return out;
}

/** `pg_dump` of the test database, as an operator's backup would be taken (plain SQL, every schema). */
async function pgDump(url: string): Promise<string> {
  if (world.t.embedded)
    throw new Error(
      "This test needs a real Postgres server (pg_dump cannot dump the embedded one): start Postgres or set TEST_DATABASE_URL",
    );
  try {
    const { stdout } = await run(PG_DUMP, ["--dbname", url, "--no-owner", "--no-privileges"], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(
        `pg_dump is not installed (looked for "${PG_DUMP}"; set PG_DUMP to its path): apt-get install postgresql-client. This test never skips.`,
        { cause: error },
      );
    throw error;
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
