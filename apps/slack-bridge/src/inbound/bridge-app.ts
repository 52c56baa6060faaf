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
 * Bolt's App with two changes at its single entry point, `processEvent`, for both receivers:
 *
 * - Events are acknowledged only once every listener succeeded. Bolt acks Events API requests
 *   before its listeners run; here that ack is held back until they finish, so a listener that
 *   failed to store the observation leaves the event unacknowledged (HTTP: a 5xx; Socket Mode: no
 *   ack) and Slack delivers it again.
 * - `app_rate_limited` callbacks (which Bolt cannot route: they carry no event) are acknowledged and
 *   reported.
 */
export class BridgeApp extends App {
  readonly #onAppRateLimited: BridgeAppOptions["onAppRateLimited"];

  constructor({ onAppRateLimited, ...options }: BridgeAppOptions) {
    super(options);
    this.#onAppRateLimited = onAppRateLimited;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const body = event.body as { type?: unknown; team_id?: unknown; minute_rate_limited?: unknown };
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
    await super.processEvent({
      ...event,
      ack: async (value) => {
        acked = true;
        response = value;
      },
    });
    if (acked) await event.ack(response);
  }
}
