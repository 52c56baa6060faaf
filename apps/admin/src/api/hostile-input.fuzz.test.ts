// Hostile-input fuzzing of the admin app: every route of the JSON API (API_ROUTES) without, with a
// wrong, and with the right bearer token or session; CSRF, Origin and Host combinations on a signed-in
// admin's browser; the sign-in callbacks (/auth/*/callback) with random code and state. On the real
// admin app, pipeline worker and Postgres. Invariants for every case: never a 5xx; a refusal (4xx — the
// sign-in callbacks answer by sending the browser back to the sign-in page with an error, never with a
// session); nothing stored or changed — no job added (a trigger logs every job insert), no row added
// to InboundEvent, Link, SyncEvent, Credential, WebSession, AdminPrincipal, RuleSetVersion, Setting,
// BulkLinkRun or RuleDryRun, and Link, Setting, AdminPrincipal and RuleSetVersion rows unchanged; the app
// still answers a valid request afterwards; the heap stays bounded. FUZZ_RUNS cases per property.
import { parse as parseQuery } from "node:querystring";

import {
  contentType,
  deeplyNested,
  fuzzRuns,
  headerSafeString,
  hostileJsonValue,
  hostileString,
  hostileUrlPart,
  malformedJson,
  randomBytes,
  toWellFormed,
} from "@presence/core/testing";
import { waitForIdle } from "@presence/pipeline/testing";
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
import type { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "../auth/session-cookie.ts";
import { startAdminWorld, type AdminWorld, API_TOKEN } from "../testing/admin-world.ts";
import { API_ROUTES } from "./openapi.ts";

// FUZZ_RUNS cases per property (fast-check's shrinking is off, endOnFailure: the cases act on a live
// system, so a failure is reported as it happened rather than replayed against a changed one).
const RUNS = fuzzRuns(process.env.FUZZ_RUNS);
const HUGE_RUNS = Math.max(1, Math.ceil(RUNS / 20));
/** The API's express.json limit. */
const BODY_LIMIT = 256 * 1024;
const HEAP_BOUND = 200 * 1024 * 1024;
/** Jobs the worker's own cron adds whatever happens. */
const BACKGROUND = ["maintenance", "admin_maintenance"];

type Route = (typeof API_ROUTES)[number];
const CHANGING = API_ROUTES.filter((r) => r.method !== "get");

let w: AdminWorld;
let cases = 0;
/** How the cases were answered (status → count), for the summary. */
const statuses = new StatusTally();
let heapAtStart = 0;
let baseline: Stored;
/** A signed-in admin's browser and an employee's: their session cookies and CSRF tokens. */
let admin: { cookie: string; csrf: string };
let employee: { cookie: string; csrf: string };
/** The one linked person, and what names them. */
let known: { linkId: string; refs: string[] };
let adminEntryId = "";
let rules: unknown;
let host = "";
/** Client addresses for the rate-limited sign-in routes (127.0.0.0/8 all reach the server). */
let nextAddress = 0;

beforeAll(async () => {
  w = await startAdminWorld();
  host = new URL(w.url).host;
  const created = await w.token.request("POST", "/api/links", {
    body: {
      slack: { teamId: w.slackTeamId, userId: "U0FUZZ001" },
      entra: { tenantId: w.tenantId, userId: "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f" },
      email: "known.person@contoso.test",
      displayName: "Known Person",
    },
  });
  if (created.status !== 201) throw new Error(`setup: ${created.status} ${created.text}`);
  const linkId = (created.json.link as { id: string }).id;
  known = {
    linkId,
    refs: [linkId, "u0fuzz001", "known.person@contoso.test", "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f"],
  };
  adminEntryId = ((await w.token.request("GET", "/api/admins")).json.admins as { id: string }[])[0]?.id ?? "";
  rules = (await w.token.request("GET", "/api/rules")).json.rules;
  admin = session(await w.signInWithMicrosoft(w.admin));
  employee = session(await w.signInWithMicrosoft(w.employee));
  await waitForIdle(w.db, { timeoutMs: 20_000 });
  await logJobInserts(w.db);
  baseline = await stored();
  heapAtStart = memoryInUse();
});

// Each property starts from what is stored now (so one failure does not fail the next ones too).
beforeEach(async () => {
  baseline = await stored();
});

afterAll(async () => {
  console.info(
    `admin hostile-input fuzz: ${cases} cases (FUZZ_RUNS=${RUNS}); answers: ${statuses.summary()}`,
  );
  await w?.stop();
});

function session(browser: Awaited<ReturnType<AdminWorld["signInWithMicrosoft"]>>) {
  const cookie = browser.cookie(SESSION_COOKIE);
  if (!cookie || !browser.csrfToken) throw new Error("setup: no session");
  return { cookie, csrf: browser.csrfToken };
}

// ————— what is stored —————

const COUNTED = [
  "InboundEvent",
  "Link",
  "SyncEvent",
  "Credential",
  "WebSession",
  "AdminPrincipal",
  "RuleSetVersion",
  "Setting",
  "BulkLinkRun",
  "RuleDryRun",
] as const;
/** Rows compared whole (WebSession is not: every request of a session refreshes its last use). */
const HASHED = ["Link", "Setting", "AdminPrincipal", "RuleSetVersion"] as const;

/** Jobs (less the background ones), the rows a case may not add, and those it may not change. */
const stored = () => storedCounts(w.db, { tables: COUNTED, hashed: HASHED, ignoredTasks: BACKGROUND });
type Stored = Awaited<ReturnType<typeof stored>>;

async function expectNothingStored(what: unknown): Promise<void> {
  const changed = changes(baseline, await stored());
  expect(changed, `changed ${changed.join(", ")} for ${describeCase(what)}`).toEqual([]);
}

// ————— HTTP —————

/** One request on a fresh connection, with any headers (Host too) and any bytes; `quiet`: not tallied. */
function send(sent: RawRequest & { method: string; quiet?: boolean }) {
  return sendRaw(w.url, sent, sent.quiet ? undefined : statuses);
}

/** Streams `size` bytes of an unfinished JSON string, as the API token, and stops when the answer comes. */
function sendHuge(path: string, size: number, declareLength: boolean, type: string | undefined) {
  const headers = { authorization: `Bearer ${API_TOKEN}`, ...(type ? { "content-type": type } : {}) };
  return streamHugeBody(w.url, { path, size, declareLength, headers, prefix: '{"email":"' }, statuses);
}

/** The app still works: the admin's session and the token are both served. */
async function expectAlive(): Promise<void> {
  const me = await send({
    quiet: true,
    method: "GET",
    path: "/api/session",
    headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` },
  });
  expect(me.status).toBe(200);
  expect((JSON.parse(me.body) as { user: { admin: boolean } | null }).user?.admin).toBe(true);
}

// ————— arbitraries —————

/** Routes by "method path" (a readable counterexample). */
const routeKey = (routes: readonly Route[]) => fc.constantFrom(...routes.map((r) => `${r.method} ${r.path}`));
function routeOf(key: string): Route {
  const route = API_ROUTES.find((r) => `${r.method} ${r.path}` === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
}

/** A value for a path parameter that names nothing that exists (odd characters welcome). */
function unknownParam(name: string): fc.Arbitrary<string> {
  return hostileUrlPart.filter((raw) => {
    let text: string;
    try {
      text = decodeURIComponent(raw).trim().toLowerCase();
    } catch {
      return true;
    }
    // Another route, not this one.
    if (raw === "" || raw.includes("/") || raw === "." || raw === "..") return false;
    if (name === "version") {
      const n = Number(text);
      return !(Number.isInteger(n) && n >= 1 && n <= 1000);
    }
    return text !== adminEntryId && !known.refs.some((ref) => text.includes(ref));
  });
}

/** The route's path with its parameters filled in (known ones, or odd unknown ones). */
function concrete(route: Route, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? "x");
}

const KNOWN_PARAMS = (): Record<string, string> => ({
  person: known.linkId,
  id: adminEntryId,
  version: "1",
});

/** A body the route's schema refuses (so the route must too). */
function invalidBody(route: Route): fc.Arbitrary<string> | null {
  const schema = route.body;
  if (!schema) return null;
  return fc
    .oneof(
      hostileJsonValue,
      fc.dictionary(fc.constantFrom(...bodyKeys(schema), "__proto__", "constructor"), hostileJsonValue, {
        maxKeys: 4,
      }),
    )
    .filter((value) => !schema.safeParse(value).success)
    .map((value) => JSON.stringify(value) ?? "null");
}

function bodyKeys(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape
    ? Object.keys(shape)
    : ["rules", "email", "kind", "value", "direction", "forMinutes", "version"];
}

/** A query string the route's schema refuses. */
function invalidQuery(route: Route): fc.Arbitrary<string> | null {
  const schema = route.query;
  if (!schema) return null;
  const keys = Object.keys(schema.shape);
  return fc
    .dictionary(
      fc.oneof(fc.constantFrom(...keys), hostileUrlPart),
      fc.oneof(hostileUrlPart, fc.array(hostileUrlPart, { minLength: 2, maxLength: 3 })),
      {
        minKeys: 1,
        maxKeys: 4,
      },
    )
    .map((query) =>
      Object.entries(query)
        .flatMap(([key, values]) => (Array.isArray(values) ? values : [values]).map((v) => `${key}=${v}`))
        .join("&"),
    )
    .filter((text) => !schema.safeParse(parseQuery(text)).success);
}

type Invalidity =
  | { kind: "body"; body: string }
  | { kind: "query"; query: string }
  | { kind: "param"; params: Record<string, string> }
  | { kind: "malformed-json"; body: string }
  | { kind: "not-json"; body: string | Uint8Array; type: string | undefined };

/** One way to make a request to `route` that the route must refuse. */
function invalidity(route: Route): fc.Arbitrary<Invalidity> {
  const options: fc.Arbitrary<Invalidity>[] = [];
  const body = invalidBody(route);
  if (body) options.push(body.map((b) => ({ kind: "body" as const, body: b })));
  const query = invalidQuery(route);
  if (query) options.push(query.map((q) => ({ kind: "query" as const, query: q })));
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name ?? "");
  if (names.length > 0)
    options.push(
      fc
        .record(Object.fromEntries(names.map((name) => [name, unknownParam(name)])))
        .map((params) => ({ kind: "param" as const, params })),
    );
  options.push(
    fc
      .oneof(
        malformedJson,
        deeplyNested.map((d) => `{"a":${d}`),
      )
      // (An empty body is no body: {}.)
      .filter((b) => b.trim() !== "")
      .map((b) => ({ kind: "malformed-json" as const, body: b })),
  );
  if (route.method !== "get")
    options.push(
      fc
        .record({
          body: fc.oneof(fc.json(), randomBytes, hostileString),
          type: contentType.filter((t) => t !== undefined && !/json/i.test(t)),
        })
        .map(({ body: b, type }) => ({ kind: "not-json" as const, body: b, type })),
    );
  return fc.oneof(...options);
}

/** A request to `route` that would be valid (for the CSRF cases: only the guard may refuse it). */
function validRequest(route: Route): { path: string; body?: string } {
  const key = `${route.method} ${route.path}`;
  const bodies: Record<string, unknown> = {
    "patch /api/me": { direction: "both" },
    "post /api/me/pause": { forMinutes: 30 },
    "post /api/links": {
      slack: { teamId: w.slackTeamId, userId: "U0FUZZ002" },
      entra: { tenantId: w.tenantId, userId: "0f0f0f0f-0f0f-4f0f-8f0f-000000000002" },
    },
    "patch /api/links/{person}": { direction: "slackToTeams" },
    "post /api/links/{person}/pause": { forMinutes: 30, reason: "csrf" },
    "post /api/rules": { rules, comment: "csrf" },
    "post /api/rules/validate": { rules },
    "post /api/rules/preview": { rules },
    "post /api/rules/rollback": { version: 1 },
    "post /api/rules/dry-runs": { rules, hours: 1 },
    "patch /api/settings": { flapMaxWrites: 30 },
    "post /api/admins": { kind: "email", value: "csrf@contoso.test" },
    "post /api/webhooks": { id: "csrf-system", name: "CSRF", direction: "in" },
    "post /api/webhooks/{id}/disable": { reason: "csrf" },
    "post /api/demo/change": { action: "slack_huddle", email: "known.person@contoso.test", on: true },
  };
  const path = concrete(route, KNOWN_PARAMS());
  return key in bodies ? { path, body: JSON.stringify(bodies[key]) } : { path };
}

// ————— properties —————

describe("hostile input on the admin API", () => {
  it("refuses every route without credentials, with a wrong token or a forged session (4xx), storing nothing", async () => {
    type Auth =
      | { kind: "none" }
      | { kind: "bearer"; value: string }
      | { kind: "authorization"; value: string }
      | { kind: "cookie"; value: string }
      | { kind: "employee" };
    const auth: fc.Arbitrary<Auth> = fc.oneof(
      fc.constant({ kind: "none" as const }),
      fc.record({
        kind: fc.constant("bearer" as const),
        value: fc
          .oneof(
            headerSafeString,
            fc.constantFrom(
              API_TOKEN.slice(0, -1),
              `${API_TOKEN}x`,
              API_TOKEN.toUpperCase(),
              ` ${API_TOKEN}`,
              `${API_TOKEN}\u00a0`,
              Buffer.from(API_TOKEN).toString("base64"),
            ),
          )
          // HTTP drops a header's trailing blanks: "token " is the token.
          .filter((v) => v.replace(/[ \t]+$/, "") !== API_TOKEN && v.trim() !== ""),
      }),
      fc.record({
        kind: fc.constant("authorization" as const),
        value: fc.oneof(
          headerSafeString,
          fc.constantFrom(
            `Basic ${Buffer.from(`admin:${API_TOKEN}`).toString("base64")}`,
            "Bearer",
            "Bearer ",
            `Token ${API_TOKEN}`,
            `${API_TOKEN}`,
          ),
        ),
      }),
      fc.record({
        kind: fc.constant("cookie" as const),
        value: fc.oneof(
          headerSafeString.map((v) => `${SESSION_COOKIE}=${v}`),
          hostileUrlPart.map((v) => `${SESSION_COOKIE}=${v}`),
          fc.constant(`${SESSION_COOKIE}=${admin.cookie.slice(0, -1)}`),
          fc.constant(`${SESSION_COOKIE}=${admin.cookie.toUpperCase()}`),
          fc.constant(`other=${admin.cookie}`),
          headerSafeString,
        ),
      }),
      fc.constant({ kind: "employee" as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        routeKey(API_ROUTES),
        auth,
        fc.option(fc.oneof(hostileUrlPart, fc.constant("limit=10")), { nil: undefined }),
        fc.option(
          fc.oneof(
            malformedJson,
            fc.json(),
            hostileJsonValue.map((v) => JSON.stringify(v) ?? "null"),
          ),
          {
            nil: undefined,
          },
        ),
        fc.option(contentType, { nil: undefined }),
        async (key, how, query, body, type) => {
          const route = routeOf(key);
          // Open routes answer anyone (a wrong token is refused there, but for the OpenAPI document,
          // served before anyone is identified); an employee may use /api/me.
          const open = route.access === "public" || (how.kind === "employee" && route.access === "person");
          fc.pre(!open || (how.kind === "bearer" && route.path !== "/api/openapi.json"));
          cases += 1;
          const method = route.method.toUpperCase();
          const headers: Record<string, string | undefined> = {
            "content-type": body === undefined ? undefined : (type ?? "application/json"),
          };
          if (how.kind === "bearer") headers.authorization = `Bearer ${how.value}`;
          if (how.kind === "authorization") headers.authorization = how.value;
          if (how.kind === "cookie") headers.cookie = how.value;
          if (how.kind === "employee") {
            headers.cookie = `${SESSION_COOKIE}=${employee.cookie}`;
            headers["x-csrf-token"] = employee.csrf;
            headers.origin = w.url;
          }
          const path = `${concrete(route, KNOWN_PARAMS())}${query ? `?${query}` : ""}`;
          const answer = await send({ method, path, headers, ...(body === undefined ? {} : { body }) });
          const what = { method, path, how, body, type };
          expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("refuses invalid bodies, queries and path parameters on every route, even with the token (4xx), storing nothing", async () => {
    const routes = API_ROUTES.filter((r) => r.path !== "/api/openapi.json");
    await fc.assert(
      fc.asyncProperty(
        routeKey(routes).chain((key) => fc.tuple(fc.constant(key), invalidity(routeOf(key)))),
        async ([key, bad]) => {
          const route = routeOf(key);
          cases += 1;
          const method = route.method.toUpperCase();
          const params = bad.kind === "param" ? bad.params : KNOWN_PARAMS();
          const path = `${concrete(route, params)}${bad.kind === "query" ? `?${bad.query}` : ""}`;
          const body = "body" in bad ? bad.body : route.body ? (validRequest(route).body ?? "{}") : undefined;
          const headers: Record<string, string | undefined> = {
            authorization: `Bearer ${API_TOKEN}`,
            "content-type":
              bad.kind === "not-json" ? bad.type : body === undefined ? undefined : "application/json",
          };
          const answer = await send({ method, path, headers, ...(body === undefined ? {} : { body }) });
          const what = { method, path, bad };
          expect(answer.status, describeCase(what)).toBeGreaterThanOrEqual(400);
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("never answers 5xx to hostile text in well-formed queries and drafts (read-only routes), storing nothing", async () => {
    // Well-formed but hostile: text fields of the query filled with NUL, escapes, SQL, very long text
    // (the schemas allow 200 characters); rules drafts checked or previewed with hostile JSON.
    const text = hostileString
      .map((value) => toWellFormed(value).slice(0, 200))
      .map((value) => encodeURIComponent(value));
    const queries: Record<string, fc.Arbitrary<string>> = {
      "get /api/links": fc.record({ search: text }).map(({ search }) => `search=${search}`),
      "get /api/people": fc
        .record({ search: text, filter: fc.constantFrom("linked", "unlinked", "paused") })
        .map(({ search, filter }) => `search=${search}&filter=${filter}`),
      "get /api/audit": fc.record({ actor: text, person: text }, { requiredKeys: [] }).map((q) =>
        Object.entries(q)
          .map(([k, v]) => `${k}=${v}`)
          .join("&"),
      ),
      "get /api/audit/export": fc
        .record({ actor: text, format: fc.constantFrom("csv", "json") })
        .map(
          ({ actor, format }) =>
            `from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&actor=${actor}&format=${format}`,
        ),
    };
    const drafts = fc.oneof(
      fc.record({ rules: hostileJsonValue }),
      fc.record(
        { rules: fc.constant(rules), teams: hostileJsonValue, slack: hostileJsonValue },
        { requiredKeys: ["rules"] },
      ),
    );
    const request = fc.oneof(
      fc.constantFrom(...Object.keys(queries)).chain((key) =>
        (queries[key] as fc.Arbitrary<string>).map((query) => ({
          key,
          query,
          body: undefined as string | undefined,
        })),
      ),
      fc
        .tuple(fc.constantFrom("post /api/rules/validate", "post /api/rules/preview"), drafts)
        .map(([key, body]) => ({ key, query: "", body: JSON.stringify(body) })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ key, query, body }) => {
        const route = routeOf(key);
        if (route.query) fc.pre(route.query.safeParse(parseQuery(query)).success);
        cases += 1;
        const answer = await send({
          method: route.method.toUpperCase(),
          path: `${route.path}${query ? `?${query}` : ""}`,
          headers: {
            authorization: `Bearer ${API_TOKEN}`,
            "content-type": body === undefined ? undefined : "application/json",
          },
          ...(body === undefined ? {} : { body }),
        });
        const what = { key, query, body };
        expect(answer.status, describeCase({ ...what, answer: answer.body.slice(0, 300) })).toBeLessThan(500);
        await expectNothingStored(what);
        await expectAlive();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("refuses a signed-in admin's changes without the right X-CSRF-Token, Origin or Host (403/415/421), storing nothing", async () => {
    type Forgery =
      | { kind: "no-token" }
      | { kind: "wrong-token"; token: string }
      | { kind: "foreign-origin"; origin: string }
      | { kind: "foreign-referer"; referer: string }
      | { kind: "fetch-site"; site: string }
      | { kind: "host"; host: string; origin: "same" | "none" | "host" }
      | { kind: "type"; type: string };
    const forgery: fc.Arbitrary<Forgery> = fc.oneof(
      fc.constant({ kind: "no-token" as const }),
      fc.record({
        kind: fc.constant("wrong-token" as const),
        token: fc.oneof(
          headerSafeString,
          fc.constantFrom(
            admin.csrf.slice(0, -1),
            `${admin.csrf}x`,
            admin.csrf.toUpperCase(),
            `${admin.csrf}\u00a0`,
            `${admin.csrf},${admin.csrf}`,
            employee.csrf,
            admin.cookie,
          ),
        ),
      }),
      fc.record({
        kind: fc.constant("foreign-origin" as const),
        origin: fc.oneof(
          fc.constantFrom(
            "https://evil.example",
            "null",
            "http://127.0.0.1",
            "http://127.0.0.1:1",
            "http://localhost",
            `http://${host}.evil.example`,
            `http://evil.example/${host}`,
            `http://${host}@evil.example`,
            "file://",
            "",
          ),
          headerSafeString,
        ),
      }),
      fc.record({
        kind: fc.constant("foreign-referer" as const),
        referer: fc.constantFrom(
          "https://evil.example/page",
          "http://localhost/",
          "not a url",
          `https://evil.example/${host}`,
        ),
      }),
      fc.record({
        kind: fc.constant("fetch-site" as const),
        site: fc.constantFrom("cross-site", "same-site", "none"),
      }),
      fc.record({
        kind: fc.constant("host" as const),
        host: fc.oneof(
          fc.constantFrom("evil.example", "127.0.0.1.nip.io", "admin.evil.example:80", "", "[::2]"),
          headerSafeString,
        ),
        origin: fc.constantFrom("same" as const, "none" as const, "host" as const),
      }),
      fc.record({
        kind: fc.constant("type" as const),
        type: fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "text/plain; charset=utf-8",
          "application/xml",
        ),
      }),
    );
    const changes = [
      ...CHANGING,
      ...API_ROUTES.filter((r) => r.path === "/api/session" && r.method === "delete"),
    ];
    await fc.assert(
      fc.asyncProperty(routeKey(changes), forgery, async (key, how) => {
        const route = routeOf(key);
        const { path, body } = validRequest(route);
        const headers: Record<string, string | undefined> = {
          cookie: `${SESSION_COOKIE}=${admin.cookie}`,
          origin: w.url,
          "x-csrf-token": admin.csrf,
          "content-type": body === undefined ? undefined : "application/json",
        };
        switch (how.kind) {
          case "no-token":
            headers["x-csrf-token"] = undefined;
            break;
          case "wrong-token":
            // HTTP drops a header's leading and trailing blanks: " token" is the token.
            fc.pre(how.token.trim() !== admin.csrf);
            headers["x-csrf-token"] = how.token;
            break;
          case "foreign-origin": {
            let sameHost = false;
            try {
              sameHost = new URL(how.origin).host.toLowerCase() === host;
            } catch {
              // No URL: no host at all.
            }
            fc.pre(!sameHost);
            headers.origin = how.origin;
            break;
          }
          case "foreign-referer":
            headers.origin = undefined;
            headers.referer = how.referer;
            break;
          case "fetch-site":
            headers.origin = undefined;
            headers["sec-fetch-site"] = how.site;
            break;
          case "host": {
            const name = how.host.toLowerCase().replace(/:\d+$/, "");
            // Hosts the admin app answers to are not forged (with a matching Origin the request is fine).
            fc.pre(!["127.0.0.1", "localhost", "[::1]"].includes(name));
            headers.host = how.host;
            headers.origin =
              how.origin === "same" ? w.url : how.origin === "host" ? `http://${how.host}` : undefined;
            break;
          }
          case "type":
            headers["content-type"] = how.type;
            break;
        }
        fc.pre(how.kind !== "type" || body !== undefined); // nothing to send as another type
        cases += 1;
        const answer = await send({
          method: route.method.toUpperCase(),
          path,
          headers,
          ...(body === undefined ? {} : { body }),
        });
        const what = { route: `${route.method} ${route.path}`, how };
        expect([403, 415, 421, 431], describeCase(what)).toContain(answer.status);
        await expectNothingStored(what);
        await expectAlive();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it("refuses huge bodies with 413 (415 when not JSON) without holding them in memory", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/links", "/api/admins", "/api/rules/validate", "/api/session"),
        fc.integer({ min: BODY_LIMIT + 1, max: 128 * 1024 * 1024 }),
        fc.boolean(),
        fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", undefined),
        async (path, size, declareLength, type) => {
          cases += 1;
          const before = memoryInUse();
          const answer = await sendHuge(path, size, declareLength, type);
          const what = { path, size, declareLength, type };
          if (type?.startsWith("application/json")) expect(answer.status, describeCase(what)).toBe(413);
          else {
            // Not JSON: refused before a byte of it is read.
            expect(answer.status, describeCase(what)).toBe(415);
            if (size > 64 * 1024 * 1024) expect(answer.sentBeforeAnswer).toBeLessThan(size);
          }
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

describe("hostile input on the sign-in callbacks", () => {
  it("sends every forged callback back to the sign-in page with an error (or 4xx), never with a session", async () => {
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom("state", "code", "error", "error_description", "session_state", "iss"),
        hostileUrlPart,
      ),
      fc.oneof(hostileUrlPart, fc.array(hostileUrlPart, { minLength: 2, maxLength: 3 })),
      { maxKeys: 4 },
    );
    const cookie = fc.option(
      fc.oneof(
        headerSafeString.map((v) => `presence_sign_in=${v}`),
        hostileUrlPart.map((v) => `presence_sign_in=${v}`),
        headerSafeString,
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/auth/microsoft/callback", "/auth/slack/callback"),
        query,
        cookie,
        fc.boolean(),
        async (route, params, cookieHeader, cookieIsState) => {
          const search = rawQuery(params);
          const state = typeof params.state === "string" ? params.state : undefined;
          const cookies = cookieIsState && state !== undefined ? `presence_sign_in=${state}` : cookieHeader;
          cases += 1;
          // Sign-in is rate-limited per client address: each case comes from another one.
          nextAddress = (nextAddress % 250) + 1;
          const answer = await send({
            method: "GET",
            path: `${route}${search ? `?${search}` : ""}`,
            headers: { cookie: cookies },
            localAddress: `127.0.0.${nextAddress + 1}`,
          });
          const what = { route, search, cookies };
          expect(answer.status, describeCase(what)).toBeLessThan(500);
          if (answer.status < 400) {
            expect(answer.status, describeCase(what)).toBe(302);
            expect(answer.headers.location, describeCase(what)).toMatch(/^\/signin\?error=/);
          }
          expect(String(answer.headers["set-cookie"] ?? ""), describeCase(what)).not.toContain(
            `${SESSION_COOKIE}=`,
          );
          await expectNothingStored(what);
          await expectAlive();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe("after the hostile input", () => {
  it("a valid change still works, and the heap stayed within bounds", async () => {
    cases += 1;
    const answer = await send({
      method: "POST",
      path: "/api/admins",
      headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "email", value: "after-fuzz@contoso.test" }),
    });
    expect(answer.status).toBe(201);
    expect((await stored()).AdminPrincipal).toBe(Number(baseline.AdminPrincipal) + 1);
    expect(memoryInUse() - heapAtStart).toBeLessThan(HEAP_BOUND);
  });
});
