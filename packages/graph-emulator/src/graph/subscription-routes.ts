import { X509Certificate } from "node:crypto";
import express, { type Request } from "express";
import type { z } from "zod";
import type { EmulatorCore } from "../core.ts";
import type { Principal } from "../entra/token-issuer.ts";
import { scaleClientDuration } from "../options.ts";
import {
  createSubscriptionBodySchema,
  updateSubscriptionBodySchema,
} from "../schemas/subscription-schemas.ts";
import type { DirectoryUser } from "../directory/directory.ts";
import { parseEventsResource } from "../subscriptions/events-resource.ts";
import { parsePresenceResource } from "../subscriptions/presence-resource.ts";
import { graphDateTime, type Subscription } from "../subscriptions/subscription-service.ts";
import { runValidationHandshake } from "../subscriptions/validation-handshake.ts";
import { GraphError, sendGraphJson } from "./graph-errors.ts";
import { graphRoute, parseBody } from "./graph-route.ts";
import { requirePermission } from "./permissions.ts";
import { MAX_PRESENCE_IDS } from "./presence-routes.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Subscription errors come back from Graph's extension layer in this form (field report, docs-contrib#2219). */
function extensionError(status: number, operation: string, statusName: string, reason: string): GraphError {
  return new GraphError(
    status,
    "ExtensionError",
    `Operation: ${operation}; Exception: [Status Code: ${statusName}; Reason: ${reason}]`,
  );
}

function subscriptionResource(subscription: Subscription, req: Request) {
  return {
    "@odata.context": `https://${req.header("host")}/v1.0/$metadata#subscriptions/$entity`,
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.applicationId,
    changeType: subscription.changeType,
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: graphDateTime(subscription.expiresAt),
    creatorId: subscription.creatorId,
    includeResourceData: subscription.includeResourceData,
    latestSupportedTlsVersion: subscription.latestSupportedTlsVersion,
    encryptionCertificate: subscription.encryptionCertificate,
    encryptionCertificateId: subscription.encryptionCertificateId,
    notificationUrlAppId: subscription.notificationUrlAppId,
  };
}

/** Graph demands https notification URLs; the emulator also takes http to loopback by default (docs/adr/0006). */
function checkUrl(core: EmulatorCore, url: string, field: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GraphError(400, "InvalidRequest", `The ${field} '${url}' is not a valid URL.`);
  }
  const allowed =
    parsed.protocol === "https:" ||
    (parsed.protocol === "http:" &&
      (core.config.allowHttpNotificationUrls === "any" ||
        (core.config.allowHttpNotificationUrls === "loopback" && LOOPBACK.has(parsed.hostname))));
  if (!allowed) throw new GraphError(400, "InvalidRequest", `The ${field} must be an HTTPS URL: '${url}'.`);
}

/**
 * Requested expiry → emulator expiry (reference §4.2): later than the maximum lifetime is refused, earlier than the
 * minimum is set to the minimum. The requested lifetime is a client duration and is scaled by timeScale.
 */
function lifetime(
  core: EmulatorCore,
  requested: string,
  operation: string,
  kind: Subscription["resourceKind"],
): number {
  const at = Date.parse(requested);
  if (Number.isNaN(at))
    throw new GraphError(400, "InvalidRequest", `expirationDateTime '${requested}' is not a valid date.`);
  const now = Date.now();
  const wanted = scaleClientDuration(core.config, at - now);
  const min = core.config.subscriptionMinLifetimeMs;
  // Outlook message/event/contact: 10,080 minutes (under 7 days) without resource data; presence: 60 minutes.
  const max =
    kind === "events" ? core.config.outlookSubscriptionMaxLifetimeMs : core.config.subscriptionMaxLifetimeMs;
  if (wanted > max) {
    throw extensionError(
      400,
      operation,
      "BadRequest",
      `Subscription expiration can only be ${Math.round(max / core.config.timeScale / 60_000)} minutes in the future.`,
    );
  }
  return now + Math.max(wanted, min);
}

async function handshake(core: EmulatorCore, url: string): Promise<void> {
  const result = await runValidationHandshake(url, {
    timeoutMs: core.config.validationTimeoutMs,
    ca: core.config.notificationCa,
    log: core.subscriptions.deliveriesLog,
    signal: core.subscriptions.signal,
  });
  if (!result.ok) throw new GraphError(400, "InvalidRequest", result.message);
}

function delegatedOnly(principal: Principal, operation: string): Extract<Principal, { kind: "delegated" }> {
  if (principal.kind !== "delegated") {
    throw extensionError(
      403,
      operation,
      "Forbidden",
      "Presence subscriptions need a delegated token (Presence.Read.All); application permissions are not supported.",
    );
  }
  requirePermission(principal, "subscriptions.presence");
  return principal;
}

/** Who may manage a subscription: presence ones need a delegated token; event ones Calendars.Read on the mailbox. */
function checkManager(principal: Principal, subscription: Subscription, operation: string): void {
  if (subscription.resourceKind === "presence") delegatedOnly(principal, operation);
  else requirePermission(principal, "subscriptions.events", subscription.userIds[0]);
}

