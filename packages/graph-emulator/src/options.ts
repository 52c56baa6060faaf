/**
 * Emulator options. Every time constant is an option; `timeScale` shrinks all presence and subscription clocks at
 * once (see docs/adr/0006-graph-emulator.md):
 * - "scaled" constants default to their real Graph value × timeScale;
 * - durations a client sends (setPresence `expirationDuration`, subscription `expirationDateTime - now`, status
 *   message expiry, preferred-presence expiry) are multiplied by timeScale, so a bridge that asks for PT1H gets
 *   1 h × timeScale of emulator time and sees the real wall-clock expiry in responses;
 * - network-facing constants (notification/validation timeouts, retry backoff, throttle window, token lifetime) are
 *   never scaled: they concern how fast the real sockets answer.
 */
export interface GraphEmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** TCP port. Default 0 (any free port). */
  port?: number;
  /** Extra DNS names for the certificate (always has `localhost` and `127.0.0.1`). */
  hostnames?: string[];
  /**
   * The HTTPS certificate and key to serve (PEM), e.g. one kept from an earlier run so clients that already
   * trust it still do. Default: a fresh self-signed one (generateServerCertificate).
   */
  certificate?: { cert: string; key: string };
  /** Factor applied to the presence/subscription clocks. Default 1 (real Graph timing). */
  timeScale?: number;
  /** An Available session not re-posted for this long shows AvailableIdle; after twice this, Away. Default 5 min. */
  availableFadeMs?: number;
  /** Session lifetime when setPresence has no expirationDuration. Default 5 min. */
  sessionDefaultExpiryMs?: number;
  /** Default lifetime of a DoNotDisturb/Busy user-preferred presence. Default 1 day. */
  preferredBusyExpiryMs?: number;
  /** Default lifetime of any other user-preferred presence. Default 7 days. */
  preferredOtherExpiryMs?: number;
  /** Subscriptions asking for less are bumped to this. Default 45 min. */
  subscriptionMinLifetimeMs?: number;
  /** Subscriptions asking for more are refused (400). Default 60 min. */
  subscriptionMaxLifetimeMs?: number;
  /** `reauthorizationRequired` is sent this long before a subscription expires. Default 10 min. */
  reauthorizationLeadMs?: number;
  /** Authorization codes live this long. Default 10 min. */
  authCodeLifetimeMs?: number;
  /** Presence API throttle per app per tenant. Default 1,500 requests per 30 s. */
  throttle?: { limit?: number; windowMs?: number };
  /**
   * Outlook service limits per app per mailbox (calendar, mailbox settings): requests per window and requests in
   * flight. Default 10,000 per 10 min and 4 concurrent. Not scaled, like the presence throttle.
   */
  outlookThrottle?: { limit?: number; windowMs?: number; concurrent?: number };
  /** Extra time every Outlook request holds its concurrency slot (simulated mailbox latency). Default 0. */
  outlookLatencyMs?: number;
  /** Longest event (Outlook) subscription; longer requests are refused. Default 10,080 min (7 days). */
  outlookSubscriptionMaxLifetimeMs?: number;
  /** Default page size of calendarView. Default 10. */
  eventsPageSize?: number;
  /** A notification POST not answered 2xx within this is a failure. Default 3 s. */
  notificationTimeoutMs?: number;
  /** Retries of a failed notification: attempts after the first, first backoff (doubling). Default 3 and 1 s. */
  notificationRetry?: { retries?: number; initialDelayMs?: number };
  /** The validation handshake must answer within this. Default 10 s. */
  validationTimeoutMs?: number;
  /** Access and id token lifetime in seconds (never scaled; msal treats < 300 s as expired). Default 3600. */
  tokenLifetimeS?: number;
  /** Which plain-http notification URLs are accepted. Graph demands https; default `loopback` also allows http to 127.0.0.1/localhost/::1. */
  allowHttpNotificationUrls?: "none" | "loopback" | "any";
  /** Extra CA certificates (PEM) trusted when posting to https notification URLs. */
  notificationCa?: string | string[];
  /** Default page size of `GET /users`. Default 100. */
  usersPageSize?: number;
}

