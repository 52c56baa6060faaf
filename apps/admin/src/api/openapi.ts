import { z } from "zod";

import {
  ZAdminBody,
  ZAuditExportQuery,
  ZAuditQuery,
  ZCreateLinkBody,
  ZDemoChangeBody,
  ZDryRunBody,
  ZEventsQuery,
  ZListLinksQuery,
  ZMySettingsBody,
  ZPauseBody,
  ZPeopleQuery,
  ZPersonSettingsBody,
  ZRollbackBody,
  ZRulePreviewBody,
  ZRulesBody,
  ZRulesOnlyBody,
  ZSettingsPatch,
  ZStreamQuery,
  ZWebhookConnectionBody,
  ZWebhookDisableBody,
} from "./api-schemas.ts";
import {
  ZAdminOut,
  ZAutoLinkPreviewOut,
  ZBulkRunOut,
  ZDemoPersonOut,
  ZDryRunDetailOut,
  ZDryRunOut,
  ZErrorOut,
  ZHealthOut,
  ZLinkOut,
  ZMeOut,
  ZPersonRowOut,
  ZPersonStateOut,
  ZRuleIssueOut,
  ZRulePreviewOut,
  ZRuleVersionOut,
  ZSessionOut,
  ZSettingsOut,
  ZSyncEventOut,
  ZWebhookConnectionOut,
  ZWebhookSecretOut,
} from "./api-responses.ts";

type Method = "get" | "post" | "patch" | "delete";

/** One route of the admin API, with the zod schemas it validates with and answers in. */
interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  /** Who may call it: anyone, any signed-in person, or an admin (session, token or local demo). */
  access: "public" | "person" | "admin";
  query?: z.ZodObject;
  body?: z.ZodType;
  status?: number;
  response: z.ZodType | "text/csv" | "text/event-stream";
}

const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape);
const ZRuleVersionMeta = ZRuleVersionOut.omit({ rules: true });

