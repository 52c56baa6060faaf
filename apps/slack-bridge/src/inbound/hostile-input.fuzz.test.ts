// Hostile-input fuzzing of the Slack bridge's HTTP endpoints (Bolt's receiver on /slack/events,
// /slack/commands, /slack/interactivity; the OAuth pages /slack/install, /slack/connect,
// /slack/oauth_redirect), on the real bridge, runtime and Postgres. Invariants for every case: never
// a 5xx; a refusal (4xx) unless the request is one Slack may send and that stores nothing (url_verification,
// ssl_check, app_rate_limited, a revocation of a workspace the bridge does not know); nothing stored —
// no job added (a trigger logs every job insert), no InboundEvent, Link, SyncEvent or Credential; the
// bridge still answers a valid request afterwards; the heap stays bounded. FUZZ_RUNS cases per property.
import {
  contentType,
  deeplyNested,
  fuzzRuns,
  headerSafeString,
  hostileBody,
  hostileJsonValue,
  hostileString,
  hostileUrlPart,
  malformedJson,
  randomBytes,
} from "@presence/core/testing";
import {
  changes,
  describeCase,
  logJobInserts,
  memoryInUse,
  rawQuery,
  sendRaw,
  StatusTally,
  storedCounts,
  streamHugeBody,
  type RawRequest,
} from "@presence/runtime/testing";
import { slackSignature } from "@presence/slack-emulator";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "../testing/bridge-harness.ts";

// FUZZ_RUNS cases per property (fast-check's shrinking is off, endOnFailure: the cases act on a live
// system, so a failure is reported as it happened rather than replayed against a changed one).
const RUNS = fuzzRuns(process.env.FUZZ_RUNS);
/** Huge bodies cost a few MB of traffic each: fewer of them. */
const HUGE_RUNS = Math.max(1, Math.ceil(RUNS / 20));
const ENDPOINTS = ["/slack/events", "/slack/commands", "/slack/interactivity"] as const;
/** Bolt's receiver reads at most this much (its default body limit). */
const BODY_LIMIT = 4 * 1024 * 1024;
const HEAP_BOUND = 200 * 1024 * 1024;

let h: Harness;
let cases = 0;
/** How the cases were answered (status → count), for the summary. */
const statuses = new StatusTally();
let heapAtStart = 0;
let baseline: Stored;
/** Jobs the worker's own cron adds whatever happens (maintenance, baselines sweep, token refresh). */
let background: string[] = [];

beforeAll(async () => {
  h = await startHarness({ people: ["grace"] });
  await h.install();
  await h.idle();
  await logJobInserts(h.t.db);
  background = ["maintenance", ...(h.module.cron ?? []).map((c) => c.task)];
  baseline = await stored();
  heapAtStart = memoryInUse();
});

// Each property starts from what is stored now (so one failure does not fail the next ones too).
beforeEach(async () => {
  baseline = await stored();
});

afterAll(async () => {
  console.info(
    `slack-bridge hostile-input fuzz: ${cases} cases (FUZZ_RUNS=${RUNS}); answers: ${statuses.summary()}`,
  );
  await h?.stop();
});

// ————— what is stored —————

/** Jobs (less the background ones) and the rows a case may not add. */
function stored() {
  const tables = ["InboundEvent", "Link", "SyncEvent", "Credential"] as const;
  return storedCounts(h.t.db, { tables, ignoredTasks: background });
}
type Stored = Awaited<ReturnType<typeof stored>>;

async function expectNothingStored(what: unknown): Promise<void> {
  const changed = changes(baseline, await stored());
  expect(changed, `changed ${changed.join(", ")} for ${describeCase(what)}`).toEqual([]);
}

// ————— HTTP —————

/** One request on a fresh connection, with any headers (Host too) and any bytes; `quiet`: not tallied. */
function send(sent: RawRequest & { quiet?: boolean }) {
  return sendRaw(h.url, sent, sent.quiet ? undefined : statuses);
}

/**
 * Streams `size` bytes (with or without Content-Length) and stops when the answer comes: how much
 * had been sent by then shows whether the server read the body whole before answering.
 */
function sendHuge(path: string, size: number, declareLength: boolean, type: string | undefined) {
  const headers = type ? { "content-type": type } : {};
  return streamHugeBody(h.url, { path, size, declareLength, headers, fill: "a" }, statuses);
}

