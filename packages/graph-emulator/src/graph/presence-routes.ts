import express from "express";
import type { EmulatorCore } from "../core.ts";
import type { DirectoryUser } from "../directory/directory.ts";
import type { Principal } from "../entra/token-issuer.ts";
import { logFacts } from "../http-context.ts";
import { isGuid } from "../ids.ts";
import { scaleClientDuration } from "../options.ts";
import { dateTimeTimeZoneToEpochMs } from "../presence/date-time-time-zone.ts";
import { parseIsoDuration } from "../presence/iso-duration.ts";
import { presenceResource } from "../presence/presence-view.ts";
import {
  canonicalActivity,
  canonicalAvailability,
  isPairIn,
  PREFERRED_PRESENCE_PAIRS,
  SET_PRESENCE_PAIRS,
  type PresencePair,
} from "../presence/vocabulary.ts";
import {
  clearPresenceBodySchema,
  getPresencesByUserIdBodySchema,
  setPresenceBodySchema,
  setStatusMessageBodySchema,
  setUserPreferredPresenceBodySchema,
} from "../schemas/presence-schemas.ts";
import { GraphError, sendEmptyOk, sendGraphJson } from "./graph-errors.ts";
import { graphRoute, parseBody, type GraphCall } from "./graph-route.ts";
import { requirePermission } from "./permissions.ts";

/** The 650-id cap of getPresencesByUserId and of bulk presence subscriptions (reference §2.2, §4.1). */
export const MAX_PRESENCE_IDS = 650;

const MIN_SESSION_MS = 5 * 60_000;
const MAX_SESSION_MS = 4 * 3_600_000;

function findUser(core: EmulatorCore, principal: Principal, id: string): DirectoryUser {
  const user = core.directory.findUser(principal.tenantId, id);
  if (!user) throw new GraphError(404, "NotFound", `The requested user '${id}' is invalid.`);
  return user;
}

function readPair(
  input: { availability: string; activity: string },
  allowed: readonly PresencePair[],
  action: string,
): PresencePair {
  const availability = canonicalAvailability(input.availability);
  const activity = canonicalActivity(input.activity);
  if (!availability || !activity || !isPairIn(allowed, { availability, activity })) {
    throw new GraphError(
      400,
      "BadRequest",
      `${action}: the combination availability '${input.availability}' / activity '${input.activity}' is not supported.`,
    );
  }
  return { availability, activity };
}

function isSelf(principal: Principal, userId: string): boolean {
  return principal.kind === "delegated" && principal.userId.toLowerCase() === userId.toLowerCase();
}

function readOne({ req, res, principal, core }: GraphCall, userId: string, context: string): void {
  const user = findUser(core, principal, userId);
  requirePermission(principal, "presence.read", user.id);
  const snapshot = core.presence.read(user.id);
  sendGraphJson(
    res,
    200,
    presenceResource(snapshot, {
      self: isSelf(principal, user.id),
      context: `https://${req.header("host")}/v1.0/$metadata#${context}`,
    }),
  );
}

/** sessionId must be the calling app's client id (reference §3.1 "Provide the ID of the application as sessionId"). */
function checkSessionId(principal: Principal, sessionId: string): void {
  if (sessionId.toLowerCase() !== principal.appId.toLowerCase()) {
    throw new GraphError(
      400,
      "BadRequest",
      `The sessionId '${sessionId}' must be the application id of the caller ('${principal.appId}').`,
    );
  }
}

