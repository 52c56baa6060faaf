import type { GrantStore } from "../entra/grant-store.ts";
import { newGuid } from "../ids.ts";
import type { EmulatorConfig } from "../options.ts";
import { eventEtag } from "../outlook/calendar-event.ts";
import type { CalendarStore, EventChange } from "../outlook/calendar-store.ts";
import type { PresenceSnapshot, PresenceStore } from "../presence/presence-store.ts";
import type { DeliveryLog } from "./delivery-log.ts";
import { outboundPost } from "./outbound-post.ts";

export interface Subscription {
  id: string;
  tenantId: string;
  applicationId: string;
  /** What is watched: presence (delegated only) or a mailbox's events (Outlook; delegated or application). */
  resourceKind: "presence" | "events";
  /** The signed-in user who created it, or the app's client id for an app-only (events) subscription. */
  creatorId: string;
  resource: string;
  /** Watched users (presence), or the one mailbox owner (events); lower-case object ids. */
  userIds: string[];
  /** As sent, comma-separated: `updated` for presence; any of `created,updated,deleted` for events. */
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
  includeResourceData: boolean;
  encryptionCertificate: string | null;
  encryptionCertificateId: string | null;
  latestSupportedTlsVersion: string;
  notificationUrlAppId: string | null;
  createdAt: number;
  /** Set when the creator's grant was revoked: notifications are held until the app reauthorizes. */
  reauthorizationRequiredSince?: number;
}

/** The name this type had when only presence could be subscribed to. */
export type PresenceSubscription = Subscription;

/** `2023-09-14T10:00:00.0000000Z`: Graph writes seven fractional digits (reference §4.1 payloads). */
export function graphDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

interface Timers {
  expiry?: NodeJS.Timeout;
  lifecycle?: NodeJS.Timeout;
}

/**
 * Presence subscriptions: storage, expiry (deleted silently — presence gets no `subscriptionRemoved`, reference §4.5),
 * `reauthorizationRequired` lifecycle events before expiry and on grant revocation, and change notifications with
 * the 3-s timeout and retries with doubling backoff (reference §4.4).
 */
export class SubscriptionService {
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #timers = new Map<string, Timers>();
  readonly #abort = new AbortController();
  readonly #unsubscribe: (() => void)[] = [];

  constructor(
    private readonly config: EmulatorConfig,
    presence: PresenceStore,
    grants: GrantStore,
    private readonly deliveries: DeliveryLog,
    calendars?: CalendarStore,
  ) {
    this.#unsubscribe.push(presence.onChange((snapshot) => this.#onPresenceChange(snapshot)));
    if (calendars) this.#unsubscribe.push(calendars.onEventChange((change) => this.#onEventChange(change)));
    this.#unsubscribe.push(
      grants.onRevoked(({ userId, clientId, at }) => this.#onRevoked(userId, clientId, at)),
    );
  }

