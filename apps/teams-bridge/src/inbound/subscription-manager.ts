import { createHash, randomBytes } from "node:crypto";

import { BridgeError, isBridgeError } from "@presence/core";
import type { GraphServiceAccount, GraphSubscription } from "@presence/db";
import { z } from "zod";

import { linkedPeople, readModeOf } from "./watched-people.ts";
import {
  assignServiceAccountPeople,
  deleteSubscriptionsOfInactiveAccounts,
  findAccountSubscription,
  forgetSubscription,
  getServiceAccount,
  getSubscription,
  listActiveServiceAccounts,
  listTenantSubscriptions,
  markServiceAccountNeedsReauth,
  recordSubscriptionSeen,
  saveNewSubscription,
} from "../store/subscription-rows.ts";
import type { TeamsContext } from "../teams-context.ts";
import { assignBlocks, sameMembers } from "./assign-blocks.ts";
import { ServiceAccountSession } from "./service-account-session.ts";

/** A subscription as Graph returns it (only what the bridge uses). */
const ZGraphSubscription = z.object({
  id: z.string().min(1),
  resource: z.string().optional(),
  expirationDateTime: z.string().min(1),
});
const ZGraphSubscriptionList = z.object({ value: z.array(ZGraphSubscription) });

export const NOTIFICATION_PATH = "/graph/notifications";
export const LIFECYCLE_PATH = "/graph/lifecycle";

/** SHA-256 (hex) of a clientState: what the store keeps instead of the secret. */
export function hashClientState(clientState: string): string {
  return createHash("sha256").update(clientState, "utf8").digest("hex");
}

/** `/communications/presences?$filter=id in ('…','…')` for a block of at most 650 people. */
export function presenceResource(userIds: readonly string[]): string {
  return `/communications/presences?$filter=id in (${userIds.map((id) => `'${id}'`).join(",")})`;
}

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

/** The manager needs the whole context (store, Graph, settings, clock, wake-ups). */
export type SubscriptionManagerDeps = TeamsContext;

/**
 * Notify mode: each active service account holds one presence subscription for its block of people.
 * Each run assigns the linked people to accounts, then per account creates the subscription (random
 * clientState, only its hash stored; Graph runs the validation handshake on both URLs), renews it
 * once GRAPH_SUBSCRIPTION_RENEW_FRACTION of the lifetime Graph granted has passed, and GETs it every
 * GRAPH_SUBSCRIPTION_CHECK_INTERVAL_SECONDS, because Graph deletes subscriptions without an event; a
 * missing subscription is recreated. An account whose grant stopped working is marked needs_reauth
 * and its people fall back to polling until an admin signs it in again.
 */
export class SubscriptionManager {
  readonly #sessions = new Map<string, { homeAccountId: string; session: ServiceAccountSession }>();
  #warnedNoUrl = false;

  constructor(private readonly deps: SubscriptionManagerDeps) {}

  /** One run for the tenant; returns when the next run is due (epoch ms). */
  async maintain(tenantId: string): Promise<number> {
    const { db, settings } = this.deps;
    const { timing } = settings;
    const now = this.deps.now();
    const mode = await readModeOf(db, tenantId, settings.defaultReadMode);
    if (mode === "notify" && !settings.publicBaseUrl && !this.#warnedNoUrl) {
      this.#warnedNoUrl = true;
      this.deps.logger.warn(
        "notify mode needs PUBLIC_BASE_URL (Graph posts notifications there): polling instead",
      );
    }
    if (mode !== "notify" || !settings.publicBaseUrl) {
      await this.teardown(tenantId);
      return now + timing.subscriptionCheckIntervalMs;
    }

    await this.dropSubscriptionsOfInactiveAccounts(tenantId);
    const accounts = await listActiveServiceAccounts(db, tenantId);
    const { blocks, fallback } = assignBlocks(accounts, await linkedPeople(db, tenantId));
    let next = now + timing.subscriptionCheckIntervalMs;
    let covered = 0;
    for (const account of accounts) {
      const block = blocks.get(account.userId) ?? [];
      if (!sameMembers(account.userIds, block) || account.userIds.length !== block.length)
        await assignServiceAccountPeople(db, account.id, block);
      try {
        const due = await this.maintainAccount(account, block);
        next = Math.min(next, due);
        if (due !== Number.POSITIVE_INFINITY) covered += block.length;
      } catch (error) {
        next = Math.min(next, await this.failed(account, error));
      }
    }
    this.deps.graph.metrics.watched.set({ path: "subscription" }, covered);
    if (fallback.length > 0)
      this.deps.logger.debug(
        { people: fallback.length },
        "people beyond the service accounts' room are polled",
      );
    return next;
  }

