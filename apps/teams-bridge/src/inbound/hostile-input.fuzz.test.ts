// Hostile-input fuzzing of the Teams bridge's Graph webhooks (/graph/notifications, /graph/lifecycle,
// validation handshakes included) and Microsoft sign-in pages (/graph/connect,
// /graph/service-accounts/connect, /graph/auth/callback), on the real routes and Postgres. Invariants
// for every case: never a 5xx; a notification batch is 202 only when it is a well-formed batch (whose
// items are then all refused, by design: Graph throttles endpoints that answer non-2xx), everything
// else 4xx; a validation handshake echoes only a single short token; nothing stored — no job added (a
// trigger logs every job insert), no GraphPresenceFetch, InboundEvent, Link, SyncEvent or Credential;
// the webhooks still answer a valid request afterwards; the heap stays bounded. FUZZ_RUNS cases per property.
import { randomUUID } from "node:crypto";
import { parse as parseQuery } from "node:querystring";

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
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startWorld, type World } from "../testing/teams-world.ts";
import { hashClientState, LIFECYCLE_PATH, NOTIFICATION_PATH } from "./subscription-manager.ts";

// FUZZ_RUNS cases per property (fast-check's shrinking is off, endOnFailure: the cases act on a live
// system, so a failure is reported as it happened rather than replayed against a changed one).
const RUNS = fuzzRuns(process.env.FUZZ_RUNS);
const HUGE_RUNS = Math.max(1, Math.ceil(RUNS / 20));
/** What the webhooks read at most (express.json's limit there). */
const BODY_LIMIT = 1024 * 1024;
const MAX_VALIDATION_TOKEN = 2048;
const HEAP_BOUND = 200 * 1024 * 1024;
const CLIENT_STATE = `fuzz-client-state-${randomUUID()}`;
const SUBSCRIPTION_ID = randomUUID();
const JSON_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/json",
  "application/vnd.api+json",
];

let world: World;
let watched: string[] = [];
let cases = 0;
/** How the cases were answered (status → count), for the summary. */
const statuses = new StatusTally();
let heapAtStart = 0;
let baseline: Stored;