export function presenceRoutes(core: EmulatorCore) {
  const router = express.Router();

  router.get(
    "/me/presence",
    graphRoute(core, "presence-read", (call) => {
      if (call.principal.kind !== "delegated")
        throw new GraphError(
          400,
          "BadRequest",
          "/me request is only valid with delegated authentication flow.",
        );
      readOne(call, call.principal.userId, "users('" + call.principal.userId + "')/presence/$entity");
    }),
  );

  router.get(
    "/users/:id/presence",
    graphRoute(core, "presence-read", (call) => {
      readOne(call, String(call.req.params.id), `users('${String(call.req.params.id)}')/presence/$entity`);
    }),
  );

  router.get(
    "/communications/presences/:id",
    graphRoute(core, "presence-read", (call) => {
      readOne(call, String(call.req.params.id), "communications/presences/$entity");
    }),
  );

  router.post(
    "/communications/getPresencesByUserId",
    graphRoute(core, "presence-read", ({ req, res, principal }) => {
      requirePermission(principal, "presence.readMany");
      const { ids } = parseBody(getPresencesByUserIdBodySchema, req.body);
      logFacts(res).subjects = ids.map((id) => id.toLowerCase());
      if (ids.length === 0)
        throw new GraphError(400, "BadRequest", "The ids list must contain at least one user id.");
      if (ids.length > MAX_PRESENCE_IDS)
        throw new GraphError(
          400,
          "BadRequest",
          `The number of user ids (${ids.length}) exceeds the maximum of ${MAX_PRESENCE_IDS}.`,
        );
      const invalid = ids.find((id) => !isGuid(id));
      if (invalid !== undefined)
        throw new GraphError(400, "BadRequest", `'${invalid}' is not a valid user object id (GUID).`);
      // Unknown ids are left out of the answer [inference: the docs do not say; see docs/emulators/graph.md].
      const value = [...new Set(ids.map((id) => id.toLowerCase()))]
        .map((id) => core.directory.findUser(principal.tenantId, id))
        .filter((user): user is DirectoryUser => user !== undefined)
        .map((user) => presenceResource(core.presence.read(user.id), { self: isSelf(principal, user.id) }));
      sendGraphJson(res, 200, {
        "@odata.context": `https://${req.header("host")}/v1.0/$metadata#Collection(microsoft.graph.presence)`,
        value,
      });
    }),
  );

  const action = (name: string, handler: (call: GraphCall, user: DirectoryUser) => void) =>
    router.post(
      `/users/:id/presence/${name}`,
      graphRoute(core, "presence-write", (call) => {
        const user = findUser(call.core, call.principal, String(call.req.params.id));
        requirePermission(call.principal, "presence.write", user.id);
        handler(call, user);
        sendEmptyOk(call.res);
      }),
    );

  action("setPresence", ({ req, principal }, user) => {
    const body = parseBody(setPresenceBodySchema, req.body);
    checkSessionId(principal, body.sessionId);
    const pair = readPair(body, SET_PRESENCE_PAIRS, "setPresence");
    let durationMs: number | undefined;
    if (body.expirationDuration !== undefined) {
      durationMs = parseIsoDuration(body.expirationDuration);
      if (durationMs === undefined || durationMs < MIN_SESSION_MS || durationMs > MAX_SESSION_MS) {
        throw new GraphError(
          400,
          "BadRequest",
          `expirationDuration '${body.expirationDuration}' must be an ISO 8601 duration from PT5M to PT4H.`,
        );
      }
    }
    const now = Date.now();
    const lifetime =
      durationMs === undefined
        ? core.config.sessionDefaultExpiryMs
        : scaleClientDuration(core.config, durationMs);
    core.presence.setSession(user.id, {
      sessionId: principal.appId,
      kind: "app",
      ...pair,
      lastSetAt: now,
      expiresAt: now + lifetime,
      fades: true,
    });
  });

  action("clearPresence", ({ req, principal }, user) => {
    const body = parseBody(clearPresenceBodySchema, req.body);
    checkSessionId(principal, body.sessionId);
    if (!core.presence.removeSession(user.id, principal.appId)) {
      throw new GraphError(
        404,
        "NotFound",
        `No presence session '${body.sessionId}' exists for user '${user.id}'.`,
      );
    }
  });

  action("setUserPreferredPresence", ({ req }, user) => {
    const body = parseBody(setUserPreferredPresenceBodySchema, req.body);
    const pair = readPair(body, PREFERRED_PRESENCE_PAIRS, "setUserPreferredPresence");
    let lifetime: number;
    if (body.expirationDuration !== undefined) {
      const ms = parseIsoDuration(body.expirationDuration);
      if (ms === undefined || ms <= 0)
        throw new GraphError(
          400,
          "BadRequest",
          `expirationDuration '${body.expirationDuration}' is not a valid ISO 8601 duration.`,
        );
      lifetime = scaleClientDuration(core.config, ms);
    } else {
      lifetime =
        pair.availability === "DoNotDisturb" || pair.availability === "Busy"
          ? core.config.preferredBusyExpiryMs
          : core.config.preferredOtherExpiryMs;
    }
    const now = Date.now();
    core.presence.setPreferred(user.id, { ...pair, setAt: now, expiresAt: now + lifetime });
  });

  action("clearUserPreferredPresence", (_call, user) => {
    core.presence.setPreferred(user.id, undefined);
  });

  action("setStatusMessage", ({ req }, user) => {
    const { statusMessage } = parseBody(setStatusMessageBodySchema, req.body);
    const contentType = (statusMessage.message.contentType ?? "text").toLowerCase();
    if (contentType !== "text")
      throw new GraphError(
        400,
        "BadRequest",
        "The only supported statusMessage.message.contentType is 'text'.",
      );
    if (statusMessage.message.content === "") {
      core.presence.setStatusMessage(user.id, undefined);
      return;
    }
    const now = Date.now();
    let expiresAt: number | undefined;
    if (statusMessage.expiryDateTime) {
      const at = dateTimeTimeZoneToEpochMs(statusMessage.expiryDateTime);
      if (at === undefined)
        throw new GraphError(
          400,
          "BadRequest",
          "statusMessage.expiryDateTime has an invalid dateTime or an unknown timeZone.",
        );
      expiresAt = now + scaleClientDuration(core.config, at - now);
    }
    core.presence.setStatusMessage(user.id, {
      content: statusMessage.message.content,
      contentType: "text",
      publishedAt: now,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(statusMessage.expiryDateTime ? { expiry: { ...statusMessage.expiryDateTime } } : {}),
    });
  });

  return router;
}
