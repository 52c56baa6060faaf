import {
  CALENDAR_SESSION_ID,
  meetingStartedAt,
  outlookOutOfOffice,
  outlookTransitions,
  type OutlookSignals,
} from "./outlook-signals.ts";
import type { Activity, Availability, PresencePair } from "./vocabulary.ts";

/**
 * One presence session (reference §3.6): each Teams client (desktop, mobile, web) and each app that calls setPresence
 * has its own. `fades` marks sessions that time out in stages when Available (app sessions do; an open Teams client
 * keeps its own session fresh, so control-API Teams sessions do not fade unless asked).
 */
export interface PresenceSession {
  sessionId: string;
  kind: "app" | "teams-client" | "calendar";
  availability: Availability;
  activity: Activity;
  lastSetAt: number;
  /** Absent: lives until closed. */
  expiresAt?: number;
  fades: boolean;
}

export interface PreferredPresence extends PresencePair {
  setAt: number;
  expiresAt: number;
}

export interface StatusMessageState {
  content: string;
  contentType: "text";
  publishedAt: number;
  /** Emulator time at which it disappears (scaled); absent = never. */
  expiresAt?: number;
  /** The expiry exactly as set, shown only to the user themself. */
  expiry?: { dateTime: string; timeZone: string };
}

export interface UserPresenceState {
  sessions: Map<string, PresenceSession>;
  preferred?: PreferredPresence;
  outOfOffice: { isOutOfOffice: boolean; message: string | null };
  statusMessage?: StatusMessageState;
  /** The user's calendar and automatic replies (Outlook), when the mailbox has any. */
  outlook?: OutlookSignals;
}

export interface EffectivePresence extends PresencePair {
  outOfOffice: { isOutOfOffice: boolean; message: string | null };
  statusMessage?: StatusMessageState;
}

/**
 * Session ranking. The reference gives "DoNotDisturb > Busy > Available > Away" (§1.3); the rest is our decision
 * (docs/adr/0006): a faded AvailableIdle ranks below a fresh Available, BeRightBack (always set on purpose) above
 * Away (often automatic), then Offline, then PresenceUnknown. Ties go to the most recently set session.
 */
const RANK: Record<Availability, number> = {
  DoNotDisturb: 8,
  Busy: 7,
  BusyIdle: 6,
  Available: 5,
  AvailableIdle: 4,
  BeRightBack: 3,
  Away: 2,
  Offline: 1,
  PresenceUnknown: 0,
};

export function newUserPresenceState(): UserPresenceState {
  return { sessions: new Map(), outOfOffice: { isOutOfOffice: false, message: null } };
}

/**
 * What a session shows at `now`. "If an application sets the presence session as Available/Available, the state would
 * change to Available/AvailableInactive in five minutes with the first timeout, then Away/Away in another five
 * minutes" (reference §1.3). "AvailableInactive" is prose; the enum values are availability `AvailableIdle` and
 * activity `Inactive`, which is what the emulator emits.
 */
export function sessionDisplay(session: PresenceSession, now: number, fadeMs: number): PresencePair {
  if (session.fades && session.availability === "Available") {
    const idle = now - session.lastSetAt;
    if (idle >= 2 * fadeMs) return { availability: "Away", activity: "Away" };
    if (idle >= fadeMs) return { availability: "AvailableIdle", activity: "Inactive" };
  }
  return { availability: session.availability, activity: session.activity };
}

function isLive(expiresAt: number | undefined, now: number): boolean {
  return expiresAt === undefined || expiresAt > now;
}

/** Drops what has expired by `now`. Returns true when anything was removed. */
export function pruneExpired(state: UserPresenceState, now: number): boolean {
  let changed = false;
  for (const [id, session] of state.sessions) {
    if (!isLive(session.expiresAt, now)) {
      state.sessions.delete(id);
      changed = true;
    }
  }
  if (state.preferred && !isLive(state.preferred.expiresAt, now)) {
    state.preferred = undefined;
    changed = true;
  }
  if (state.statusMessage && !isLive(state.statusMessage.expiresAt, now)) {
    state.statusMessage = undefined;
    changed = true;
  }
  return changed;
}

