import { timingSafeEqual } from "node:crypto";

import { isStorableText } from "@presence/core";
import type { DbClient, GraphSubscription } from "@presence/db";
import { addJob } from "@presence/pipeline";
import type { Logger, Metrics } from "@presence/telemetry";
import express, { type Request, type Response, type Router } from "express";

import type { GraphMetrics } from "../client/graph-metrics.ts";
import { TEAMS_TASKS, chainKeys, subscriptionQueue } from "../jobs/job-chains.ts";
import { requestPresenceFetches } from "../store/presence-fetches.ts";
import { findSubscriptionsByIds } from "../store/subscription-rows.ts";
import {
  ZChangeNotification,
  ZLifecycleNotification,
  ZNotificationCollection,
  itemsOf,
  notifiedUserId,
  type ChangeNotification,
  type LifecycleNotification,
} from "./notification-payloads.ts";
import { LIFECYCLE_PATH, NOTIFICATION_PATH, hashClientState } from "./subscription-manager.ts";

/** Notifications arriving within this are read together (one getPresencesByUserId per 650 people). */
export const FETCH_BATCH_MS = 250;
const MAX_VALIDATION_TOKEN = 2048;

export interface NotificationRoutesDeps {
  db: DbClient;
  logger: Logger;
  metrics: Metrics;
  graphMetrics: GraphMetrics;
  now: () => number;
}

/**
 * Graph's webhooks: the validation handshake (echo the decoded validationToken as text/plain within
 * 10 s) on both URLs, and notifications, which are verified — a known subscription, its tenant, the
 * clientState compared with the stored hash in constant time, a person the subscription watches —
 * then only stored as work (a presence fetch or a lifecycle job) before answering 202, well within
 * Graph's 3 s. Items that fail a check, or are of a kind not known here, are dropped and counted
 * (presence_graph_notifications_total{result="rejected"}) and the answer is still 202: Graph counts
 * every non-2xx against the endpoint and throttles it. A body that is no notification batch at all gets
 * 400 (Graph never sends one). When storing fails the answer is 500, so Graph delivers again.
 */
export function notificationRoutes(deps: NotificationRoutesDeps): Router {
  const router = express.Router();
  const json = express.json({ limit: "1mb", type: ["application/json", "application/*+json", "text/json"] });

  router.post(NOTIFICATION_PATH, handshake, json, async (req, res) => {
    const parsed = ZNotificationCollection.safeParse(req.body);
    if (!parsed.success) return reject(res, deps, "change", 400, "not a notification collection");
    const { items } = itemsOf(ZChangeNotification, parsed.data.value);
    const verified = await verify(deps.db, items);
    const accepted = verified.flatMap(({ item, subscription }) => {
      const userId = notifiedUserId(item);
      return userId && subscription.userIds.includes(userId) && item.changeType.split(",").includes("updated")
        ? [{ tenantId: subscription.tenantId, userId }]
        : [];
    });
    count(deps, "change", accepted.length, parsed.data.value.length - accepted.length);
    if (accepted.length === 0) return dropAll(res, deps, "change");
    await store(res, deps, async (tx) => {
      for (const tenantId of new Set(accepted.map((a) => a.tenantId))) {
        const ids = [...new Set(accepted.filter((a) => a.tenantId === tenantId).map((a) => a.userId))];
        await requestPresenceFetches(tx, tenantId, ids);
        await addJob(
          tx,
          TEAMS_TASKS.fetch,
          { tenantId },
          {
            jobKey: chainKeys.fetch(tenantId),
            jobKeyMode: "preserve_run_at",
            runAt: new Date(deps.now() + FETCH_BATCH_MS),
            maxAttempts: 10,
          },
        );
      }
    });
  });

  router.post(LIFECYCLE_PATH, handshake, json, async (req, res) => {
    const parsed = ZNotificationCollection.safeParse(req.body);
    if (!parsed.success) return reject(res, deps, "lifecycle", 400, "not a notification collection");
    const { items } = itemsOf(ZLifecycleNotification, parsed.data.value);
    const verified = await verify(deps.db, items);
    count(deps, "lifecycle", verified.length, parsed.data.value.length - verified.length);
    if (verified.length === 0) return dropAll(res, deps, "lifecycle");
    await store(res, deps, async (tx) => {
      for (const { item, subscription } of verified) {
        await addJob(
          tx,
          TEAMS_TASKS.lifecycle,
          { tenantId: subscription.tenantId, subscriptionId: subscription.id, event: item.lifecycleEvent },
          { queueName: subscriptionQueue(subscription.tenantId), maxAttempts: 5 },
        );
      }
    });
  });

  router.use(
    [NOTIFICATION_PATH, LIFECYCLE_PATH],
    (error: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: unknown) => {
      void _next;
      // body-parser's errors (malformed JSON, too large) carry a type and a 4xx status.
      if (error.type && error.status && error.status < 500)
        return reject(res, deps, "change", error.status, `unreadable body: ${error.message}`);
      deps.logger.error({ err: error }, "could not handle a Graph notification; Graph will deliver it again");
      res.status(500).end();
    },
  );
  return router;
}

