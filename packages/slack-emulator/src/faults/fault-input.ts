import { z } from "zod";

export const WEB_API_FAULT_KINDS = ["status", "slack_error", "delay", "drop"] as const;
export const EVENT_FAULT_KINDS = ["drop", "duplicate", "delay", "reorder"] as const;

/** Which optional fields make sense for which kinds; anything else is refused rather than silently ignored. */
const FIELD_KINDS: Record<string, readonly string[]> = {
  status: ["status"],
  retryAfterSeconds: ["status"],
  error: ["status", "slack_error"],
  delayMs: ["delay"],
};

function checkFields(input: Record<string, unknown> & { kind: string }, ctx: z.RefinementCtx): void {
  for (const [field, kinds] of Object.entries(FIELD_KINDS)) {
    if (input[field] !== undefined && !kinds.includes(input.kind))
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `${field} does not apply to kind "${input.kind}"`,
      });
  }
  if (input.kind === "delay" && input.delayMs === undefined)
    ctx.addIssue({ code: "custom", path: ["delayMs"], message: 'kind "delay" needs delayMs' });
}

const common = {
  /** How many matching calls or events it affects; default: every one until removed. */
  times: z.number().int().min(1).optional(),
  /** Chance that a matching call or event is affected (a miss does not count towards `times`). */
  probability: z.number().min(0).max(1).default(1),
  delayMs: z.number().int().min(0).max(600_000).optional(),
};

/** A fault of the Web API (`/api/<method>`): an HTTP status, an `{ok:false}` answer, a slow answer, or none at all. */
export const webApiFaultInput = z
  .object({
    target: z.literal("web-api"),
    /** Exact Slack method name (`users.profile.set`); default every method. */
    method: z.string().min(1).optional(),
    kind: z.enum(WEB_API_FAULT_KINDS),
    /** kind "status": the HTTP status (default 500); 429 also sends Retry-After. */
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** The `error` of the `{ok:false}` body (kind "slack_error": HTTP 200, default "internal_error"). */
    error: z.string().min(1).optional(),
    ...common,
  })
  .superRefine(checkFields);

/** A fault of Events API deliveries (HTTP Request URL or Socket Mode). */
export const eventFaultInput = z
  .object({
    target: z.literal("events"),
    kind: z.enum(EVENT_FAULT_KINDS),
    /** Inner event type (`user_change`); default every event. */
    eventType: z.string().min(1).optional(),
    ...common,
  })
  .superRefine(checkFields);

export const faultInput = z.discriminatedUnion("target", [webApiFaultInput, eventFaultInput]);

export type FaultInput = z.input<typeof faultInput>;
export type WebApiFaultKind = (typeof WEB_API_FAULT_KINDS)[number];
export type EventFaultKind = (typeof EVENT_FAULT_KINDS)[number];