  /** Handles one lifecycle notification (already verified by the receiver). */
  async lifecycle(tenantId: string, subscriptionId: string, event: LifecycleEvent): Promise<void> {
    const { db, logger } = this.deps;
    const subscription = await getSubscription(db, subscriptionId);
    if (!subscription || subscription.tenantId !== tenantId) return;
    if (event === "missed") {
      await this.deps.wake("read", tenantId);
      return;
    }
    if (event === "subscriptionRemoved") {
      await forgetSubscription(db, subscriptionId);
      await this.deps.wake("subscriptions", tenantId);
      return;
    }
    const account = await getServiceAccount(db, tenantId, subscription.accountUserId);
    if (!account || account.status !== "active") return;
    const session = this.session(account);
    // Reauthorize with a token fetched now: one issued before a revocation does not count.
    session.forceRefresh();
    try {
      await this.renew(session, subscription, "reauthorize");
      logger.info({ subscriptionId }, "subscription reauthorized");
    } catch (error) {
      if (isBridgeError(error, "not_found")) {
        await forgetSubscription(db, subscriptionId);
        await this.deps.wake("subscriptions", tenantId);
        return;
      }
      await this.failed(account, error);
    }
  }

  /** Deletes every subscription of the tenant (read mode switched to poll). */
  async teardown(tenantId: string): Promise<void> {
    const { db } = this.deps;
    for (const subscription of await listTenantSubscriptions(db, tenantId)) {
      const account = await getServiceAccount(db, tenantId, subscription.accountUserId);
      if (account?.status === "active") await this.remove(this.session(account), subscription);
      else await forgetSubscription(db, subscription.id);
    }
  }

  private async maintainAccount(account: GraphServiceAccount, block: readonly string[]): Promise<number> {
    const { db, settings } = this.deps;
    const checkMs = settings.timing.subscriptionCheckIntervalMs;
    const session = this.session(account);
    let subscription = await findAccountSubscription(db, account);
    if (block.length === 0) {
      if (subscription) await this.remove(session, subscription);
      return Number.POSITIVE_INFINITY;
    }
    if (subscription && !sameMembers(subscription.userIds, block)) {
      await this.remove(session, subscription);
      subscription = null;
    }
    const now = this.deps.now();
    if (subscription && subscription.expiresAt.getTime() <= now) {
      await forgetSubscription(db, subscription.id);
      subscription = null;
    }
    if (!subscription) subscription = await this.create(session, account, block);
    else if (now >= this.renewAt(subscription))
      subscription = await this.renewOrRecreate(session, account, subscription, block);
    else if (now >= (subscription.lastCheckedAt ?? subscription.grantedAt).getTime() + checkMs)
      subscription = await this.check(session, account, subscription, block);
    return Math.min(
      this.renewAt(subscription),
      (subscription.lastCheckedAt ?? subscription.grantedAt).getTime() + checkMs,
    );
  }

  /** Renewal time: GRAPH_SUBSCRIPTION_RENEW_FRACTION of the way from the grant to the granted expiry. */
  renewAt(subscription: Pick<GraphSubscription, "grantedAt" | "expiresAt">): number {
    const granted = subscription.grantedAt.getTime();
    const lifetime = subscription.expiresAt.getTime() - granted;
    return granted + Math.max(0, lifetime) * this.deps.settings.timing.subscriptionRenewFraction;
  }