/** A subscription this caller may see: same app and tenant; a delegated caller only its own. */
function owned(core: EmulatorCore, principal: Principal, id: string, operation: string): Subscription {
  const subscription = core.subscriptions.find(id);
  const visible =
    subscription &&
    subscription.tenantId === principal.tenantId &&
    subscription.applicationId === principal.appId &&
    (principal.kind === "app" || subscription.creatorId === principal.userId);
  if (!visible)
    throw extensionError(404, operation, "NotFound", `The object was not found: subscription '${id}'.`);
  return subscription;
}

/** A reauthorization after a revocation must use a token issued after it (the revoked grant's tokens do not count). */
function checkFreshToken(subscription: Subscription, principal: Principal, operation: string): void {
  const since = subscription.reauthorizationRequiredSince;
  if (since !== undefined && principal.issuedAt * 1000 < since - 999) {
    throw extensionError(
      403,
      operation,
      "Forbidden",
      "The token used predates the revocation of the user's grant; sign the user in again.",
    );
  }
}

type CreateBody = z.output<typeof createSubscriptionBodySchema>;

/** Checks every subscription shares: clientState, resource data (not emulated), URLs. */
function checkCommon(core: EmulatorCore, body: CreateBody): void {
  if (body.clientState && body.clientState.length > 128)
    throw new GraphError(400, "InvalidRequest", "clientState must be at most 128 characters.");
  if (body.includeResourceData) {
    if (!body.encryptionCertificate || !body.encryptionCertificateId) {
      throw new GraphError(
        400,
        "InvalidRequest",
        "encryptionCertificate and encryptionCertificateId are required when includeResourceData is true.",
      );
    }
    if (body.encryptionCertificateId.length > 128)
      throw new GraphError(400, "InvalidRequest", "encryptionCertificateId must be at most 128 characters.");
    try {
      new X509Certificate(Buffer.from(body.encryptionCertificate, "base64"));
    } catch {
      throw new GraphError(
        400,
        "InvalidRequest",
        "encryptionCertificate is not a base64-encoded X.509 certificate.",
      );
    }
    throw new GraphError(
      400,
      "InvalidRequest",
      "Rich notifications (includeResourceData) are not emulated; subscribe without resource data and read the resource.",
    );
  }
  checkUrl(core, body.notificationUrl, "notificationUrl");
  if (body.lifecycleNotificationUrl)
    checkUrl(core, body.lifecycleNotificationUrl, "lifecycleNotificationUrl");
}

async function validateUrls(core: EmulatorCore, body: CreateBody): Promise<void> {
  await handshake(core, body.notificationUrl);
  if (body.lifecycleNotificationUrl) await handshake(core, body.lifecycleNotificationUrl);
}

function common(body: CreateBody) {
  return {
    resource: body.resource,
    changeType: body.changeType,
    notificationUrl: body.notificationUrl,
    lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
    clientState: body.clientState ?? null,
    includeResourceData: false,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? "v1_2",
    notificationUrlAppId: body.notificationUrlAppId ?? null,
  };
}

const EVENT_CHANGE_TYPES = new Set(["created", "updated", "deleted"]);

/**
 * `/me/events` or `/users/{id}/events` (outlook-change-notifications-overview): Calendars.Read, delegated (own
 * mailbox only) or application; changeType any of created, updated, deleted; up to 10,080 minutes.
 */
async function createEventsSubscription(
  core: EmulatorCore,
  principal: Principal,
  body: CreateBody,
  target: { me: true } | { me: false; idOrUpn: string },
): Promise<Subscription> {
  if (target.me && principal.kind !== "delegated")
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  const idOrUpn = target.me ? (principal as { userId: string }).userId : target.idOrUpn;
  const mailbox: DirectoryUser | undefined = core.directory.findUser(principal.tenantId, idOrUpn);
  if (!mailbox)
    throw extensionError(404, "Create", "NotFound", `The requested user '${idOrUpn}' is invalid.`);
  requirePermission(principal, "subscriptions.events", mailbox.id);
  const changes = body.changeType.split(",").map((c) => c.trim());
  if (changes.some((c) => !EVENT_CHANGE_TYPES.has(c)))
    throw new GraphError(
      400,
      "InvalidRequest",
      `changeType '${body.changeType}' is not supported for events; use created, updated and/or deleted.`,
    );
  checkCommon(core, body);
  const expiresAt = lifetime(core, body.expirationDateTime, "Create", "events");
  await validateUrls(core, body);
  return core.subscriptions.create({
    ...common(body),
    tenantId: principal.tenantId,
    applicationId: principal.appId,
    resourceKind: "events",
    creatorId: principal.kind === "delegated" ? principal.userId : principal.appId,
    userIds: [mailbox.id.toLowerCase()],
    expiresAt,
  });
}