beforeAll(async () => {
  // Routes only, no worker: nothing runs in the background, so any job is one a request added.
  world = await startWorld({ people: 3, run: "http" });
  quietWarnings(world.runtime.logger);
  watched = world.people.map((p) => p.id.toLowerCase());
  await world.t.db.graphSubscription.create({
    data: {
      id: SUBSCRIPTION_ID,
      tenantId: world.tenantId,
      accountUserId: watched[0] ?? "",
      resource: "/communications/presences",
      userIds: watched,
      clientStateHash: hashClientState(CLIENT_STATE),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  await logJobInserts(world.t.db);
  baseline = await stored();
  heapAtStart = memoryInUse();
});

// Each property starts from what is stored now (so one failure does not fail the next ones too).
beforeEach(async () => {
  baseline = await stored();
});

afterAll(async () => {
  console.info(
    `teams-bridge hostile-input fuzz: ${cases} cases (FUZZ_RUNS=${RUNS}); answers: ${statuses.summary()}`,
  );
  await world?.close();
});

/**
 * The bridge logs every refused notification (warn): thousands of lines here. Its loggers are pino
 * children of the runtime's, sharing its stream: only errors still get through.
 */
function quietWarnings(logger: object): void {
  const stream = Object.getOwnPropertySymbols(logger).find((s) => s.description === "pino.stream");
  if (!stream) return;
  (logger as Record<symbol, unknown>)[stream] = {
    write: (line: string) => (/"level":"(error|fatal)"/.test(line) ? process.stdout.write(line) : true),
  };
}

// ————— what is stored —————

/** Jobs and the rows a case may not add (no worker runs: every job counts). */
function stored() {
  const tables = ["GraphPresenceFetch", "InboundEvent", "Link", "SyncEvent", "Credential"] as const;
  return storedCounts(world.t.db, { tables });
}
type Stored = Awaited<ReturnType<typeof stored>>;

async function expectNothingStored(what: unknown): Promise<void> {
  const changed = changes(baseline, await stored());
  expect(changed, `changed ${changed.join(", ")} for ${describeCase(what)}`).toEqual([]);
}

// ————— HTTP —————

/** One request on a fresh connection, with any headers (Host too) and any bytes; `quiet`: not tallied. */
function send(sent: RawRequest & { quiet?: boolean }) {
  return sendRaw(world.url, sent, sent.quiet ? undefined : statuses);
}

/** Streams `size` bytes of an unfinished batch and stops when the answer comes (see streamHugeBody). */
function sendHuge(path: string, size: number, declareLength: boolean, type: string | undefined) {
  const headers = type ? { "content-type": type } : {};
  const prefix = '{"value":[';
  return streamHugeBody(world.url, { path, size, declareLength, headers, prefix }, statuses);
}

/** The webhooks still work: Graph's validation handshake is answered with its token. */
async function expectAlive(): Promise<void> {
  const token = `alive ${cases}`;
  const answer = await send({
    quiet: true,
    path: `${NOTIFICATION_PATH}?validationToken=${encodeURIComponent(token)}`,
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toBe(token);
}

// ————— arbitraries —————

const PRESENCE_RESOURCE = /^\/?communications\/presences\/([0-9a-f-]{36})$/i;
const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

function validChange(userId: string): Record<string, unknown> {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    clientState: CLIENT_STATE,
    changeType: "updated",
    tenantId: world.tenantId,
    resource: `communications/presences/${userId}`,
    subscriptionExpirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
    resourceData: { "@odata.type": "#Microsoft.Graph.presence", id: userId },
  };
}

function validLifecycle(event = "reauthorizationRequired"): Record<string, unknown> {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    clientState: CLIENT_STATE,
    tenantId: world.tenantId,
    lifecycleEvent: event,
    subscriptionExpirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

const wrongClientState = fc.oneof(
  hostileString.filter((s) => s !== CLIENT_STATE),
  fc.constantFrom(
    null,
    undefined,
    CLIENT_STATE.toUpperCase(),
    ` ${CLIENT_STATE}`,
    `${CLIENT_STATE} `,
    CLIENT_STATE.slice(0, -1),
    `${CLIENT_STATE}\u0000`,
    hashClientState(CLIENT_STATE),
  ),
  hostileJsonValue.filter((v) => v !== CLIENT_STATE),
);
const unknownSubscription = fc
  .oneof(
    fc.uuid(),
    hostileString,
    hostileJsonValue,
    fc.constantFrom(`${SUBSCRIPTION_ID} `, `{${SUBSCRIPTION_ID}}`),
  )
  .filter((id) => lower(id) !== SUBSCRIPTION_ID.toLowerCase());
const unknownTenant = () =>
  fc
    .oneof(fc.uuid(), hostileString, hostileJsonValue)
    .filter((id) => lower(id) !== world.tenantId.toLowerCase());
const unwatchedResource = () =>
  fc
    .oneof(
      hostileString,
      fc.uuid().map((id) => `communications/presences/${id}`),
      fc
        .constantFrom(...watched)
        .chain((id) =>
          fc.constantFrom(
            `/users/${id}/presence`,
            `communications/presences/${id}/../x`,
            `communications/presences('${id}')`,
            `communications/presences/${id}?x=1`,
            `https://graph.microsoft.com/v1.0/communications/presences/${id}`,
            `communications/presences/${id}\u0000`,
            `communications//presences/${id}`,
            `communications/presences/${id}`.padEnd(501, " "),
          ),
        ),
      hostileJsonValue,
    )
    .filter((resource) => {
      if (typeof resource !== "string" || resource.length > 500) return true;
      const id = PRESENCE_RESOURCE.exec(resource.trim())?.[1]?.toLowerCase();
      return id === undefined || !watched.includes(id);
    });
const notUpdated = fc
  .oneof(
    fc.constantFrom(
      "created",
      "deleted",
      "Updated",
      "UPDATED",
      "updated ",
      " updated",
      "updated;created",
      "",
    ),
    hostileString,
    hostileJsonValue,
  )
  .filter((type) => typeof type !== "string" || !type.split(",").includes("updated"));

type Mutation = (item: Record<string, unknown>) => fc.Arbitrary<Record<string, unknown>>;
const set =
  (key: string, value: fc.Arbitrary<unknown>): Mutation =>
  (item) =>
    value.map((v) => (v === undefined ? omit(item, key) : { ...item, [key]: v }));
const omit = (item: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => k !== key));

/** Each of these alone makes the route refuse an item. */
const changeMutations = (): Mutation[] => [
  set("clientState", wrongClientState),
  set("subscriptionId", unknownSubscription),
  set("tenantId", unknownTenant()),
  set("resource", unwatchedResource()),
  set("changeType", notUpdated),
  set("clientState", fc.constant(`${CLIENT_STATE}${"x".repeat(300)}`)),
  (item) =>
    fc.constantFrom("subscriptionId", "tenantId", "resource", "changeType").map((key) => omit(item, key)),
];
const lifecycleMutations = (): Mutation[] => [
  set("clientState", wrongClientState),
  set("subscriptionId", unknownSubscription),
  set("tenantId", unknownTenant()),
  set(
    "lifecycleEvent",
    fc
      .oneof(
        fc.constantFrom("ReauthorizationRequired", "removed", "", null, undefined),
        hostileString,
        hostileJsonValue,
      )
      .filter((e) => !["reauthorizationRequired", "subscriptionRemoved", "missed"].includes(e as string)),
  ),
];

/** A valid item spoiled by one to three mutations: every check it fails is one the route makes. */
function spoiled(base: () => fc.Arbitrary<Record<string, unknown>>, mutations: Mutation[]) {
  return fc
    .tuple(
      base(),
      fc.uniqueArray(fc.integer({ min: 0, max: mutations.length - 1 }), { minLength: 1, maxLength: 3 }),
    )
    .chain(([item, picks]) =>
      picks.reduce<fc.Arbitrary<Record<string, unknown>>>(
        (arb, pick) => arb.chain((current) => (mutations[pick] as Mutation)(current)),
        fc.constant(item),
      ),
    );
}

const refusedChange = () =>
  fc.oneof(
    { weight: 4, arbitrary: spoiled(() => fc.constantFrom(...watched).map(validChange), changeMutations()) },
    // Items of no notification shape at all (a lifecycle notification among them).
    { weight: 1, arbitrary: hostileJsonValue },
  );
const refusedLifecycle = () =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: spoiled(
        () => fc.constantFrom("reauthorizationRequired", "subscriptionRemoved", "missed").map(validLifecycle),
        lifecycleMutations(),
      ),
    },
    { weight: 1, arbitrary: hostileJsonValue },
  );

/** A batch `{ value: [...] }` with extra properties, as Graph posts it. */
const batch = (items: fc.Arbitrary<unknown>) =>
  fc
    .tuple(
      fc.array(items, { minLength: 1, maxLength: 40 }),
      fc.dictionary(
        hostileString.filter((k) => k !== "value"),
        hostileJsonValue,
        { maxKeys: 2 },
      ),
    )
    .map(([value, extra]) => JSON.stringify({ ...extra, value }));

// ————— properties —————

describe("hostile input on the Graph webhooks", () => {
  for (const [kind, path, refused] of [
    ["change", NOTIFICATION_PATH, refusedChange],
    ["lifecycle", LIFECYCLE_PATH, refusedLifecycle],
  ] as const) {
    it(`answers a well-formed batch of refused ${kind} notifications 202 (4xx if too large) and stores nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(batch(refused()), fc.constantFrom(...JSON_TYPES), async (body, type) => {
          cases += 1;
          const answer = await send({ path, headers: { "content-type": type }, body });
          const what = { body, type };
          expect([202, 413], describeCase(what)).toContain(answer.status);
          await expectNothingStored(what);
          await expectAlive();
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }

  it("refuses anything that is no notification batch with 4xx (bytes, bad JSON, wrong types, oversized batches)", async () => {
    const notABatch = fc.oneof(
      hostileBody,
      malformedJson,
      randomBytes,
      deeplyNested,
      hostileJsonValue.map((value) => JSON.stringify(value) ?? "null"),
      fc.constant('{"value":[]}'),
      fc.constant('{"value":null}'),
      fc.constant('{"Value":[{}]}'),
      hostileJsonValue.map((value) => JSON.stringify({ value }) ?? "null"),
      // More items than Graph ever sends in one batch (the route reads at most 1,000).
      fc
        .integer({ min: 1001, max: 2500 })
        .map((n) =>
          JSON.stringify({ value: Array.from({ length: n }, () => validChange(watched[0] ?? "")) }),
        ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(NOTIFICATION_PATH, LIFECYCLE_PATH),
        notABatch,
        contentType,
        async (path, body, type) => {
          const text = typeof body === "string" ? body : Buffer.from(body).toString();
          let wellFormed = false;
          try {
            const value = (JSON.parse(text) as { value?: unknown } | null)?.value;
            wellFormed = Array.isArray(value) && value.length >= 1 && value.length <= 1000;
          } catch {
            // Not JSON: no batch.
          }
          const isJson = type !== undefined && /^(application\/(json|[^;]*\+json)|text\/json)/i.test(type);
          // Only bodies that are not a batch, or not sent as JSON (then they are not read).
          fc.pre(!wellFormed || !isJson);
          cases += 1;
          const answer = await send({ path, headers: { "content-type": type }, body });
          const what = { path, body, type };
          expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("echoes only a single validationToken of at most 2,048 characters, as text, and refuses every other one", async () => {
    const tokenQuery = fc.oneof(
      hostileUrlPart.map((v) => `validationToken=${v}`),
      fc.integer({ min: 1, max: 6000 }).map((n) => `validationToken=${"A".repeat(n)}`),
      fc
        .array(hostileUrlPart, { minLength: 2, maxLength: 4 })
        .map((values) => values.map((v) => `validationToken=${v}`).join("&")),
      hostileUrlPart.map((v) => `validationToken[]=${v}`),
      hostileUrlPart.map((v) => `validationToken[a]=${v}`),
      hostileUrlPart.map((v) => `ValidationToken=${v}`),
      fc.constant("validationToken"),
      fc.constant("validationToken="),
      fc.integer({ min: 700, max: 3000 }).map((n) => `validationToken=${"%E2%82%AC".repeat(n)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(NOTIFICATION_PATH, LIFECYCLE_PATH),
        tokenQuery,
        fc.option(fc.oneof(hostileBody, batch(refusedChange())), { nil: undefined }),
        contentType,
        fc.constantFrom("POST", "POST", "POST", "GET", "PUT"),
        async (path, query, body, type, method) => {
          cases += 1;
          const answer = await send({
            method,
            path: `${path}?${query}`,
            headers: { "content-type": type },
            body,
          });
          const what = { path, query, body, type, method };
          const token = parseQuery(query).validationToken;
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          // A URL longer than Node's header limit (16 KB) never reaches the route.
          if (answer.status === 431) expect(query.length).toBeGreaterThan(8000);
          else if (method !== "POST") expect(answer.status, describeCase(what)).toBe(404);
          else if (typeof token === "string" && token.length <= MAX_VALIDATION_TOKEN) {
            expect(answer.status, describeCase(what)).toBe(200);
            expect(answer.body).toBe(token);
            expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
            expect(answer.headers["x-content-type-options"]).toBe("nosniff");
          } else if (token !== undefined) expect(answer.status, describeCase(what)).toBe(400);
          else expect(answer.status === 202 || answer.status >= 400, describeCase(what)).toBe(true);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("refuses huge bodies (413 when sent as JSON, 4xx otherwise) without holding them in memory", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(NOTIFICATION_PATH, LIFECYCLE_PATH),
        fc.integer({ min: BODY_LIMIT + 1, max: 256 * 1024 * 1024 }),
        fc.boolean(),
        fc.constantFrom(...JSON_TYPES, "text/plain", undefined),
        async (path, size, declareLength, type) => {
          cases += 1;
          const before = memoryInUse();
          const answer = await sendHuge(path, size, declareLength, type);
          const what = { path, size, declareLength, type };
          if (type === undefined || type === "text/plain") {
            // Not JSON: never read, refused at once.
            expect(answer.status, describeCase(what)).toBe(400);
            // (Smaller bodies fit in the sockets' buffers before any answer can come.)
            if (size > 64 * 1024 * 1024) expect(answer.sentBeforeAnswer).toBeLessThan(size);
          } else expect(answer.status, describeCase(what)).toBe(413);
          // express.json stops keeping the body at 1 MB (and reads the rest off the socket before
          // answering, so the connection stays usable): a 256 MB body never sits in memory.
          expect(memoryInUse() - before, describeCase(what)).toBeLessThan(HEAP_BOUND);
          expect(memoryInUse() - heapAtStart).toBeLessThan(HEAP_BOUND);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: HUGE_RUNS, endOnFailure: true },
    );
  });
});

describe("hostile input on Microsoft sign-in", () => {
  it("refuses forged connect links and sign-in callbacks with 4xx, storing nothing", async () => {
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom("state", "code", "error", "error_description", "login_hint", "session_state"),
        hostileUrlPart,
      ),
      fc.oneof(hostileUrlPart, fc.array(hostileUrlPart, { minLength: 2, maxLength: 3 })),
      { maxKeys: 4 },
    );
    const cookie = fc.option(
      fc.oneof(
        headerSafeString.map((v) => `presence_graph_sign_in=${v}`),
        hostileUrlPart.map((v) => `presence_graph_sign_in=${v}`),
        headerSafeString,
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/graph/connect", "/graph/service-accounts/connect", "/graph/auth/callback"),
        query,
        cookie,
        fc.boolean(),
        async (route, params, cookieHeader, cookieIsState) => {
          const search = rawQuery(params);
          const state = typeof params.state === "string" ? params.state : undefined;
          // The browser's cookie may hold the very state of the callback (a forged but consistent pair).
          const cookies =
            cookieIsState && state !== undefined ? `presence_graph_sign_in=${state}` : cookieHeader;
          cases += 1;
          const answer = await send({
            method: "GET",
            path: `${route}${search ? `?${search}` : ""}`,
            headers: { cookie: cookies },
          });
          const what = { route, search, cookies };
          expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe("after the hostile input", () => {
  it("a valid notification is still taken in, and the heap stayed within bounds", async () => {
    cases += 1;
    const body = JSON.stringify({ value: [validChange(watched[1] ?? "")] });
    const answer = await send({
      path: NOTIFICATION_PATH,
      headers: { "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(202);
    const after = await stored();
    expect(after.GraphPresenceFetch).toBe(baseline.GraphPresenceFetch + 1);
    expect(after.jobsAdded).toBe(baseline.jobsAdded + 1);
    expect(memoryInUse() - heapAtStart).toBeLessThan(HEAP_BOUND);
  });
});