/** The bridge still works: a correctly signed url_verification is answered with its challenge. */
async function expectAlive(): Promise<void> {
  const challenge = `alive-${cases}`;
  const body = JSON.stringify({ token: "x", challenge, type: "url_verification" });
  const answer = await send({
    quiet: true,
    path: "/slack/events",
    headers: signed(body),
    body,
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ challenge });
}

function signed(body: string | Uint8Array, type: string | undefined = "application/json", at = nowSeconds()) {
  const text = typeof body === "string" ? body : Buffer.from(body).toString();
  return {
    "content-type": type,
    "x-slack-request-timestamp": String(at),
    "x-slack-signature": slackSignature(h.app.signingSecret, at, text),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// ————— arbitraries —————

/** Ids of workspaces, enterprises and users the bridge has never seen (hostile strings included). */
const unknownId = () =>
  fc
    .oneof(fc.stringMatching(/^[TEUW][A-Z0-9]{8,11}$/), hostileString)
    .filter((id) => id !== h.workspace.id && !h.people.some((p) => p.id === id));

const someValue = () => fc.oneof(hostileJsonValue, hostileString, unknownId());

/** Events whose payload the bridge reads: a person, their Do Not Disturb, revoked tokens. */
const READ_EVENTS = [
  "user_change",
  "user_status_changed",
  "user_huddle_changed",
  "dnd_updated",
  "dnd_updated_user",
  "tokens_revoked",
] as const;

/** The inner event of an envelope: of a type the bridge listens to or not, with any fields. */
const unknownEvent = () =>
  fc.oneof(
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            ...READ_EVENTS,
            "app_uninstalled",
            "app_home_opened",
            "message",
            "function_executed",
          ),
          hostileString,
        ),
        user: someValue(),
        tab: fc.constantFrom("home", "messages"),
        dnd_status: hostileJsonValue,
        tokens: fc.oneof(
          fc.record({ oauth: fc.array(unknownId()), bot: fc.array(unknownId()) }, { requiredKeys: [] }),
          hostileJsonValue,
        ),
        event_ts: fc.oneof(hostileString, fc.integer()),
        channel: someValue(),
        item: someValue(),
      },
      { requiredKeys: ["type"] },
    ),
    hostileJsonValue,
  );

