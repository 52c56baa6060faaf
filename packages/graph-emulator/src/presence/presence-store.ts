import {
  effectivePresence,
  newUserPresenceState,
  nextTransitionAt,
  presenceFingerprint,
  pruneExpired,
  sessionDisplay,
  type EffectivePresence,
  type PresenceSession,
  type PreferredPresence,
  type StatusMessageState,
  type UserPresenceState,
} from "./presence-model.ts";
import type { OutlookSignals } from "./outlook-signals.ts";
import { SequenceClock } from "./sequence-clock.ts";
import type { PresencePair } from "./vocabulary.ts";

export interface PresenceSnapshot extends EffectivePresence {
  userId: string;
  sequenceNumber: string;
}

const MAX_TIMER_MS = 2_147_483_647;

export type PresenceChangeListener = (snapshot: PresenceSnapshot) => void;

interface UserEntry {
  state: UserPresenceState;
  fingerprint: string;
  sequenceNumber: string;
  timer?: NodeJS.Timeout;
}

export interface SessionView extends PresenceSession {
  /** What this session shows right now (after fading). */
  shown: PresencePair;
}

/**
 * Presence state of every user, with its own timers: when a session fades or expires, a preferred state or status
 * message expires, the effective presence is recomputed in real time, `sequenceNumber` is bumped on every effective
 * change (and only then) and listeners (change notifications) are told.
 */
export class PresenceStore {
  readonly #users = new Map<string, UserEntry>();
  readonly #clock = new SequenceClock();
  readonly #listeners = new Set<PresenceChangeListener>();
  #closed = false;

  constructor(private readonly fadeMs: number) {}

  onChange(listener: PresenceChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The current effective presence (refreshing it first, so reads never lag behind a late timer). */
  read(userId: string): PresenceSnapshot {
    return this.#refresh(userId);
  }

  sessions(userId: string): SessionView[] {
    this.#refresh(userId);
    const now = Date.now();
    return [...this.#entry(userId).state.sessions.values()].map((s) => ({
      ...s,
      shown: sessionDisplay(s, now, this.fadeMs),
    }));
  }

  setSession(userId: string, session: PresenceSession): PresenceSnapshot {
    return this.#mutate(userId, (state) => state.sessions.set(session.sessionId, session));
  }

  /** Returns false when there was no such live session. */
  removeSession(userId: string, sessionId: string): boolean {
    this.#refresh(userId);
    const existed = this.#entry(userId).state.sessions.has(sessionId);
    if (existed) this.#mutate(userId, (state) => state.sessions.delete(sessionId));
    return existed;
  }

  setPreferred(userId: string, preferred: PreferredPresence | undefined): PresenceSnapshot {
    return this.#mutate(userId, (state) => {
      state.preferred = preferred;
    });
  }

  setOutOfOffice(
    userId: string,
    outOfOffice: { isOutOfOffice: boolean; message: string | null },
  ): PresenceSnapshot {
    return this.#mutate(userId, (state) => {
      state.outOfOffice = { ...outOfOffice };
    });
  }

  /** The user's calendar / automatic replies changed (CalendarStore): presence follows them in real time. */
  setOutlookSignals(userId: string, signals: OutlookSignals | undefined): PresenceSnapshot {
    return this.#mutate(userId, (state) => {
      state.outlook = signals;
    });
  }

  setStatusMessage(userId: string, message: StatusMessageState | undefined): PresenceSnapshot {
    return this.#mutate(userId, (state) => {
      state.statusMessage = message;
    });
  }

  close(): void {
    this.#closed = true;
    for (const entry of this.#users.values()) clearTimeout(entry.timer);
    this.#listeners.clear();
  }

  #entry(userId: string): UserEntry {
    let entry = this.#users.get(userId);
    if (!entry) {
      const state = newUserPresenceState();
      const initial = effectivePresence(state, Date.now(), this.fadeMs);
      entry = { state, fingerprint: presenceFingerprint(initial), sequenceNumber: this.#clock.next() };
      this.#users.set(userId, entry);
    }
    return entry;
  }

  #mutate(userId: string, change: (state: UserPresenceState) => void): PresenceSnapshot {
    const entry = this.#entry(userId);
    pruneExpired(entry.state, Date.now());
    change(entry.state);
    return this.#refresh(userId);
  }

  #refresh(userId: string): PresenceSnapshot {
    const entry = this.#entry(userId);
    const now = Date.now();
    pruneExpired(entry.state, now);
    const presence = effectivePresence(entry.state, now, this.fadeMs);
    const fingerprint = presenceFingerprint(presence);
    const changed = fingerprint !== entry.fingerprint;
    if (changed) {
      entry.fingerprint = fingerprint;
      entry.sequenceNumber = this.#clock.next(now);
    }
    this.#schedule(userId, entry, now);
    const snapshot: PresenceSnapshot = { userId, sequenceNumber: entry.sequenceNumber, ...presence };
    if (changed && !this.#closed) for (const listener of this.#listeners) listener(snapshot);
    return snapshot;
  }

  #schedule(userId: string, entry: UserEntry, now: number): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.#closed) return;
    const at = nextTransitionAt(entry.state, now, this.fadeMs);
    if (at === undefined) return;
    // setTimeout fires at once past 2^31-1 ms (~24.8 days): far calendar events just re-arm the timer.
    entry.timer = setTimeout(() => this.#refresh(userId), Math.min(MAX_TIMER_MS, Math.max(0, at - now) + 1));
    entry.timer.unref();
  }
}
