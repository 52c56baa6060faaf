import { hasNulCharacter, someText } from "@presence/core";
import { App, type AppOptions, type ReceiverEvent } from "@slack/bolt";

export interface AppRateLimited {
  teamId: string;
  minuteRateLimited: number;
}

export interface BridgeAppOptions extends AppOptions {
  /** Slack dropped events over its 30,000/hour cap: `app_rate_limited`, which has no inner event. */
  onAppRateLimited: (info: AppRateLimited) => void;
}

/**
 * A request body no Slack request has: not an object, a NUL character anywhere (Postgres cannot store
 * one), or a shape Bolt or a listener cannot read. The HTTP receiver answers 400: a 5xx would tell
 * Slack to deliver the same body again.
 */
export class MalformedSlackRequest extends Error {
  readonly code = "presence_malformed_slack_request";
}

/**
 * Bolt's App with three changes at its single entry point, `processEvent`, for both receivers:
 *
 * - Events are acknowledged only once every listener succeeded. Bolt acks Events API requests
 *   before its listeners run; here that ack is held back until they finish, so a listener that
 *   failed to store the observation leaves the event unacknowledged (HTTP: a 5xx; Socket Mode: no
 *   ack) and Slack delivers it again.
 * - `app_rate_limited` callbacks (which Bolt cannot route: they carry no event) are acknowledged and
 *   reported.
 * - A body Slack never sends is refused (MalformedSlackRequest) before Bolt reads it, or when Bolt's own
 *   reading of its type, workspace, user and channel fails (a TypeError, thrown before any listener).
 */
export class BridgeApp extends App {
  readonly #onAppRateLimited: BridgeAppOptions["onAppRateLimited"];

  constructor({ onAppRateLimited, ...options }: BridgeAppOptions) {
    super(options);
    this.#onAppRateLimited = onAppRateLimited;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const raw: unknown = event.body;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw new MalformedSlackRequest("the body is not a JSON object");
    if (someText(raw, hasNulCharacter)) throw new MalformedSlackRequest("the body has a NUL character");
    const body = raw as { type?: unknown; team_id?: unknown; minute_rate_limited?: unknown };
    if (body.type === "app_rate_limited") {
      this.#onAppRateLimited({
        teamId: typeof body.team_id === "string" ? body.team_id : "",
        minuteRateLimited: Number(body.minute_rate_limited ?? 0),
      });
      await event.ack();
      return;
    }
    let acked = false;
    let response: Parameters<ReceiverEvent["ack"]>[0];
    try {
      await super.processEvent({
        ...event,
        ack: async (value) => {
          acked = true;
          response = value;
        },
      });
    } catch (error) {
      // Listeners' errors reach here wrapped by the error handler (coded); a bare TypeError is Bolt's.
      if (error instanceof TypeError)
        throw new MalformedSlackRequest(`Bolt cannot read this body: ${error.message}`, { cause: error });
      throw error;
    }
    if (acked) await event.ack(response);
  }
}