  private async create(
    session: ServiceAccountSession,
    account: GraphServiceAccount,
    block: readonly string[],
  ): Promise<GraphSubscription> {
    const { db, settings, graph } = this.deps;
    const base = settings.publicBaseUrl ?? "";
    const clientState = randomBytes(48).toString("base64url");
    const body = {
      changeType: "updated",
      notificationUrl: `${base}${NOTIFICATION_PATH}`,
      lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}`,
      resource: presenceResource(block),
      expirationDateTime: this.expiry(),
      clientState,
      latestSupportedTlsVersion: "v1_2",
    };
    const post = () =>
      session.call("create subscription", (client) => client.api("/subscriptions").post(body));
    let answer: unknown;
    try {
      answer = await post();
    } catch (error) {
      if (!isBridgeError(error, "conflict")) throw this.count("create", error);
      // One presence subscription per user per app: one we lost track of is in the way.
      await this.removeStrays(session);
      answer = await post().catch((again: unknown) => {
        throw this.count("create", again);
      });
    }
    const created = ZGraphSubscription.parse(answer);
    graph.metrics.subscriptions.inc({ operation: "create", outcome: "done" });
    const now = new Date();
    const row = await saveNewSubscription(db, {
      id: created.id,
      tenantId: account.tenantId,
      accountUserId: account.userId,
      resource: body.resource,
      userIds: [...block],
      clientStateHash: hashClientState(clientState),
      expiresAt: new Date(Date.parse(created.expirationDateTime)),
      grantedAt: now,
      lastCheckedAt: now,
    });
    this.deps.logger.info(
      {
        subscriptionId: row.id,
        account: account.userPrincipalName,
        people: block.length,
        expiresAt: row.expiresAt,
      },
      "presence subscription created",
    );
    return row;
  }

  private async renewOrRecreate(
    session: ServiceAccountSession,
    account: GraphServiceAccount,
    subscription: GraphSubscription,
    block: readonly string[],
  ): Promise<GraphSubscription> {
    try {
      return await this.renew(session, subscription, "renew");
    } catch (error) {
      if (!isBridgeError(error, "not_found")) throw error;
      return this.recreate(account, subscription, block, "renewal found it gone");
    }
  }

  private async renew(
    session: ServiceAccountSession,
    subscription: GraphSubscription,
    operation: "renew" | "reauthorize",
  ): Promise<GraphSubscription> {
    let answer: unknown;
    try {
      // A PATCH of the expiry renews and reauthorizes.
      answer = await session.call(`${operation} subscription`, (client) =>
        client.api(`/subscriptions/${subscription.id}`).patch({ expirationDateTime: this.expiry() }),
      );
    } catch (error) {
      throw this.count(operation, error);
    }
    const renewed = ZGraphSubscription.parse(answer);
    this.deps.graph.metrics.subscriptions.inc({ operation, outcome: "done" });
    const now = new Date();
    return recordSubscriptionSeen(this.deps.db, subscription.id, {
      expiresAt: new Date(Date.parse(renewed.expirationDateTime)),
      grantedAt: now,
      lastCheckedAt: now,
    });
  }

  private async check(
    session: ServiceAccountSession,
    account: GraphServiceAccount,
    subscription: GraphSubscription,
    block: readonly string[],
  ): Promise<GraphSubscription> {
    let answer: unknown;
    try {
      answer = await session.call("check subscription", (client) =>
        client.api(`/subscriptions/${subscription.id}`).get(),
      );
    } catch (error) {
      if (!isBridgeError(error, "not_found")) throw this.count("check", error);
      this.deps.graph.metrics.subscriptions.inc({ operation: "check", outcome: "gone" });
      return this.recreate(account, subscription, block, "the periodic check found it gone");
    }
    const seen = ZGraphSubscription.parse(answer);
    this.deps.graph.metrics.subscriptions.inc({ operation: "check", outcome: "done" });
    return recordSubscriptionSeen(this.deps.db, subscription.id, {
      expiresAt: new Date(Date.parse(seen.expirationDateTime)),
      lastCheckedAt: new Date(),
    });
  }

  /** Graph deleted it without telling: a new one, and a reconciliation read for what was missed. */
  private async recreate(
    account: GraphServiceAccount,
    subscription: GraphSubscription,
    block: readonly string[],
    why: string,
  ): Promise<GraphSubscription> {
    this.deps.logger.warn({ subscriptionId: subscription.id }, `subscription lost (${why}): recreating it`);
    await forgetSubscription(this.deps.db, subscription.id);
    const created = await this.create(this.session(account), account, block);
    this.deps.graph.metrics.subscriptions.inc({ operation: "recreate", outcome: "done" });
    await this.deps.wake("read", account.tenantId);
    return created;
  }

  private async remove(session: ServiceAccountSession, subscription: GraphSubscription): Promise<void> {
    try {
      await session.call("delete subscription", (client) =>
        client.api(`/subscriptions/${subscription.id}`).delete(),
      );
      this.deps.graph.metrics.subscriptions.inc({ operation: "delete", outcome: "done" });
    } catch (error) {
      if (!isBridgeError(error, "not_found"))
        this.deps.logger.warn(
          { subscriptionId: subscription.id, err: error },
          "could not delete a subscription",
        );
    }
    await forgetSubscription(this.deps.db, subscription.id);
  }

  /** Deletes the account's presence subscriptions the store does not know (after a 409 on create). */
  private async removeStrays(session: ServiceAccountSession): Promise<void> {
    const listed = ZGraphSubscriptionList.parse(
      await session.call("list subscriptions", (client) => client.api("/subscriptions").get()),
    );
    for (const stray of listed.value.filter((s) => /communications\/presences/i.test(s.resource ?? ""))) {
      await session.call("delete subscription", (client) =>
        client.api(`/subscriptions/${stray.id}`).delete(),
      );
      await forgetSubscription(this.deps.db, stray.id);
    }
  }

  /** Rows of accounts that are no longer active go; their people are polled (or reassigned). */
  private async dropSubscriptionsOfInactiveAccounts(tenantId: string): Promise<void> {
    await deleteSubscriptionsOfInactiveAccounts(this.deps.db, tenantId);
  }

  /** What a failed account operation means for the account; returns when to try again. */
  private async failed(account: GraphServiceAccount, thrown: unknown): Promise<number> {
    const error = BridgeError.from(thrown);
    const { db, logger, settings } = this.deps;
    if (error.code === "auth_revoked" || error.code === "missing_permission") {
      await markServiceAccountNeedsReauth(db, account, error.message);
      this.#sessions.delete(account.id);
      logger.error(
        { account: account.userPrincipalName, code: error.code },
        "a service account must be signed in again; its people are polled meanwhile",
      );
      return this.deps.now() + 1000;
    }
    logger.warn(
      { account: account.userPrincipalName, code: error.code, err: error.message },
      "subscription upkeep failed",
    );
    if (error.code === "rate_limited") return this.deps.now() + (error.retryAfterMs ?? 30_000);
    return this.deps.now() + Math.min(settings.timing.subscriptionCheckIntervalMs, 30_000);
  }

  private count(operation: string, error: unknown): unknown {
    const code = error instanceof BridgeError ? error.code : "internal";
    this.deps.graph.metrics.subscriptions.inc({ operation, outcome: code });
    return error;
  }

  private expiry(): string {
    return new Date(
      this.deps.now() + this.deps.settings.timing.subscriptionLifetimeMinutes * 60_000,
    ).toISOString();
  }

  private session(account: GraphServiceAccount): ServiceAccountSession {
    const cached = this.#sessions.get(account.id);
    if (cached && cached.homeAccountId === account.homeAccountId) return cached.session;
    const session = new ServiceAccountSession(this.deps.graph, this.deps.db, this.deps.ring, account);
    this.#sessions.set(account.id, { homeAccountId: account.homeAccountId, session });
    return session;
  }
}
