import { z } from "zod";
import { EVENTS_PER_HOUR } from "./rate-limits/tiers.ts";

export const emulatorOptions = z.object({
  host: z.string().default("127.0.0.1"),
  /** 0 = any free port. */
  port: z.number().int().min(0).max(65535).default(0),
  rateLimits: z
    .object({
      enabled: z.boolean().default(true),
      /** Slack's window is one minute; tests shrink it to seconds. */
      windowMs: z.number().int().min(1).default(60_000),
      /** Allowance per window = the tier's per-minute allowance × multiplier (at least 1). */
      multiplier: z.number().positive().default(1),
      /** Exact allowance per window for given methods. */
      overrides: z.record(z.string(), z.number().int().min(1)).default({}),
    })
    .prefault({}),
  delivery: z
    .object({
      ackTimeoutMs: z.number().int().min(1).default(3000),
      /** One delay per retry (Slack: 3 retries, ≈ immediately, 1 min, 5 min). */
      retryDelaysMs: z.array(z.number().int().min(0)).max(10).default([0, 60_000, 300_000]),
      eventsPerWindow: z.number().int().min(1).default(EVENTS_PER_HOUR),
      eventWindowMs: z.number().int().min(1).default(3_600_000),
      socketPingIntervalMs: z.number().int().min(0).default(10_000),
    })
    .prefault({}),
  /** Lifetime of rotating tokens (Slack: 12 h). */
  tokenLifetimeSeconds: z.number().int().min(1).default(43_200),
  /** How often statuses, huddles and snoozes are checked for expiry. */
  sweepIntervalMs: z.number().int().min(10).default(1000),
  /**
   * The `iss` of Sign in with Slack: Slack's own "https://slack.com" by default (what every id_token and the
   * OpenID configuration say); "self" = the emulator's URL, for OIDC clients that insist that the issuer is
   * where they fetched the configuration from.
   */
  openidIssuer: z.union([z.literal("self"), z.url()]).default("https://slack.com"),
  /** "fail": an off-spec answer becomes HTTP 500 and an off-spec event is withheld; "record": only listed. */
  specViolations: z.enum(["fail", "record"]).default("fail"),
});

export type SlackEmulatorOptions = z.input<typeof emulatorOptions>;