  get deliveriesLog(): DeliveryLog {
    return this.deliveries;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  find(id: string): Subscription | undefined {
    return this.#subscriptions.get(id.toLowerCase());
  }

  list(filter: { tenantId?: string; applicationId?: string; creatorId?: string } = {}): Subscription[] {
    return [...this.#subscriptions.values()].filter(
      (s) =>
        (filter.tenantId === undefined || s.tenantId === filter.tenantId) &&
        (filter.applicationId === undefined || s.applicationId === filter.applicationId) &&
        (filter.creatorId === undefined || s.creatorId === filter.creatorId),
    );
  }

  /** "A single user can create one presence subscription per unique application" (reference §4.1). */
  existingFor(tenantId: string, applicationId: string, creatorId: string): Subscription | undefined {
    return this.list({ tenantId, applicationId, creatorId }).find((s) => s.resourceKind === "presence");
  }

  create(input: Omit<Subscription, "id" | "createdAt">): Subscription {
    const subscription: Subscription = { ...input, id: newGuid(), createdAt: Date.now() };
    this.#subscriptions.set(subscription.id, subscription);
    this.#schedule(subscription);
    return subscription;
  }

  /** Renewal / notificationUrl change (PATCH). A PATCH also reauthorizes (reference §4.5). */
  update(id: string, change: { expiresAt?: number; notificationUrl?: string }): Subscription | undefined {
    const subscription = this.find(id);
    if (!subscription) return undefined;
    if (change.expiresAt !== undefined) subscription.expiresAt = change.expiresAt;
    if (change.notificationUrl !== undefined) subscription.notificationUrl = change.notificationUrl;
    subscription.reauthorizationRequiredSince = undefined;
    this.#schedule(subscription);
    return subscription;
  }

  reauthorize(id: string): Subscription | undefined {
    const subscription = this.find(id);
    if (subscription) subscription.reauthorizationRequiredSince = undefined;
    return subscription;
  }

  /** Deletes without telling anyone: the app's DELETE, expiry, or Graph dropping it (control API). */
  delete(id: string): boolean {
    const subscription = this.find(id);
    if (!subscription) return false;
    this.#subscriptions.delete(subscription.id);
    this.#clearTimers(subscription.id);
    return true;
  }

  close(): void {
    this.#abort.abort();
    for (const id of this.#timers.keys()) this.#clearTimers(id);
    for (const off of this.#unsubscribe) off();
  }

  #clearTimers(id: string): void {
    const timers = this.#timers.get(id);
    clearTimeout(timers?.expiry);
    clearTimeout(timers?.lifecycle);
    this.#timers.delete(id);
  }

  #schedule(subscription: Subscription): void {
    this.#clearTimers(subscription.id);
    if (this.#abort.signal.aborted) return;
    const now = Date.now();
    const timers: Timers = {};
    timers.expiry = setTimeout(() => this.delete(subscription.id), Math.max(0, subscription.expiresAt - now));
    timers.expiry.unref();
    if (subscription.lifecycleNotificationUrl) {
      const at = Math.max(now, subscription.expiresAt - this.config.reauthorizationLeadMs);
      timers.lifecycle = setTimeout(() => this.#sendLifecycle(subscription.id), at - now);
      timers.lifecycle.unref();
    }
    this.#timers.set(subscription.id, timers);
  }

  #onRevoked(userId: string, clientId: string | undefined, at: number): void {
    for (const subscription of this.#subscriptions.values()) {
      if (
        subscription.creatorId !== userId ||
        (clientId !== undefined && subscription.applicationId !== clientId)
      )
        continue;
      subscription.reauthorizationRequiredSince = at;
      this.#sendLifecycle(subscription.id);
    }
  }

  #sendLifecycle(id: string): void {
    const subscription = this.find(id);
    if (!subscription?.lifecycleNotificationUrl) return;
    const payload = {
      value: [
        {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: graphDateTime(subscription.expiresAt),
          tenantId: subscription.tenantId,
          clientState: subscription.clientState,
          lifecycleEvent: "reauthorizationRequired" as const,
        },
      ],
    };
    void this.#deliver(subscription.id, "lifecycle", subscription.lifecycleNotificationUrl, payload);
  }

  /**
   * A basic Outlook notification (outlook-change-notifications-overview, "without resource data"): `resource` and
   * `resourceData["@odata.id"]` are `Users/{id}/Events/{eventId}`, `@odata.type` `#Microsoft.Graph.Event`, with the
   * event's `@odata.etag` and `id`; no organizationId in Outlook's example.
   */
  #onEventChange(change: EventChange): void {
    const userId = change.userId.toLowerCase();
    for (const subscription of this.#subscriptions.values()) {
      if (
        subscription.resourceKind !== "events" ||
        !subscription.userIds.includes(userId) ||
        subscription.reauthorizationRequiredSince !== undefined ||
        !subscription.changeType
          .split(",")
          .map((c) => c.trim().toLowerCase())
          .includes(change.changeType)
      )
        continue;
      const path = `Users/${change.userId}/Events/${change.event.id}`;
      const payload = {
        value: [
          {
            subscriptionId: subscription.id,
            subscriptionExpirationDateTime: graphDateTime(subscription.expiresAt),
            changeType: change.changeType,
            resource: path,
            resourceData: {
              "@odata.type": "#Microsoft.Graph.Event" as const,
              "@odata.id": path,
              "@odata.etag": eventEtag(change.event),
              id: change.event.id,
            },
            clientState: subscription.clientState,
            tenantId: subscription.tenantId,
          },
        ],
      };
      void this.#deliver(subscription.id, "change", subscription.notificationUrl, payload);
    }
  }

  #onPresenceChange(snapshot: PresenceSnapshot): void {
    const userId = snapshot.userId.toLowerCase();
    for (const subscription of this.#subscriptions.values()) {
      if (
        subscription.resourceKind !== "presence" ||
        !subscription.userIds.includes(userId) ||
        subscription.reauthorizationRequiredSince !== undefined
      )
        continue;
      const payload = {
        value: [
          {
            subscriptionId: subscription.id,
            clientState: subscription.clientState,
            changeType: "updated" as const,
            tenantId: subscription.tenantId,
            organizationId: subscription.tenantId,
            resource: `communications/presences/${snapshot.userId}`,
            subscriptionExpirationDateTime: graphDateTime(subscription.expiresAt),
            resourceData: {
              "@odata.id": `users/${snapshot.userId}/presence`,
              "@odata.type": "#microsoft.graph.presence" as const,
              id: snapshot.userId,
            },
          },
        ],
      };
      void this.#deliver(subscription.id, "change", subscription.notificationUrl, payload);
    }
  }

  /** POSTs with the notification timeout; retries non-2xx and timeouts with doubling backoff while the subscription lives. */
  async #deliver(
    subscriptionId: string,
    kind: "change" | "lifecycle",
    url: string,
    payload: object,
  ): Promise<void> {
    const { retries, initialDelayMs } = this.config.notificationRetry;
    for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
      if (this.#abort.signal.aborted || !this.find(subscriptionId)) return;
      const result = await outboundPost(url, {
        body: JSON.stringify(payload),
        contentType: "application/json; charset=utf-8",
        timeoutMs: this.config.notificationTimeoutMs,
        ca: this.config.notificationCa,
        signal: this.#abort.signal,
      });
      const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      this.deliveries.add({
        at: new Date().toISOString(),
        kind,
        url,
        subscriptionId,
        attempt,
        ...(result.status === undefined ? {} : { status: result.status }),
        ...(result.error === undefined ? {} : { error: result.error }),
        durationMs: result.durationMs,
        ok,
      });
      if (ok || attempt > retries) return;
      await this.#sleep(initialDelayMs * 2 ** (attempt - 1));
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.#abort.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