async function createPresenceSubscription(
  core: EmulatorCore,
  principal: Principal,
  body: CreateBody,
): Promise<Subscription> {
  const parsed = parsePresenceResource(body.resource);
  if (!parsed.ok) throw new GraphError(400, "InvalidRequest", parsed.reason);
  const caller = delegatedOnly(principal, "Create");
  if (parsed.userIds.length > MAX_PRESENCE_IDS) {
    throw new GraphError(
      400,
      "InvalidRequest",
      `A presence subscription can include at most ${MAX_PRESENCE_IDS} user ids; got ${parsed.userIds.length}.`,
    );
  }
  if (
    body.changeType
      .split(",")
      .map((c) => c.trim())
      .some((c) => c !== "updated")
  ) {
    throw new GraphError(
      400,
      "InvalidRequest",
      `changeType '${body.changeType}' is not supported for presence; only 'updated' is.`,
    );
  }
  checkCommon(core, body);
  const expiresAt = lifetime(core, body.expirationDateTime, "Create", "presence");
  const conflict = () => {
    if (core.subscriptions.existingFor(caller.tenantId, caller.appId, caller.userId)) {
      // Observed answer (docs-contrib#2219): 409 "A subscripton already exists. It must be deleted before a another can be made".
      throw extensionError(
        409,
        "Create",
        "Conflict",
        "A subscripton already exists. It must be deleted before a another can be made",
      );
    }
  };
  conflict();
  await validateUrls(core, body);
  conflict();
  return core.subscriptions.create({
    ...common(body),
    changeType: "updated",
    tenantId: caller.tenantId,
    applicationId: caller.appId,
    resourceKind: "presence",
    creatorId: caller.userId,
    userIds: parsed.userIds,
    expiresAt,
  });
}

export function subscriptionRoutes(core: EmulatorCore) {
  const router = express.Router();

  router.post(
    "/subscriptions",
    graphRoute(core, "subscriptions", async ({ req, res, principal }) => {
      const body = parseBody(createSubscriptionBodySchema, req.body);
      const events = parseEventsResource(body.resource);
      const subscription = events.ok
        ? await createEventsSubscription(core, principal, body, events.mailbox)
        : await createPresenceSubscription(core, principal, body);
      res.setHeader("Location", `https://${req.header("host")}/v1.0/subscriptions/${subscription.id}`);
      sendGraphJson(res, 201, subscriptionResource(subscription, req));
    }),
  );

  router.get(
    "/subscriptions",
    graphRoute(core, "subscriptions", ({ req, res, principal }) => {
      const list = core.subscriptions.list({
        tenantId: principal.tenantId,
        applicationId: principal.appId,
        ...(principal.kind === "delegated" ? { creatorId: principal.userId } : {}),
      });
      sendGraphJson(res, 200, {
        "@odata.context": `https://${req.header("host")}/v1.0/$metadata#subscriptions`,
        value: list.map((s) => {
          const { "@odata.context": _context, ...rest } = subscriptionResource(s, req);
          return rest;
        }),
      });
    }),
  );

  router.get(
    "/subscriptions/:id",
    graphRoute(core, "subscriptions", ({ req, res, principal }) => {
      sendGraphJson(
        res,
        200,
        subscriptionResource(owned(core, principal, String(req.params.id), "Get"), req),
      );
    }),
  );

  router.patch(
    "/subscriptions/:id",
    graphRoute(core, "subscriptions", async ({ req, res, principal }) => {
      const subscription = owned(core, principal, String(req.params.id), "Update");
      checkManager(principal, subscription, "Update");
      const body = parseBody(updateSubscriptionBodySchema, req.body);
      checkFreshToken(subscription, principal, "Update");
      const expiresAt =
        body.expirationDateTime === undefined
          ? undefined
          : lifetime(core, body.expirationDateTime, "Update", subscription.resourceKind);
      if (body.notificationUrl !== undefined && body.notificationUrl !== subscription.notificationUrl) {
        checkUrl(core, body.notificationUrl, "notificationUrl");
        await handshake(core, body.notificationUrl);
      }
      const updated = core.subscriptions.update(subscription.id, {
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(body.notificationUrl === undefined ? {} : { notificationUrl: body.notificationUrl }),
      });
      if (!updated)
        throw extensionError(
          404,
          "Update",
          "NotFound",
          `The object was not found: subscription '${subscription.id}'.`,
        );
      sendGraphJson(res, 200, subscriptionResource(updated, req));
    }),
  );

  router.delete(
    "/subscriptions/:id",
    graphRoute(core, "subscriptions", ({ req, res, principal }) => {
      const subscription = owned(core, principal, String(req.params.id), "Delete");
      core.subscriptions.delete(subscription.id);
      res.status(204).end();
    }),
  );

  router.post(
    "/subscriptions/:id/reauthorize",
    graphRoute(core, "subscriptions", ({ req, res, principal }) => {
      const subscription = owned(core, principal, String(req.params.id), "Reauthorize");
      checkManager(principal, subscription, "Reauthorize");
      checkFreshToken(subscription, principal, "Reauthorize");
      core.subscriptions.reauthorize(subscription.id);
      res.status(200).end();
    }),
  );

  return router;
}