/** Every route the admin API serves (a test compares this list with the routes Express has). */
export const API_ROUTES: readonly RouteDoc[] = [
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    access: "public",
    response: z.object({}).loose(),
  },
  {
    method: "get",
    path: "/api/session",
    summary: "Who is signed in, the CSRF token to send back, and the sign-in methods on offer",
    access: "public",
    response: ZSessionOut,
  },
  {
    method: "delete",
    path: "/api/session",
    summary: "Sign out",
    access: "public",
    response: object({ signedOut: z.literal(true) }),
  },

  {
    method: "get",
    path: "/api/me",
    summary: "Self-service: my link, its live state, and links to connect my other account",
    access: "person",
    response: ZMeOut,
  },
  {
    method: "patch",
    path: "/api/me",
    summary: "Self-service: change my direction and what I share",
    access: "person",
    body: ZMySettingsBody,
    response: object({ link: ZLinkOut }),
  },
  {
    method: "post",
    path: "/api/me/pause",
    summary: "Self-service: pause my mirroring",
    access: "person",
    body: ZPauseBody,
    response: object({ link: ZLinkOut }),
  },
  {
    method: "post",
    path: "/api/me/resume",
    summary: "Self-service: resume my mirroring",
    access: "person",
    response: object({ link: ZLinkOut }),
  },
  {
    method: "get",
    path: "/api/me/events",
    summary: "Self-service: why did my status change?",
    access: "person",
    query: ZEventsQuery,
    response: object({ events: z.array(ZSyncEventOut) }),
  },
  {
    method: "get",
    path: "/api/me/stream",
    summary: "Self-service: my new events as Server-Sent Events",
    access: "person",
    response: "text/event-stream",
  },

  {
    method: "get",
    path: "/api/links",
    summary: "List links and their state",
    access: "admin",
    query: ZListLinksQuery,
    response: object({ links: z.array(ZLinkOut) }),
  },
  {
    method: "post",
    path: "/api/links",
    summary: "Link a Slack account and a Microsoft account (by ids, or both found by e-mail)",
    access: "admin",
    body: ZCreateLinkBody,
    status: 201,
    response: object({ link: ZLinkOut }),
  },
  {
    method: "get",
    path: "/api/links/{person}",
    summary: "One link",
    access: "admin",
    response: object({ link: ZLinkOut }),
  },
  {
    method: "patch",
    path: "/api/links/{person}",
    summary: "Change a person's direction and policy overrides",
    access: "admin",
    body: ZPersonSettingsBody,
    response: object({ link: ZLinkOut }),
  },
  {
    method: "delete",
    path: "/api/links/{person}",
    summary: "Unlink a person and delete their tokens",
    access: "admin",
    response: object({ unlinked: z.string() }),
  },
  {
    method: "get",
    path: "/api/links/{person}/state",
    summary:
      "Live mirrored state: each side as observed, the person's own state, and what the bridge holds, wrote and is writing",
    access: "admin",
    response: ZPersonStateOut,
  },
  {
    method: "get",
    path: "/api/links/{person}/events",
    summary: "Why did my status change? The person's sync events, newest first",
    access: "admin",
    query: ZEventsQuery,
    response: object({ events: z.array(ZSyncEventOut) }),
  },
  {
    method: "post",
    path: "/api/links/{person}/pause",
    summary: "Pause mirroring (for a while, until a time, or until resumed)",
    access: "admin",
    body: ZPauseBody,
    response: object({ link: ZLinkOut }),
  },
  {
    method: "post",
    path: "/api/links/{person}/resume",
    summary: "Resume mirroring",
    access: "admin",
    response: object({ link: ZLinkOut }),
  },

  {
    method: "get",
    path: "/api/people",
    summary: "Everyone in both directories: links and accounts not linked yet, with search and filters",
    access: "admin",
    query: ZPeopleQuery,
    response: object({ people: z.array(ZPersonRowOut), total: z.number().int() }),
  },
  {
    method: "get",
    path: "/api/auto-link/preview",
    summary:
      "What linking everyone by e-mail would do: matches, conflicts, people on one side only, suggestions",
    access: "admin",
    response: ZAutoLinkPreviewOut,
  },
  {
    method: "get",
    path: "/api/auto-link/runs",
    summary: "Recent automatic-linking runs",
    access: "admin",
    response: object({ runs: z.array(ZBulkRunOut) }),
  },
  {
    method: "post",
    path: "/api/auto-link/runs",
    summary: "Link everyone the preview matches, as a job",
    access: "admin",
    status: 202,
    response: object({ run: ZBulkRunOut }),
  },
  {
    method: "get",
    path: "/api/auto-link/runs/{id}",
    summary: "A run's progress",
    access: "admin",
    response: object({ run: ZBulkRunOut }),
  },
  {
    method: "post",
    path: "/api/auto-link/runs/{id}/undo",
    summary: "Remove every link a run made, as a job",
    access: "admin",
    status: 202,
    response: object({ run: ZBulkRunOut }),
  },

  {
    method: "get",
    path: "/api/rules",
    summary: "The mapping rules in force (highest version)",
    access: "admin",
    response: ZRuleVersionOut,
  },
  {
    method: "post",
    path: "/api/rules",
    summary: "Publish a new version of the rules (validated; in force at once)",
    access: "admin",
    body: ZRulesBody,
    status: 201,
    response: ZRuleVersionOut,
  },
  {
    method: "get",
    path: "/api/rules/versions",
    summary: "Every version of the rules",
    access: "admin",
    response: object({ versions: z.array(ZRuleVersionMeta) }),
  },
  {
    method: "get",
    path: "/api/rules/versions/{version}",
    summary: "One version of the rules (for a diff)",
    access: "admin",
    response: ZRuleVersionOut,
  },
  {
    method: "post",
    path: "/api/rules/validate",
    summary: "Check draft rules against the platforms' limits; every problem with its path",
    access: "admin",
    body: ZRulesOnlyBody,
    response: object({ valid: z.boolean(), issues: z.array(ZRuleIssueOut) }),
  },
  {
    method: "post",
    path: "/api/rules/preview",
    summary: "What a Teams state becomes on Slack, and a Slack state in Teams, under draft rules",
    access: "admin",
    body: ZRulePreviewBody,
    response: ZRulePreviewOut,
  },
  {
    method: "post",
    path: "/api/rules/rollback",
    summary: "Put an earlier version back in force (as a new version)",
    access: "admin",
    body: ZRollbackBody,
    status: 201,
    response: ZRuleVersionOut,
  },
  {
    method: "get",
    path: "/api/rules/dry-runs",
    summary: "Recent dry runs",
    access: "admin",
    response: object({ runs: z.array(ZDryRunOut) }),
  },
  {
    method: "post",
    path: "/api/rules/dry-runs",
    summary: "Replay the last hours of recorded decisions under draft rules, as a job",
    access: "admin",
    body: ZDryRunBody,
    status: 202,
    response: object({ run: ZDryRunOut }),
  },
  {
    method: "get",
    path: "/api/rules/dry-runs/{id}",
    summary: "A dry run's result: what the draft would have written differently",
    access: "admin",
    response: object({ run: ZDryRunDetailOut }),
  },

  {
    method: "get",
    path: "/api/settings",
    summary: "Organisation settings",
    access: "admin",
    response: ZSettingsOut,
  },
  {
    method: "patch",
    path: "/api/settings",
    summary: "Change some settings (the rest stay as they are)",
    access: "admin",
    body: ZSettingsPatch,
    response: ZSettingsOut,
  },

  {
    method: "get",
    path: "/api/audit",
    summary: "Sync events and admin actions, newest first, filtered",
    access: "admin",
    query: ZAuditQuery,
    response: object({ events: z.array(ZSyncEventOut) }),
  },
  {
    method: "get",
    path: "/api/audit/export",
    summary: "Export a date range of the audit trail as CSV or JSON",
    access: "admin",
    query: ZAuditExportQuery,
    response: "text/csv",
  },

  {
    method: "get",
    path: "/api/admins",
    summary: "The admin allow-list",
    access: "admin",
    response: object({ admins: z.array(ZAdminOut) }),
  },
  {
    method: "post",
    path: "/api/admins",
    summary: "Add an Entra user or group, an e-mail or a Slack user to the allow-list",
    access: "admin",
    body: ZAdminBody,
    status: 201,
    response: object({ admin: ZAdminOut }),
  },
  {
    method: "delete",
    path: "/api/admins/{id}",
    summary: "Remove an allow-list entry (never the last one)",
    access: "admin",
    response: object({ removed: z.string() }),
  },

  {
    method: "get",
    path: "/api/webhooks",
    summary: "Webhook connections: third-party systems that report states or receive them (no secrets)",
    access: "admin",
    response: object({ connections: z.array(ZWebhookConnectionOut) }),
  },
  {
    method: "post",
    path: "/api/webhooks",
    summary: "Connect a system through the webhook spoke; its secret is in this answer only",
    access: "admin",
    body: ZWebhookConnectionBody,
    status: 201,
    response: ZWebhookSecretOut,
  },
  {
    method: "post",
    path: "/api/webhooks/{id}/rotate-secret",
    summary:
      "Replace a connection's secret (the old one stops working at once); the new one is in this answer only",
    access: "admin",
    response: ZWebhookSecretOut,
  },
  {
    method: "post",
    path: "/api/webhooks/{id}/disable",
    summary: "Turn a connection off: its reports are refused (404) and nothing is sent to it",
    access: "admin",
    body: ZWebhookDisableBody,
    response: object({ connection: ZWebhookConnectionOut }),
  },
  {
    method: "post",
    path: "/api/webhooks/{id}/enable",
    summary: "Turn a connection on again",
    access: "admin",
    response: object({ connection: ZWebhookConnectionOut }),
  },
  {
    method: "delete",
    path: "/api/webhooks/{id}",
    summary: "Remove a connection and its secret",
    access: "admin",
    response: object({ removed: z.string() }),
  },

  {
    method: "get",
    path: "/api/health",
    summary: "Apps, queue, sync per side, subscriptions, service accounts, error rates and Slack budgets",
    access: "admin",
    response: ZHealthOut,
  },
  {
    method: "get",
    path: "/api/stream",
    summary: "New audit events as Server-Sent Events (all, or one link's)",
    access: "admin",
    query: ZStreamQuery,
    response: "text/event-stream",
  },

  {
    method: "get",
    path: "/api/demo",
    summary: "Zero-config demo only: the demo people as both emulators show them",
    access: "admin",
    response: object({ people: z.array(ZDemoPersonOut) }),
  },
  {
    method: "post",
    path: "/api/demo/change",
    summary: "Zero-config demo only: change a person's state in the emulated Slack or Teams",
    access: "admin",
    body: ZDemoChangeBody,
    response: object({ people: z.array(ZDemoPersonOut) }),
  },
];

