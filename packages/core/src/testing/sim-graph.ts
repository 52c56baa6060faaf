import type { TeamsPresence, TeamsView } from "../model/facets.ts";
import { teamsPresenceFingerprint, teamsStatusMessageFingerprint } from "../model/fingerprint.ts";
import type { GraphActivity, GraphAvailability } from "../model/vocabulary.ts";
import type { Observation } from "../sync/types.ts";
import type { TeamsWriteOp } from "../sync/write-plan.ts";
import type { SimEvent } from "./sim-slack.ts";

interface Session {
  availability: GraphAvailability;
  activity: GraphActivity;
  setAt: number;
  expiresAt: number;
}

const FADE_MS = 5 * 60_000;
const APP_SESSION_MS = 60 * 60_000;
const SESSION_RANK: Partial<Record<GraphAvailability, number>> = {
  DoNotDisturb: 4,
  Busy: 3,
  Available: 2,
  Away: 1,
};

/**
 * A simulated Graph presence for one person: the person's Teams client session and the bridge
 * app's session combine DoNotDisturb > Busy > Available > Away (ties: the newer), a user-preferred
 * state overrides both, an Available app session fades to AvailableIdle after 5 minutes and Away
 * after 10 unless posted again, and every change of the effective presence bumps sequenceNumber
 * and sends a change notification.
 */
export class SimGraph {
  personSession: Session | null = null;
  appSession: Session | null = null;
  preferred: TeamsPresence | null = null;
  outOfOffice = false;
  message = "";
  readonly bridgeWrites: string[] = [];
  private seq = 0;
  private lastView = "";

  constructor(private readonly emit: (event: SimEvent) => void) {}

  /** The presence Graph reports. */
  effective(now: number): TeamsPresence {
    const live = [this.personSession, this.appSession].filter(
      (s): s is Session => s !== null && s.expiresAt > now,
    );
    if (live.length === 0) return { availability: "Offline", activity: "Offline" };
    if (this.preferred) return this.preferred;
    const shown = live.map((s) => (s === this.appSession ? faded(s, now) : s));
    shown.sort(
      (a, b) =>
        (SESSION_RANK[b.availability] ?? 0) - (SESSION_RANK[a.availability] ?? 0) || b.setAt - a.setAt,
    );
    const top = shown[0];
    return top
      ? { availability: top.availability, activity: top.activity }
      : { availability: "Offline", activity: "Offline" };
  }

  /** What the person alone shows (no bridge session): the ground truth for origin checks. */
  personOwn(now: number): TeamsView {
    const session = this.personSession && this.personSession.expiresAt > now ? this.personSession : null;
    const presence: TeamsPresence =
      this.preferred ??
      (session
        ? { availability: session.availability, activity: session.activity }
        : { availability: "Offline", activity: "Offline" });
    return { presence, outOfOffice: { isOutOfOffice: this.outOfOffice } };
  }

  view(now: number): TeamsView {
    return {
      presence: this.effective(now),
      outOfOffice: { isOutOfOffice: this.outOfOffice },
      statusMessage: { text: this.message, expiresAt: null },
    };
  }

  /** Sends a notification when the effective state changed; returns whether it did. */
  notifyIfChanged(now: number): boolean {
    const view = JSON.stringify(this.view(now));
    if (view === this.lastView) return false;
    this.lastView = view;
    this.seq += 1;
    this.emit({ eventId: `N${this.seq}`, observation: this.observation(now) });
    return true;
  }

  private observation(now: number): Observation {
    return {
      side: "teams",
      version: String(this.seq).padStart(12, "0"),
      observedAt: now,
      facets: this.view(now),
    };
  }

  /** getPresencesByUserId: a read carrying the current sequenceNumber. */
  poll(now: number): Observation {
    this.notifyIfChanged(now);
    return this.observation(now);
  }

  setPersonSession(pair: TeamsPresence | null, now: number): void {
    this.personSession = pair ? { ...pair, setAt: now, expiresAt: Number.POSITIVE_INFINITY } : null;
    this.notifyIfChanged(now);
  }

  setPreferred(pair: TeamsPresence | null, now: number): void {
    this.preferred = pair;
    this.notifyIfChanged(now);
  }

  setOutOfOffice(on: boolean, now: number): void {
    this.outOfOffice = on;
    this.notifyIfChanged(now);
  }

  setMessage(text: string, now: number): void {
    this.message = text;
    this.notifyIfChanged(now);
  }

  /** setPresence / clearPresence / setStatusMessage by the bridge (clearPresence of no session is a 404: done). */
  apply(op: TeamsWriteOp, now: number): void {
    if (op.facet === "session") {
      const before = this.appSession ? teamsPresenceFingerprint(this.appSession) : "none";
      this.appSession =
        op.action === "set"
          ? {
              availability: op.value.availability,
              activity: op.value.activity,
              setAt: now,
              expiresAt: now + APP_SESSION_MS,
            }
          : null;
      const after = this.appSession ? teamsPresenceFingerprint(this.appSession) : "none";
      if (after !== before) this.bridgeWrites.push(`session:${after}`);
    } else if (op.facet === "statusMessage") {
      const before = teamsStatusMessageFingerprint({ text: this.message });
      this.message = op.action === "set" ? op.value.text : "";
      const after = teamsStatusMessageFingerprint({ text: this.message });
      if (after !== before) this.bridgeWrites.push(`statusMessage:${after}`);
    } else {
      this.preferred =
        op.action === "set" ? { availability: op.value.availability, activity: op.value.activity } : null;
      this.bridgeWrites.push(`preferred:${op.action}`);
    }
    this.notifyIfChanged(now);
  }
}

function faded(session: Session, now: number): Session {
  if (session.availability !== "Available") return session;
  const idle = now - session.setAt;
  if (idle >= 2 * FADE_MS) return { ...session, availability: "Away", activity: "Away" };
  if (idle >= FADE_MS) return { ...session, availability: "AvailableIdle", activity: "Inactive" };
  return session;
}
