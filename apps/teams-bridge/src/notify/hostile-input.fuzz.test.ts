// Hostile-input fuzzing of the Teams bridge's Graph webhooks (/graph/notifications, /graph/lifecycle,
// validation handshakes included) and Microsoft sign-in pages (/graph/connect,
// /graph/service-accounts/connect, /graph/auth/callback), on the real routes and Postgres. Invariants
// for every case: never a 5xx; a notification batch is 202 only when it is a well-formed batch (whose
// items are then all refused, by design: Graph throttles endpoints that answer non-2xx), everything
// else 4xx; a validation handshake echoes only a single short token; nothing stored — no job added (a
// trigger logs every job insert), no GraphPresenceFetch, InboundEvent, Link, SyncEvent or Credential;
// the webhooks still answer a valid request afterwards; the heap stays bounded. FUZZ_RUNS cases per property.
import { randomUUID } from "node:crypto";
import { request, type IncomingHttpHeaders } from "node:http";
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
const statuses = new Map<number, number>();
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
  await logJobs();
  baseline = await stored();
  heapAtStart = memoryInUse();
});

// Each property starts from what is stored now (so one failure does not fail the next ones too).
beforeEach(async () => {
  baseline = await stored();
});

afterAll(async () => {
  console.info(
    `teams-bridge hostile-input fuzz: ${cases} cases (FUZZ_RUNS=${RUNS}); answers: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(" ")}`,
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

type Stored = Record<
  "jobsAdded" | "jobs" | "GraphPresenceFetch" | "InboundEvent" | "Link" | "SyncEvent" | "Credential",
  number
>;

/** Every job added from now on, logged by a trigger (a job replaced by key counts too). */
async function logJobs(): Promise<void> {
  const db = world.t.db;
  await db.$executeRawUnsafe(`CREATE TABLE fuzz_job_log (id bigserial PRIMARY KEY, task text NOT NULL)`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION fuzz_log_job() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.revision IS DISTINCT FROM OLD.revision THEN
        INSERT INTO fuzz_job_log (task) SELECT identifier FROM graphile_worker._private_tasks WHERE id = NEW.task_id;
      END IF;
      RETURN NULL;
    END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER fuzz_log_job AFTER INSERT OR UPDATE ON graphile_worker._private_jobs
    FOR EACH ROW EXECUTE FUNCTION fuzz_log_job()`);
}

async function stored(): Promise<Stored> {
  const [row] = await world.t.db.$queryRawUnsafe<Record<keyof Stored, bigint>[]>(`
    SELECT (SELECT count(*) FROM fuzz_job_log) AS "jobsAdded",
           (SELECT count(*) FROM graphile_worker.jobs) AS "jobs",
           (SELECT count(*) FROM "GraphPresenceFetch") AS "GraphPresenceFetch",
           (SELECT count(*) FROM "InboundEvent") AS "InboundEvent",
           (SELECT count(*) FROM "Link") AS "Link",
           (SELECT count(*) FROM "SyncEvent") AS "SyncEvent",
           (SELECT count(*) FROM "Credential") AS "Credential"`);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)])) as Stored;
}

/** The JS heap and Buffers (a body read into Buffers is not on the heap). */
function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function expectNothingStored(what: unknown): Promise<void> {
  const now = await stored();
  const changed = (Object.keys(baseline) as (keyof Stored)[]).filter((key) => now[key] !== baseline[key]);
  expect(
    changed,
    `changed ${changed.map((k) => `${k}: ${baseline[k]} → ${now[k]}`).join(", ")} for ${describeCase(what)}`,
  ).toEqual([]);
}

function describeCase(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array
      ? `<${v.length} bytes>`
      : typeof v === "string" && v.length > 300
        ? `${v.slice(0, 300)}…`
        : v,
  );
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

// ————— HTTP —————

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: string | Uint8Array;
  /** Not one of the cases (the liveness check): not tallied. */
  quiet?: boolean;
}

/** One request on a fresh connection, with any headers (Host too) and any bytes. */
function send(sent: Sent): Promise<Answer> {
  const url = new URL(world.url);
  const headers = Object.fromEntries(
    Object.entries(sent.headers ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  // Framed by its length (Node would send a GET's body unframed).
  if (sent.body !== undefined) headers["content-length"] = String(Buffer.byteLength(sent.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: sent.method ?? "POST",
        path: sent.path,
        headers,
        // A Host of the test's choosing, even an empty one, is sent as it is.
        setHost: !("host" in headers),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (!sent.quiet) statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(sent.body);
  });
}

/** Streams `size` bytes and stops when the answer comes; reports how much had been sent by then. */
function sendHuge(
  path: string,
  size: number,
  declareLength: boolean,
  type: string | undefined,
): Promise<{ status: number; sentBeforeAnswer: number }> {
  const url = new URL(world.url);
  const chunk = Buffer.alloc(64 * 1024, " ");
  chunk.write('{"value":[');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({
      host: url.hostname,
      port: url.port,
      method: "POST",
      path,
      agent: false,
      headers: {
        ...(type ? { "content-type": type } : {}),
        ...(declareLength ? { "content-length": String(size) } : {}),
      },
    });
    req.on("response", (res) => {
      answered = true;
      const at = sent;
      res.resume();
      res.on("end", () => {
        statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: at });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < size) {
        const piece = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
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
  it("answers a well-formed batch of refused change notifications 202 (4xx if too large) and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(batch(refusedChange()), fc.constantFrom(...JSON_TYPES), async (body, type) => {
        cases += 1;
        const answer = await send({ path: NOTIFICATION_PATH, headers: { "content-type": type }, body });
        const what = { body, type };
        expect([202, 413], describeCase(what)).toContain(answer.status);
        await expectNothingStored(what);
        await expectAlive();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("answers a well-formed batch of refused lifecycle notifications 202 (4xx if too large) and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(batch(refusedLifecycle()), fc.constantFrom(...JSON_TYPES), async (body, type) => {
        cases += 1;
        const answer = await send({ path: LIFECYCLE_PATH, headers: { "content-type": type }, body });
        const what = { body, type };
        expect([202, 413], describeCase(what)).toContain(answer.status);
        await expectNothingStored(what);
        await expectAlive();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

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
          const search = Object.entries(params)
            .flatMap(([key, values]) => (Array.isArray(values) ? values : [values]).map((v) => `${key}=${v}`))
            .join("&");
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
