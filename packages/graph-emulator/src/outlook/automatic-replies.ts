/** automaticRepliesSetting (Graph's mailboxSettings): status and its documented value sets. */
export const AUTOMATIC_REPLIES_STATUSES = ["disabled", "alwaysEnabled", "scheduled"] as const;
export type AutomaticRepliesStatus = (typeof AUTOMATIC_REPLIES_STATUSES)[number];

export const EXTERNAL_AUDIENCES = ["none", "contactsOnly", "all"] as const;
export type ExternalAudience = (typeof EXTERNAL_AUDIENCES)[number];

export interface AutomaticRepliesState {
  status: AutomaticRepliesStatus;
  externalAudience: ExternalAudience;
  internalReplyMessage: string;
  externalReplyMessage: string;
  /** Epoch ms (UTC); kept when status leaves `scheduled`, as Outlook keeps the last schedule. */
  scheduledStart: number;
  scheduledEnd: number;
}

const HOUR = 3_600_000;

/**
 * A new mailbox: disabled, audience all, empty messages. Graph always returns both scheduled times; before any
 * schedule was set the emulator shows the current hour to a day later [emulator decision; Outlook's default form].
 */
export function defaultAutomaticReplies(now = Date.now()): AutomaticRepliesState {
  const start = Math.floor(now / HOUR) * HOUR;
  return {
    status: "disabled",
    externalAudience: "all",
    internalReplyMessage: "",
    externalReplyMessage: "",
    scheduledStart: start,
    scheduledEnd: start + 24 * HOUR,
  };
}

/** Replies are being sent now: always, or scheduled and `now` within [start, end). */
export function automaticRepliesActive(state: AutomaticRepliesState, now: number): boolean {
  if (state.status === "alwaysEnabled") return true;
  if (state.status !== "scheduled") return false;
  return state.scheduledStart <= now && now < state.scheduledEnd;
}

/** Instants at which a scheduled state switches on or off by itself. */
export function automaticRepliesTransitions(state: AutomaticRepliesState): number[] {
  if (state.status !== "scheduled") return [];
  return [state.scheduledStart, state.scheduledEnd];
}

/** A change merged onto the current setting; a scheduled setting must end after it starts. */
export function mergeAutomaticReplies(
  current: AutomaticRepliesState,
  change: Partial<AutomaticRepliesState>,
): { ok: true; state: AutomaticRepliesState } | { ok: false; reason: string } {
  const state: AutomaticRepliesState = { ...current };
  for (const [key, value] of Object.entries(change) as [keyof AutomaticRepliesState, never][]) {
    if (value !== undefined) state[key] = value;
  }
  if (state.status === "scheduled" && state.scheduledEnd <= state.scheduledStart)
    return { ok: false, reason: "The scheduled end time must be after the scheduled start time." };
  return { ok: true, state };
}
