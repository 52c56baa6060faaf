export interface DeliverySettings {
  /** How long Slack waits for a 2xx (HTTP) or an ack (Socket Mode): 3,000 ms. */
  ackTimeoutMs: number;
  /** Delay before each retry; Slack retries 3 times: nearly immediately, after 1 minute, after 5 minutes. */
  retryDelaysMs: number[];
  /** Events API cap per app per workspace per window (Slack: 30,000 per hour). */
  eventsPerWindow: number;
  eventWindowMs: number;
  /** Socket Mode: how often the server pings each connection (0 = never). */
  socketPingIntervalMs: number;
}