export interface EmulatorConfig {
  host: string;
  port: number;
  hostnames: string[];
  timeScale: number;
  availableFadeMs: number;
  sessionDefaultExpiryMs: number;
  preferredBusyExpiryMs: number;
  preferredOtherExpiryMs: number;
  subscriptionMinLifetimeMs: number;
  subscriptionMaxLifetimeMs: number;
  reauthorizationLeadMs: number;
  authCodeLifetimeMs: number;
  throttle: { limit: number; windowMs: number };
  outlookThrottle: { limit: number; windowMs: number; concurrent: number };
  outlookLatencyMs: number;
  outlookSubscriptionMaxLifetimeMs: number;
  eventsPageSize: number;
  notificationTimeoutMs: number;
  notificationRetry: { retries: number; initialDelayMs: number };
  validationTimeoutMs: number;
  tokenLifetimeS: number;
  allowHttpNotificationUrls: "none" | "loopback" | "any";
  notificationCa: string[];
  usersPageSize: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function resolveOptions(options: GraphEmulatorOptions = {}): EmulatorConfig {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  const scaled = (value: number | undefined, real: number): number =>
    value ?? Math.max(1, Math.round(real * timeScale));
  const config: EmulatorConfig = {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    hostnames: options.hostnames ?? [],
    timeScale,
    availableFadeMs: scaled(options.availableFadeMs, 5 * MINUTE),
    sessionDefaultExpiryMs: scaled(options.sessionDefaultExpiryMs, 5 * MINUTE),
    preferredBusyExpiryMs: scaled(options.preferredBusyExpiryMs, DAY),
    preferredOtherExpiryMs: scaled(options.preferredOtherExpiryMs, 7 * DAY),
    subscriptionMinLifetimeMs: scaled(options.subscriptionMinLifetimeMs, 45 * MINUTE),
    subscriptionMaxLifetimeMs: scaled(options.subscriptionMaxLifetimeMs, 60 * MINUTE),
    reauthorizationLeadMs: scaled(options.reauthorizationLeadMs, 10 * MINUTE),
    authCodeLifetimeMs: options.authCodeLifetimeMs ?? 10 * MINUTE,
    throttle: { limit: options.throttle?.limit ?? 1500, windowMs: options.throttle?.windowMs ?? 30_000 },
    outlookThrottle: {
      limit: options.outlookThrottle?.limit ?? 10_000,
      windowMs: options.outlookThrottle?.windowMs ?? 10 * MINUTE,
      concurrent: options.outlookThrottle?.concurrent ?? 4,
    },
    outlookLatencyMs: options.outlookLatencyMs ?? 0,
    outlookSubscriptionMaxLifetimeMs: scaled(options.outlookSubscriptionMaxLifetimeMs, 7 * DAY),
    eventsPageSize: options.eventsPageSize ?? 10,
    notificationTimeoutMs: options.notificationTimeoutMs ?? 3000,
    notificationRetry: {
      retries: options.notificationRetry?.retries ?? 3,
      initialDelayMs: options.notificationRetry?.initialDelayMs ?? 1000,
    },
    validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
    tokenLifetimeS: options.tokenLifetimeS ?? 3600,
    allowHttpNotificationUrls: options.allowHttpNotificationUrls ?? "loopback",
    notificationCa: options.notificationCa === undefined ? [] : [options.notificationCa].flat(),
    usersPageSize: options.usersPageSize ?? 100,
  };
  if (
    config.subscriptionMinLifetimeMs > config.subscriptionMaxLifetimeMs ||
    config.subscriptionMinLifetimeMs > config.outlookSubscriptionMaxLifetimeMs
  ) {
    throw new RangeError("subscriptionMinLifetimeMs must not exceed subscriptionMaxLifetimeMs");
  }
  return config;
}

/** Converts a duration a client sent (real Graph units) into emulator milliseconds. */
export function scaleClientDuration(config: EmulatorConfig, clientMs: number): number {
  return Math.round(clientMs * config.timeScale);
}
