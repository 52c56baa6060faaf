import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorClock } from "../clock.ts";
import type { EventFault, FaultInjector } from "../faults/fault-injector.ts";
import { newId } from "../ids.ts";
import { SlidingWindow } from "../rate-limits/sliding-window.ts";
import type { SpecValidator } from "../spec/spec-validator.ts";
import type { ViolationLog } from "../spec/violation-log.ts";
import type { App, Grant } from "../world/types.ts";
import type { SlackWorld, WorldChange } from "../world/world.ts";
import type { DeliveryLog, DeliveryRecord } from "./delivery-log.ts";
import type { DeliverySettings } from "./delivery-settings.ts";
import { eventCatalog } from "./event-catalog.ts";
import type { EventRule } from "./event-catalog.ts";
import {
  appHomeOpened,
  appUninstalled,
  dndUpdated,
  dndUpdatedUser,
  tokensRevoked,
  userEvent,
} from "./event-payloads.ts";
import type { InnerEvent } from "./event-payloads.ts";
import { postSigned } from "./post-signed.ts";
import { afterFirstAttempt, deliverDuplicate, HeldDeliveries } from "./event-faults.ts";
import { deliverWithRetries } from "./retry-loop.ts";
import type { Attempt } from "./retry-loop.ts";
import type { SocketModeHub } from "./socket-mode-hub.ts";

export interface EventRouterDeps {
  world: SlackWorld;
  clock: EmulatorClock;
  log: DeliveryLog;
  spec: SpecValidator;
  violations: ViolationLog;
  settings: DeliverySettings;
  hub: SocketModeHub;
  faults: FaultInjector;
  signal: AbortSignal;
}

/**
 * Turns world changes into Events API deliveries: only subscribed event types, only through an
 * authorization that carries the event's scope (user events only via people who authorized the app),
 * capped per app and workspace, signed, retried, over HTTP or Socket Mode.
 */
export class EventRouter {
  readonly #catalog: Record<string, EventRule>;
  readonly #cap: SlidingWindow;
  readonly #rateLimitedMinute = new Map<string, number>();
  readonly #inflight = new Set<Promise<void>>();
  readonly #held = new HeldDeliveries();