const json = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

const ERRORS = {
  "400": "Invalid input, naming each bad field",
  "401": "Not signed in, and no (or a wrong) bearer token ADMIN_API_TOKEN",
  "403": "Signed in but not an admin, or a cross-site request (Origin / X-CSRF-Token)",
  "404": "Unknown person or route",
  "409": "Conflict, e.g. an account that is already linked",
  "415": "A state-changing request that is not Content-Type: application/json",
};

function operation(route: RouteDoc) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
    ...(name === "person"
      ? {
          description:
            "A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded)",
        }
      : {}),
  }));
  const queryParams = route.query
    ? Object.entries(route.query.shape).map(([name, field]) => ({
        name,
        in: "query",
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: json(field as z.ZodType, "input"),
      }))
    : [];
  const content =
    typeof route.response === "string"
      ? { [route.response]: { schema: { type: "string" } } }
      : { "application/json": { schema: json(route.response, "output") } };
  const errors = Object.fromEntries(
    Object.entries(ERRORS).map(([status, description]) => [
      status,
      { description, content: { "application/json": { schema: json(ZErrorOut, "output") } } },
    ]),
  );
  return {
    summary: route.summary,
    "x-access": route.access,
    ...(route.access === "public" ? { security: [] } : {}),
    ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: json(route.body, "input") } },
          },
        }
      : {}),
    responses: { [String(route.status ?? 200)]: { description: "OK", content }, ...errors },
  };
}

/** The admin API as OpenAPI 3.1, from the same zod schemas the routes validate with and answer in. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Presence bridge admin API",
      version: "2.0.0",
      description:
        "Everything the admin UI does. Scripts send the bearer token ADMIN_API_TOKEN; browsers sign in (Microsoft or Slack) and send X-CSRF-Token on every state-changing request. Errors are `{ error, message }` with closed codes: invalid_input, unauthorized, forbidden, not_found, conflict, rate_limited, internal.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "presence_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
