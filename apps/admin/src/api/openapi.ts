import { z } from "zod";

import {
  ZCreateLinkBody,
  ZEventsQuery,
  ZListLinksQuery,
  ZPauseBody,
  ZRulesBody,
  ZSettingsPatch,
} from "./api-schemas.ts";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const PERSON = {
  name: "person",
  in: "path",
  required: true,
  description:
    "A link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id (URL-encoded)",
  schema: { type: "string" },
};

const ERRORS = {
  "400": { description: 'Invalid input: `{ error: "invalid_input", message }` naming each bad field' },
  "401": {
    description: "Missing or wrong bearer token (ADMIN_API_TOKEN), or a non-local caller without one",
  },
  "404": { description: "Unknown person or route" },
  "409": { description: "Conflict, e.g. an account that is already linked" },
};

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: json(field as z.ZodType),
  }));
}

function body(schema: z.ZodType) {
  return { required: true, content: { "application/json": { schema: json(schema) } } };
}

const ok = (description: string) => ({
  "200": { description, content: { "application/json": { schema: { type: "object" } } } },
});

/** The admin API as OpenAPI 3.1; request schemas come from the same zod schemas the routes validate with. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Presence bridge admin API",
      version: "1.0.0",
      description:
        "Everything the admin UI does. Bearer token ADMIN_API_TOKEN; without it only local callers are served. Errors are `{ error, message }` with closed error codes.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/api/links": {
        get: {
          summary: "List links and their state",
          parameters: queryParameters(ZListLinksQuery),
          responses: { ...ok("`{ links }`"), ...ERRORS },
        },
        post: {
          summary: "Link a Slack account and a Microsoft account (by ids, or both found by e-mail)",
          requestBody: body(ZCreateLinkBody),
          responses: { "201": { description: "`{ link }`" }, ...ERRORS },
        },
      },
      "/api/links/{person}": {
        get: { summary: "One link", parameters: [PERSON], responses: { ...ok("`{ link }`"), ...ERRORS } },
        delete: {
          summary: "Unlink a person and delete their tokens",
          parameters: [PERSON],
          responses: { ...ok("`{ unlinked }`"), ...ERRORS },
        },
      },
      "/api/links/{person}/state": {
        get: {
          summary:
            "Live mirrored state: each side as observed, the person's own state, and what the bridge holds, wrote and is writing",
          parameters: [PERSON],
          responses: { ...ok("`{ link, policy, slack, teams }`"), ...ERRORS },
        },
      },
      "/api/links/{person}/events": {
        get: {
          summary: "Why did my status change? The person's sync events, newest first",
          parameters: [PERSON, ...queryParameters(ZEventsQuery)],
          responses: { ...ok("`{ events }`"), ...ERRORS },
        },
      },
      "/api/links/{person}/pause": {
        post: {
          summary: "Pause mirroring (for a while, until a time, or until resumed)",
          parameters: [PERSON],
          requestBody: body(ZPauseBody),
          responses: { ...ok("`{ link }`"), ...ERRORS },
        },
      },
      "/api/links/{person}/resume": {
        post: {
          summary: "Resume mirroring",
          parameters: [PERSON],
          responses: { ...ok("`{ link }`"), ...ERRORS },
        },
      },
      "/api/settings": {
        get: { summary: "Organisation settings", responses: { ...ok("`{ settings }`"), ...ERRORS } },
        patch: {
          summary: "Change some settings (the rest stay as they are)",
          requestBody: body(ZSettingsPatch),
          responses: { ...ok("`{ settings }`"), ...ERRORS },
        },
      },
      "/api/rules": {
        get: {
          summary: "The mapping rules in force (highest version)",
          responses: { ...ok("`{ version, rules, comment, createdBy, createdAt }`"), ...ERRORS },
        },
        post: {
          summary: "Store a new version of the rules (validated; in force at once)",
          requestBody: body(ZRulesBody),
          responses: { "201": { description: "The new version" }, ...ERRORS },
        },
      },
      "/api/rules/versions": {
        get: { summary: "Every version of the rules", responses: { ...ok("`{ versions }`"), ...ERRORS } },
      },
      "/api/health": {
        get: {
          summary: "Links by status, queue backlog, failures in the last 24 h, Graph subscriptions",
          responses: { ...ok("Health summary"), ...ERRORS },
        },
      },
      "/api/audit": {
        get: {
          summary: "Recent sync and admin events of everyone, newest first",
          parameters: queryParameters(ZEventsQuery),
          responses: { ...ok("`{ events }`"), ...ERRORS },
        },
      },
      "/api/openapi.json": {
        get: { summary: "This document", security: [], responses: ok("OpenAPI 3.1 document") },
      },
    },
  };
}