  constructor(private readonly deps: EventRouterDeps) {
    this.#catalog = eventCatalog(deps.spec.eventsSpec);
    this.#cap = new SlidingWindow(deps.settings.eventWindowMs);
    deps.world.onChange((change) => this.#onChange(change));
  }

  /** Resolves when every delivery started so far has finished (including retries). */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  #onChange(change: WorldChange): void {
    const { world } = this.deps;
    switch (change.kind) {
      case "user_changed": {
        const user = world.user(change.userId);
        const types = [
          "user_change",
          ...(change.status ? ["user_status_changed"] : []),
          ...(change.huddle ? ["user_huddle_changed"] : []),
        ];
        for (const app of world.apps.values()) {
          for (const type of types) {
            const grant = this.#route(app, user.teamId, type);
            if (grant)
              this.#emit(
                app,
                user.teamId,
                grant,
                userEvent(world, type, user, grant.scopes.includes("users:read.email")),
              );
          }
        }
        return;
      }
      case "dnd_changed": {
        const user = world.user(change.userId);
        for (const app of world.apps.values()) {
          const own = this.#route(app, user.teamId, "dnd_updated", user.id);
          if (own) this.#emit(app, user.teamId, own, dndUpdated(world, user));
          const any = this.#route(app, user.teamId, "dnd_updated_user");
          if (any) this.#emit(app, user.teamId, any, dndUpdatedUser(world, user));
        }
        return;
      }
      case "tokens_revoked":
      case "app_uninstalled": {
        const app = world.app(change.appId);
        const type = change.kind;
        if (!change.teamId || !(app.botEvents.includes(type) || app.userEvents.includes(type))) return;
        const grant = this.#latestBotGrant(app.id, change.teamId, change.enterpriseId);
        if (!grant) return;
        const event =
          change.kind === "tokens_revoked"
            ? tokensRevoked(world, change.oauth, change.bot)
            : appUninstalled(world);
        this.#emit(app, change.teamId, grant, event);
        return;
      }
      case "app_home_opened": {
        const app = world.app(change.appId);
        const user = world.user(change.userId);
        const grant = this.#route(app, user.teamId, "app_home_opened");
        if (grant) this.#emit(app, user.teamId, grant, appHomeOpened(world, app.id, user, change.tab));
        return;
      }
    }
  }

  /** The authorization an event reaches the app through, or null when it is not delivered. */
  #route(app: App, teamId: string, type: string, subjectUserId?: string): Grant | null {
    const rule = this.#catalog[type];
    if (!rule) return null;
    const hasScope = (grant: Grant): boolean =>
      rule.scopes.length === 0 || rule.scopes.some((scope) => grant.scopes.includes(scope));
    if (rule.subscriptions.includes("bot") && app.botEvents.includes(type)) {
      const bot = this.deps.world.activeGrantsFor(app.id, teamId, "bot").find(hasScope);
      if (bot) return bot;
    }
    if (rule.subscriptions.includes("user") && app.userEvents.includes(type)) {
      const person = this.deps.world
        .activeGrantsFor(app.id, teamId, "user")
        .find((grant) => hasScope(grant) && (subjectUserId === undefined || grant.userId === subjectUserId));
      if (person) return person;
    }
    return null;
  }

  #latestBotGrant(appId: string, teamId: string, enterpriseId: string | null): Grant | undefined {
    return [...this.deps.world.grants.values()]
      .reverse()
      .find(
        (g) =>
          g.appId === appId &&
          g.kind === "bot" &&
          (g.teamId === teamId || (g.teamId === null && g.enterpriseId === enterpriseId)),
      );
  }

  #emit(app: App, teamId: string, grant: Grant, event: InnerEvent): void {
    const { world, clock, settings } = this.deps;
    const ws = world.workspace(teamId);
    const eventId = newId.event();
    const body: Record<string, unknown> = {
      token: app.verificationToken,
      team_id: teamId,
      ...(ws.enterpriseId !== null ? { enterprise_id: ws.enterpriseId } : {}),
      api_app_id: app.id,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: clock.nowSeconds(),
      authorizations: [
        {
          enterprise_id: grant.enterpriseId,
          team_id: grant.teamId,
          user_id: grant.userId,
          is_bot: grant.kind === "bot",
          is_enterprise_install: grant.isEnterpriseInstall,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, tid: teamId, aid: app.id })).toString("base64url")}`,
      context_team_id: teamId,
      context_enterprise_id: ws.enterpriseId,
    };
    const problems = this.deps.spec.validateEventCallback(body);
    if (problems.length > 0) {
      this.deps.violations.add({ source: `event ${event.type}`, problems });
      if (this.deps.violations.mode === "fail") return;
    }
    const capKey = `${app.id}:${teamId}`;
    const now = clock.nowMs();
    if (this.#cap.waitMs(capKey, settings.eventsPerWindow, now) > 0) {
      this.deps.log.add({
        appId: app.id,
        teamId,
        kind: "event_callback",
        eventType: event.type,
        eventId,
        body,
        transport: "none",
        state: "dropped",
      });
      this.#appRateLimited(app, teamId);
      return;
    }
    this.#cap.record(capKey, now);
    this.#send(app, this.#record(app, teamId, "event_callback", event.type, eventId, body));
  }

  /** Over the cap: one `app_rate_limited` callback per minute per app and workspace. */
  #appRateLimited(app: App, teamId: string): void {
    const minute = Math.floor(this.deps.clock.nowSeconds() / 60) * 60;
    const key = `${app.id}:${teamId}`;
    if (this.#rateLimitedMinute.get(key) === minute) return;
    this.#rateLimitedMinute.set(key, minute);
    const body = {
      token: app.verificationToken,
      type: "app_rate_limited",
      team_id: teamId,
      minute_rate_limited: minute,
      api_app_id: app.id,
    };
    const problems = this.deps.spec.validateAppRateLimited(body);
    if (problems.length > 0) this.deps.violations.add({ source: "app_rate_limited", problems });
    this.#send(app, this.#record(app, teamId, "app_rate_limited", "app_rate_limited", null, body));
  }

  #record(
    app: App,
    teamId: string,
    kind: DeliveryRecord["kind"],
    eventType: string,
    eventId: string | null,
    body: Record<string, unknown>,
  ): DeliveryRecord {
    const transport = app.socketMode ? "socket" : app.requestUrl ? "http" : "none";
    return this.deps.log.add({
      appId: app.id,
      teamId,
      kind,
      eventType,
      eventId,
      body,
      transport,
      state: transport === "none" ? "undeliverable" : "pending",
    });
  }

  /** Sends a delivery over the app's transport, unless an injected fault drops, delays or holds it back. */
  #send(app: App, record: DeliveryRecord): void {
    if (record.transport === "none") return;
    const attempt = this.#attemptFor(app, record);
    if (record.kind !== "event_callback") {
      this.#start(record, attempt);
      return;
    }
    const key = `${app.id}:${record.teamId}`;
    const waiting = this.#held.takeAll(key);
    const releaseWaiting = (): void => {
      for (const start of waiting) start();
    };
    const fault = this.deps.faults.takeEvent(record.eventType, { reorder: waiting.length === 0 });
    if (fault) record.fault = fault.id;
    if (fault?.kind === "drop") record.state = "dropped";
    if (fault) this.deps.log.changed();
    if (fault?.kind === "drop") {
      releaseWaiting();
    } else if (fault?.kind === "reorder") {
      this.#held.hold(key, fault.id, () => this.#start(record, attempt));
    } else {
      this.#start(record, afterFirstAttempt(attempt, releaseWaiting), fault);
    }
  }

  /** One try of a delivery: a signed POST to the Request URL, or an envelope over Socket Mode. */
  #attemptFor(app: App, record: DeliveryRecord): Attempt {
    const { settings, hub } = this.deps;
    const rawBody = JSON.stringify(record.body);
    return async (retryNum, retryReason) => {
      if (record.transport === "socket") return hub.send(app.id, record.body, retryNum, retryReason);
      const retryHeaders: Record<string, string> =
        retryNum > 0 ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": retryReason } : {};
      const result = await postSigned(
        app.requestUrl ?? "",
        app.signingSecret,
        rawBody,
        retryHeaders,
        settings.ackTimeoutMs,
      );
      return { outcome: result.outcome, status: result.status, noRetry: result.noRetry, envelopeId: null };
    };
  }

  #start(record: DeliveryRecord, attempt: Attempt, fault?: EventFault): void {
    const { settings, log, signal } = this.deps;
    const task = (async () => {
      if (fault?.kind === "delay") {
        try {
          await sleep(fault.delayMs ?? 0, undefined, { signal });
        } catch {
          return;
        }
      }
      await deliverWithRetries(record, log, settings.retryDelaysMs, signal, attempt);
      if (fault?.kind === "duplicate") {
        // Slack's reason for a retry after a missed ack: `http_timeout` over HTTP, `timeout` in Socket Mode.
        const retryReason = record.transport === "socket" ? "timeout" : "http_timeout";
        await deliverDuplicate(record, log, settings.retryDelaysMs[0] ?? 0, signal, attempt, {
          faultId: fault.id,
          retryReason,
        });
      }
    })();
    this.#inflight.add(task);
    void task.finally(() => this.#inflight.delete(task));
  }

  /** Starts deliveries a `reorder` fault still holds back (those of one fault, or all); returns how many. */
  releaseHeld(faultId?: number): number {
    return this.#held.release(faultId);
  }

  /** The url_verification handshake Slack runs when a Request URL is saved. */
  async verifyRequestUrl(
    app: App,
    url: string,
  ): Promise<{ verified: boolean; status: number | null; problem: string | null }> {
    const challenge = newId.secret() + newId.secret();
    const body = { token: app.verificationToken, challenge, type: "url_verification" };
    const problems = this.deps.spec.validateUrlVerification(body);
    if (problems.length > 0) this.deps.violations.add({ source: "url_verification", problems });
    const result = await postSigned(
      url,
      app.signingSecret,
      JSON.stringify(body),
      {},
      this.deps.settings.ackTimeoutMs,
    );
    if (result.outcome !== "ok")
      return { verified: false, status: result.status, problem: `receiver answered ${result.outcome}` };
    let echoed: unknown = result.body.trim();
    try {
      echoed = (JSON.parse(result.body) as { challenge?: unknown }).challenge;
    } catch {
      // Slack also accepts the bare challenge as text/plain.
    }
    return echoed === challenge
      ? { verified: true, status: result.status, problem: null }
      : { verified: false, status: result.status, problem: "the response did not echo the challenge" };
  }
}