/** Answers Graph's validation request: the URL-decoded token, as plain text, unchanged. */
function handshake(req: Request, res: Response, next: () => void): void {
  const token = req.query.validationToken;
  if (token === undefined) return next();
  if (typeof token !== "string" || token.length > MAX_VALIDATION_TOKEN) {
    res.status(400).type("text/plain").send("invalid validationToken");
    return;
  }
  res.status(200).set("X-Content-Type-Options", "nosniff").type("text/plain").send(token);
}

interface Verified<T> {
  item: T;
  subscription: GraphSubscription;
}

/**
 * Items whose subscription the bridge holds, in the same tenant, with the right clientState. An id
 * with a NUL character or a lone surrogate names no subscription (and Postgres, or Prisma's engine,
 * refuses to compare one): it is not looked up.
 */
async function verify<T extends ChangeNotification | LifecycleNotification>(
  db: DbClient,
  items: readonly T[],
): Promise<Verified<T>[]> {
  const ids = [...new Set(items.map((item) => item.subscriptionId.toLowerCase()).filter(isStorableText))];
  const subscriptions = await findSubscriptionsByIds(db, ids);
  const byId = new Map(subscriptions.map((s) => [s.id.toLowerCase(), s]));
  return items.flatMap((item) => {
    const subscription = byId.get(item.subscriptionId.toLowerCase());
    if (!subscription) return [];
    if (subscription.tenantId.toLowerCase() !== item.tenantId.toLowerCase()) return [];
    return sameClientState(item.clientState ?? "", subscription.clientStateHash)
      ? [{ item, subscription }]
      : [];
  });
}

/** Constant-time comparison of a received clientState with the stored SHA-256. */
export function sameClientState(received: string, storedHash: string): boolean {
  const given = Buffer.from(hashClientState(received), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

async function store(
  res: Response,
  deps: NotificationRoutesDeps,
  work: (tx: Parameters<Parameters<DbClient["$transaction"]>[0]>[0]) => Promise<void>,
): Promise<void> {
  try {
    await deps.db.$transaction(work);
    deps.metrics.inbound.inc({ source: "graph:notification", result: "enqueued" });
    res.status(202).end();
  } catch (error) {
    deps.logger.error({ err: error }, "could not store a Graph notification; Graph will deliver it again");
    res.status(500).end();
  }
}

function count(deps: NotificationRoutesDeps, kind: string, accepted: number, rejected: number): void {
  if (accepted > 0) deps.graphMetrics.notifications.inc({ kind, result: "accepted" }, accepted);
  if (rejected > 0) deps.graphMetrics.notifications.inc({ kind, result: "rejected" }, rejected);
}

/** Nothing in the batch was valid: nothing is stored, the items are counted, Graph gets its 202. */
function dropAll(res: Response, deps: NotificationRoutesDeps, kind: string): void {
  deps.metrics.inbound.inc({ source: `graph:${kind}`, result: "rejected" });
  deps.logger.warn({ kind }, "Graph notification dropped: no valid item in the batch");
  res.status(202).end();
}

function reject(
  res: Response,
  deps: NotificationRoutesDeps,
  kind: string,
  status: number,
  why: string,
): void {
  deps.metrics.inbound.inc({ source: `graph:${kind}`, result: "rejected" });
  deps.logger.warn({ status, kind }, `Graph notification refused: ${why}`);
  res.status(status).end();
}