/**
 * Effective presence (reference §1.3, §3.3, §3.6): no live session → Offline/Offline; a live user-preferred state
 * beats every session but "takes effect only when at least one presence session exists"; otherwise the highest-ranked
 * session. Out of office (an emulator decision, from the Teams mapping table in §1.3): the flag is always reported in
 * `outOfOfficeSettings`, and an Available or Offline activity is shown as `OutOfOffice` ("Available, out of office →
 * Available/OutOfOffice"); other activities keep theirs ("In a call, out of office → Busy/InACall + OOF").
 */
export function effectivePresence(state: UserPresenceState, now: number, fadeMs: number): EffectivePresence {
  const live = [...state.sessions.values()].filter((s) => isLive(s.expiresAt, now));
  const meetingSince = state.outlook ? meetingStartedAt(state.outlook, now) : undefined;
  if (meetingSince !== undefined) {
    live.push({
      sessionId: CALENDAR_SESSION_ID,
      kind: "calendar",
      availability: "Busy",
      activity: "InAMeeting",
      lastSetAt: meetingSince,
      fades: false,
    });
  }
  let pair: PresencePair = { availability: "Offline", activity: "Offline" };
  if (live.length > 0) {
    if (state.preferred && isLive(state.preferred.expiresAt, now)) {
      pair = { availability: state.preferred.availability, activity: state.preferred.activity };
    } else {
      const ranked = live
        .map((session) => ({ session, shown: sessionDisplay(session, now, fadeMs) }))
        .sort(
          (a, b) =>
            RANK[b.shown.availability] - RANK[a.shown.availability] ||
            b.session.lastSetAt - a.session.lastSetAt,
        );
      pair = ranked[0]?.shown ?? pair;
    }
  }
  // The flag set through the control API (Teams) wins; otherwise the mailbox's (automatic replies, oof event).
  const outOfOffice = state.outOfOffice.isOutOfOffice
    ? state.outOfOffice
    : ((state.outlook ? outlookOutOfOffice(state.outlook, now) : undefined) ?? state.outOfOffice);
  if (outOfOffice.isOutOfOffice && (pair.activity === "Available" || pair.activity === "Offline")) {
    pair = { availability: pair.availability, activity: "OutOfOffice" };
  }
  const statusMessage =
    state.statusMessage && isLive(state.statusMessage.expiresAt, now) ? state.statusMessage : undefined;
  return { ...pair, outOfOffice: { ...outOfOffice }, ...(statusMessage ? { statusMessage } : {}) };
}

/** The next instant after `now` at which the effective presence may change on its own (fade, expiry), if any. */
export function nextTransitionAt(state: UserPresenceState, now: number, fadeMs: number): number | undefined {
  const candidates: number[] = [];
  for (const session of state.sessions.values()) {
    if (session.expiresAt !== undefined) candidates.push(session.expiresAt);
    if (session.fades && session.availability === "Available") {
      candidates.push(session.lastSetAt + fadeMs, session.lastSetAt + 2 * fadeMs);
    }
  }
  if (state.preferred) candidates.push(state.preferred.expiresAt);
  if (state.statusMessage?.expiresAt !== undefined) candidates.push(state.statusMessage.expiresAt);
  if (state.outlook) candidates.push(...outlookTransitions(state.outlook));
  const future = candidates.filter((t) => t > now);
  return future.length === 0 ? undefined : Math.min(...future);
}

/** A stable fingerprint of everything a presence read shows; a change of it is an "effective change". */
export function presenceFingerprint(presence: EffectivePresence): string {
  return JSON.stringify([
    presence.availability,
    presence.activity,
    presence.outOfOffice.isOutOfOffice,
    presence.outOfOffice.message,
    presence.statusMessage?.content ?? null,
    presence.statusMessage?.expiry ?? null,
  ]);
}