/** An Events API envelope that names no workspace the bridge knows. */
const unknownTeamEvent = () =>
  fc
    .record(
      {
        token: fc.oneof(hostileString, fc.constant(h.app.verificationToken)),
        team_id: unknownId(),
        enterprise_id: fc.oneof(unknownId(), fc.constant(null)),
        api_app_id: fc.oneof(unknownId(), fc.constant(h.app.id)),
        type: fc.constantFrom("event_callback", "app_rate_limited_not", "block_actions"),
        event_id: hostileString,
        event_time: fc.oneof(fc.integer(), hostileString),
        is_enterprise_install: fc.oneof(fc.boolean(), hostileJsonValue),
        authorizations: fc.oneof(
          fc.array(
            fc.record(
              {
                enterprise_id: fc.oneof(unknownId(), fc.constant(null)),
                team_id: fc.oneof(unknownId(), fc.constant(null)),
                user_id: unknownId(),
                is_bot: fc.boolean(),
                is_enterprise_install: fc.boolean(),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
          hostileJsonValue,
        ),
      },
      { requiredKeys: ["type"] },
    )
    .chain((envelope) =>
      fc
        .oneof(
          unknownEvent().map((event) => ({ text: JSON.stringify(event), event: event as unknown })),
          // Thousands deep: written as text (stringifying it here would recurse as deep).
          deeplyNested.map((text) => ({ text, event: null as unknown })),
        )
        .map(({ text, event }) => ({
          body: `${JSON.stringify(envelope).slice(0, -1)}${Object.keys(envelope).length > 0 ? "," : ""}"event":${text}}`,
          // Revocations skip Bolt's authorization: for a workspace the bridge does not know they are
          // acknowledged (Slack would otherwise retry) and change nothing.
          mayBeAccepted: ["tokens_revoked", "app_uninstalled"].includes(
            (event as { type?: unknown } | null)?.type as string,
          ),
        })),
    );

/** An event about the bridge's own workspace whose event is not of the shape Slack sends. */
const malformedKnownTeamEvent = () =>
  fc
    .record({
      kind: fc.constantFrom(...READ_EVENTS),
      user: fc.oneof(
        fc.constant(null),
        fc.integer(),
        fc.boolean(),
        fc.array(hostileJsonValue, { maxLength: 2 }),
      ),
      eventTs: fc.oneof(fc.constant(undefined), fc.integer(), fc.constant(null)),
      tokens: fc.oneof(
        hostileString,
        fc.integer(),
        fc.record({ oauth: fc.oneof(hostileString, fc.integer()) }),
      ),
      teamInAuthorizations: fc.boolean(),
    })
    .map(({ kind, user, eventTs, tokens, teamInAuthorizations }) => {
      const event =
        kind === "tokens_revoked"
          ? { type: kind, tokens, event_ts: "1700000000.000100" }
          : // Never the shape the listeners read: the user is no object (user events) or no string
            // (dnd), and the event_ts is missing or not a string.
            { type: kind, user: kind.startsWith("dnd") ? user : JSON.stringify(user), event_ts: eventTs };
      return {
        body: JSON.stringify({
          token: h.app.verificationToken,
          team_id: h.workspace.id,
          api_app_id: h.app.id,
          type: "event_callback",
          event_id: `Ev${Math.random().toString(36).slice(2)}`,
          event_time: nowSeconds(),
          ...(teamInAuthorizations
            ? { authorizations: [{ team_id: h.workspace.id, enterprise_id: null, user_id: h.person(0).id }] }
            : {}),
          event,
        }),
        mayBeAccepted: false,
      };
    });

/** A slash command (form-encoded) from a workspace the bridge does not know. */
const unknownTeamCommand = () =>
  fc
    .record(
      {
        command: fc.oneof(fc.constant("/presence"), headerSafeString),
        text: headerSafeString,
        team_id: unknownId(),
        user_id: headerSafeString,
        enterprise_id: headerSafeString,
        api_app_id: fc.oneof(headerSafeString, fc.constant(h.app.id)),
        response_url: fc.constantFrom("https://hooks.slack.invalid/x", "javascript:alert(1)", ""),
        trigger_id: headerSafeString,
      },
      { requiredKeys: ["command"] },
    )
    .map((form) => ({
      body: new URLSearchParams(form as Record<string, string>).toString(),
      mayBeAccepted: false,
    }));

/** An interactivity payload (payload=<json>) of a type Bolt routes, from nowhere the bridge knows or malformed. */
const hostileInteraction = () =>
  fc
    .record(
      {
        type: fc.constantFrom(
          "block_actions",
          "block_suggestion",
          "dialog_submission",
          "shortcut",
          "message_action",
          "view_submission",
          "view_closed",
        ),
        team: fc.oneof(fc.record({ id: unknownId() }), fc.constant(null), hostileJsonValue),
        user: fc.oneof(fc.record({ id: unknownId(), team_id: unknownId() }), hostileJsonValue),
        enterprise: fc.oneof(fc.constant(null), hostileJsonValue),
        api_app_id: fc.oneof(unknownId(), fc.constant(h.app.id)),
        actions: fc.array(
          fc.record({
            action_id: fc.oneof(fc.constant("presence_pause"), hostileString),
            value: hostileString,
          }),
          { maxLength: 2 },
        ),
        view: fc.oneof(fc.record({ id: hostileString, callback_id: hostileString }), hostileJsonValue),
        name: hostileString,
        callback_id: hostileString,
        response_url: fc.constantFrom("https://hooks.slack.invalid/x", "javascript:alert(1)"),
      },
      { requiredKeys: ["type"] },
    )
    .filter((payload) => {
      // Everything Bolt may use to find the workspace is unknown (or missing).
      const team = payload.team as { id?: unknown } | null | undefined;
      const user = payload.user as { team_id?: unknown } | null | undefined;
      return team?.id !== h.workspace.id && user?.team_id !== h.workspace.id;
    })
    // Block actions carry their actions (without them Bolt cannot route the payload and leaves it
    // unanswered until its 3-second timeout: a 404, slowly).
    .map((payload) => (payload.type === "block_actions" ? { actions: [], ...payload } : payload))
    .map((payload) => ({
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      mayBeAccepted: false,
    }));

/** Handshakes Slack may send with any challenge: answered, nothing stored. */
const handshake = () =>
  fc.oneof(
    fc
      .record({ token: hostileString, challenge: hostileJsonValue, type: fc.constant("url_verification") })
      .map((body) => ({ body: JSON.stringify(body), mayBeAccepted: true })),
    fc.constant({ body: "ssl_check=1&token=x", mayBeAccepted: true }),
    fc
      .record({
        token: hostileString,
        type: fc.constant("app_rate_limited"),
        team_id: fc.oneof(unknownId(), hostileJsonValue),
        minute_rate_limited: hostileJsonValue,
        api_app_id: hostileString,
      })
      .map((body) => ({ body: JSON.stringify(body), mayBeAccepted: true })),
  );

/** Any body a Slack endpoint might be sent, valid ones about real people included. */
const anyPayload = () =>
  fc.oneof(
    hostileBody,
    unknownTeamEvent().map((p) => p.body),
    malformedKnownTeamEvent().map((p) => p.body),
    unknownTeamCommand().map((p) => p.body),
    handshake().map((p) => p.body),
    fc.constant(
      JSON.stringify({
        team_id: h.workspace.id,
        api_app_id: h.app.id,
        type: "event_callback",
        event_id: "EvREAL",
        event: {
          type: "user_change",
          user: { id: h.person(1).id, team_id: h.workspace.id, profile: { status_text: "Forged" } },
          event_ts: "1700000000.000100",
        },
      }),
    ),
  );

type Forgery =
  | { kind: "none" }
  | { kind: "no-signature" }
  | { kind: "no-timestamp" }
  | { kind: "wrong-secret"; secret: string }
  | { kind: "other-body"; other: string }
  | { kind: "stale"; ageSeconds: number }
  | { kind: "future"; aheadSeconds: number }
  | { kind: "bad-timestamp"; timestamp: string }
  | { kind: "mangled"; how: "v1" | "no-version" | "uppercase" | "truncated" | "random" | "empty" | "doubled" }
  | { kind: "garbage-signature"; signature: string };

const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.constant({ kind: "no-signature" as const }),
  fc.constant({ kind: "no-timestamp" as const }),
  fc.record({ kind: fc.constant("wrong-secret" as const), secret: fc.string({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant("other-body" as const), other: fc.oneof(hostileString, malformedJson) }),
  fc.record({
    kind: fc.constant("stale" as const),
    ageSeconds: fc.integer({ min: 301, max: 10 * 365 * 86_400 }),
  }),
  fc.record({
    kind: fc.constant("future" as const),
    aheadSeconds: fc.integer({ min: 301, max: 10 * 365 * 86_400 }),
  }),
  fc.record({
    kind: fc.constant("bad-timestamp" as const),
    timestamp: fc.oneof(
      headerSafeString,
      fc.constantFrom("Infinity", "-Infinity", "NaN", "1e400", "0x1", " ", "0", "-1"),
    ),
  }),
  fc.record({
    kind: fc.constant("mangled" as const),
    how: fc.constantFrom("v1", "no-version", "uppercase", "truncated", "random", "empty", "doubled"),
  }),
  fc.record({ kind: fc.constant("garbage-signature" as const), signature: headerSafeString }),
);

/** Headers for `body` forged as `how`: never a valid signature over this body, at this time. */
function forgedHeaders(body: string | Uint8Array, how: Forgery): Record<string, string | undefined> | null {
  const text = typeof body === "string" ? body : Buffer.from(body).toString();
  const now = nowSeconds();
  const secret = h.app.signingSecret;
  const good = slackSignature(secret, now, text);
  switch (how.kind) {
    case "none":
      return {};
    case "no-signature":
      return { "x-slack-request-timestamp": String(now) };
    case "no-timestamp":
      return { "x-slack-signature": good };
    case "wrong-secret":
      if (how.secret === secret) return null;
      return {
        "x-slack-request-timestamp": String(now),
        "x-slack-signature": slackSignature(how.secret, now, text),
      };
    case "other-body":
      if (how.other === text) return null;
      return {
        "x-slack-request-timestamp": String(now),
        "x-slack-signature": slackSignature(secret, now, how.other),
      };
    case "stale":
      return {
        "x-slack-request-timestamp": String(now - how.ageSeconds),
        "x-slack-signature": slackSignature(secret, now - how.ageSeconds, text),
      };
    case "future":
      return {
        "x-slack-request-timestamp": String(now + how.aheadSeconds),
        "x-slack-signature": slackSignature(secret, now + how.aheadSeconds, text),
      };
    case "bad-timestamp": {
      const value = Number(how.timestamp);
      // Only timestamps that are not a time within the 5-minute window.
      if (Number.isFinite(value) && Math.abs(value - now) <= 300) return null;
      return {
        "x-slack-request-timestamp": how.timestamp,
        "x-slack-signature": slackSignature(secret, how.timestamp, text),
      };
    }
    case "mangled": {
      const hex = good.slice(3);
      const signature = {
        v1: `v1=${hex}`,
        "no-version": hex,
        uppercase: `v0=${hex.toUpperCase()}`,
        truncated: good.slice(0, -1),
        random: `v0=${[...hex].reverse().join("")}`,
        empty: "",
        doubled: `${good},${good}`,
      }[how.how];
      if (signature === good) return null;
      return { "x-slack-request-timestamp": String(now), "x-slack-signature": signature };
    }
    case "garbage-signature":
      if (how.signature === good) return null;
      return { "x-slack-request-timestamp": String(now), "x-slack-signature": how.signature };
  }
}

// ————— properties —————

describe("hostile input on the Slack endpoints", () => {
  it("refuses every request without a valid, current signature (401), stores nothing and keeps working", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        anyPayload(),
        contentType,
        forgery,
        async (path, body, type, how) => {
          const headers = forgedHeaders(body, how);
          fc.pre(headers !== null);
          cases += 1;
          const answer = await send({ path, headers: { ...headers, "content-type": type }, body });
          expect(answer.status, describeCase({ path, body, type, how })).toBe(401);
          await expectNothingStored({ path, body, type, how });
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("never answers 5xx to correctly signed hostile payloads, refuses the malformed ones and stores nothing", async () => {
    const jsonType = fc.constantFrom(
      undefined,
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
    );
    const payload = fc.oneof(
      fc.record({ endpoint: fc.constant("/slack/events"), type: jsonType, p: unknownTeamEvent() }),
      fc.record({ endpoint: fc.constant("/slack/events"), type: jsonType, p: malformedKnownTeamEvent() }),
      fc.record({ endpoint: fc.constantFrom(...ENDPOINTS), type: jsonType, p: handshake() }),
      fc.record({
        endpoint: fc.constantFrom(...ENDPOINTS),
        type: fc.constant("application/x-www-form-urlencoded"),
        p: fc.oneof(unknownTeamCommand(), hostileInteraction()),
      }),
      // Not JSON, or JSON that is no object: nothing Slack sends.
      fc.record({
        endpoint: fc.constantFrom(...ENDPOINTS),
        type: jsonType,
        p: fc
          .oneof(
            malformedJson,
            randomBytes,
            fc
              .oneof(fc.constant(null), fc.integer(), fc.boolean(), hostileString, fc.array(hostileJsonValue))
              .map((value) => JSON.stringify(value)),
            deeplyNested.filter((text) => text.startsWith("[")),
          )
          .filter((body) => {
            const text = typeof body === "string" ? body : Buffer.from(body).toString();
            try {
              const value: unknown = JSON.parse(text);
              return typeof value !== "object" || value === null || Array.isArray(value);
            } catch {
              return true;
            }
          })
          .map((body) => ({ body, mayBeAccepted: false })),
      }),
      fc.record({
        endpoint: fc.constantFrom(...ENDPOINTS),
        type: fc.constant("application/x-www-form-urlencoded"),
        p: fc
          .oneof(
            malformedJson,
            hostileJsonValue.map((v) => JSON.stringify(v) ?? "null"),
          )
          .filter((text) => {
            try {
              const value: unknown = JSON.parse(text);
              return typeof value !== "object" || value === null || Array.isArray(value);
            } catch {
              return true;
            }
          })
          .map((json) => ({ body: new URLSearchParams({ payload: json }).toString(), mayBeAccepted: false })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async ({ endpoint, type, p }) => {
        cases += 1;
        const what = { endpoint, type, p };
        const answer = await send({ path: endpoint, headers: signed(p.body, type), body: p.body });
        expect(answer.status, describeCase(what)).toBeLessThan(500);
        if (!p.mayBeAccepted) expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
        await expectNothingStored(what);
        await expectAlive();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("refuses huge bodies with 413 without reading them whole, and stays within its memory", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.integer({ min: BODY_LIMIT + 1, max: 64 * 1024 * 1024 }),
        fc.boolean(),
        contentType,
        async (path, size, declareLength, type) => {
          cases += 1;
          const answer = await sendHuge(path, size, declareLength, type);
          expect(answer.status).toBe(413);
          // Answered before the whole body was sent: at most the limit plus what the sockets buffer.
          if (size > 4 * BODY_LIMIT) expect(answer.sentBeforeAnswer).toBeLessThan(size);
          expect(memoryInUse() - heapAtStart).toBeLessThan(HEAP_BOUND);
          await expectNothingStored({ path, size, declareLength, type });
          await expectAlive();
        },
      ),
      { numRuns: HUGE_RUNS, endOnFailure: true },
    );
  });

  it("answers hostile OAuth requests (install, connect, redirect) without a 5xx and stores nothing", async () => {
    const path = fc.constantFrom("/slack/install", "/slack/connect", "/slack/oauth_redirect");
    const query = fc.dictionary(
      fc.oneof(fc.constantFrom("code", "state", "error", "team", "redirect_uri", "scope"), hostileUrlPart),
      fc.oneof(hostileUrlPart, fc.array(hostileUrlPart, { maxLength: 3 })),
      { maxKeys: 4 },
    );
    const cookie = fc.option(
      fc.oneof(
        headerSafeString.map((value) => `slack-app-oauth-state=${value}`),
        headerSafeString,
        fc.constant("slack-app-oauth-state="),
      ),
      { nil: undefined },
    );
    const host = fc.option(
      fc.oneof(headerSafeString, fc.constantFrom("evil.example", "[::1", "a b", "localhost:99999", "")),
      { nil: undefined },
    );
    const method = fc.constantFrom("GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD");
    await fc.assert(
      fc.asyncProperty(
        path,
        query,
        cookie,
        host,
        method,
        async (route, params, cookieHeader, hostHeader, verb) => {
          const search = rawQuery(params);
          const target = `${route}${search ? `?${search}` : ""}`;
          const what = { target, cookieHeader, hostHeader, verb };
          cases += 1;
          const answer = await send({
            method: verb,
            path: target,
            headers: { cookie: cookieHeader, ...(hostHeader !== undefined ? { host: hostHeader } : {}) },
          });
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          // Express reads one ?state= as a string (two are an array, which /slack/connect ignores).
          const states = new URLSearchParams(search).getAll("state");
          const stateGiven = states.length === 1 && states[0] !== "";
          // OPTIONS: Express answers which methods the path has (and does nothing else).
          if (verb === "OPTIONS") expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
          else if (verb !== "GET" && verb !== "HEAD")
            expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          else if (route === "/slack/connect" && stateGiven)
            expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          else if (route === "/slack/oauth_redirect") {
            // The person pressed "Cancel" on Slack's page: a page saying nothing changed.
            const cancelled = new URLSearchParams(search).get("error") === "access_denied";
            if (!cancelled) expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          }
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("after all of it, a real event is still taken in once, and the heap is within bounds", async () => {
    cases += 1;
    const body = JSON.stringify({
      token: h.app.verificationToken,
      team_id: h.workspace.id,
      api_app_id: h.app.id,
      type: "event_callback",
      event_id: "EvFUZZ0VALID",
      event_time: nowSeconds(),
      event: {
        type: "user_change",
        user: { id: h.person(1).id, team_id: h.workspace.id, profile: { status_text: "Still here" } },
        event_ts: "1700000000.000100",
      },
    });
    const answer = await send({ path: "/slack/events", headers: signed(body), body });
    expect(answer.status).toBe(200);
    const after = await stored();
    expect(after.InboundEvent).toBe(baseline.InboundEvent + 1);
    expect(after.jobsAdded).toBeGreaterThan(baseline.jobsAdded);
    expect(memoryInUse() - heapAtStart).toBeLessThan(HEAP_BOUND);
  });
});
