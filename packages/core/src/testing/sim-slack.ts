import type { SlackDnd, SlackStatus, SlackView } from "../model/facets.ts";
import { slackDndFingerprint, slackStatusFingerprint } from "../model/fingerprint.ts";
import type { Observation } from "../sync/types.ts";
import type { SlackWriteOp } from "../sync/write-plan.ts";

export interface SimEvent {
  eventId: string;
  observation: Observation;
}

const CLEARED: SlackStatus = { text: "", emoji: "", expiresAt: null };

/**
 * A simulated Slack for one person, faithful to what matters for loop protection: every status
 * write (the person's or the bridge's) fires `user_change` and `user_status_changed`, each with its
 * own event id; a huddle change fires `user_change` and `user_huddle_changed`; a snooze change fires
 * `dnd_updated`; statuses and snoozes expire; presence has no event (poll only).
 */
export class SimSlack {
  status: SlackStatus = CLEARED;
  dnd: SlackDnd = { snoozed: false, until: null };
  huddle = false;
  away = false;
  /** Fingerprints of every value the bridge's writes put on Slack, in order (distinct transitions only). */
  readonly bridgeWrites: string[] = [];
  private seq = 0;

  constructor(private readonly emit: (event: SimEvent) => void) {}

  private nextVersion(now: number): string {
    this.seq += 1;
    return `${Math.floor(now / 1000)}.${String(this.seq).padStart(6, "0")}`;
  }

  private send(now: number, kinds: string[], facets: SlackView): void {
    const version = this.nextVersion(now);
    for (const kind of kinds) {
      this.emit({
        eventId: `Ev${this.seq}-${kind}`,
        observation: { side: "slack", version, observedAt: now, facets },
      });
    }
  }

  setStatus(status: SlackStatus, now: number): void {
    this.status = status;
    this.send(now, ["user_change", "user_status_changed"], {
      status: this.status,
      huddle: { inHuddle: this.huddle },
    });
  }

  setHuddle(inHuddle: boolean, now: number): void {
    this.huddle = inHuddle;
    this.send(now, ["user_change", "user_huddle_changed"], { status: this.status, huddle: { inHuddle } });
  }

  setSnooze(until: number | null, now: number): void {
    this.dnd = until === null ? { snoozed: false, until: null } : { snoozed: true, until };
    this.send(now, ["dnd_updated"], { dnd: this.dnd });
  }

  /** What users.profile.set, dnd.setSnooze/endSnooze and users.setPresence do. */
  apply(op: SlackWriteOp, now: number): void {
    const before = this.fingerprint(op.facet);
    if (op.facet === "status") this.setStatus(op.action === "set" ? op.value : CLEARED, now);
    else if (op.facet === "dnd") this.setSnooze(op.action === "set" ? op.value.until : null, now);
    else this.away = op.action === "set";
    const after = this.fingerprint(op.facet);
    if (after !== before) this.bridgeWrites.push(`${op.facet}:${after}`);
  }

  private fingerprint(facet: SlackWriteOp["facet"]): string {
    if (facet === "status") return slackStatusFingerprint(this.status);
    if (facet === "dnd") return slackDndFingerprint(this.dnd);
    return this.away ? "away" : "auto";
  }

  /** Slack clears expired statuses and snoozes by itself. Returns true when something expired. */
  tick(now: number): boolean {
    let expired = false;
    if (this.status.expiresAt !== null && this.status.expiresAt <= now) {
      this.setStatus(CLEARED, now);
      expired = true;
    }
    if (this.dnd.snoozed && this.dnd.until !== null && this.dnd.until <= now) {
      this.setSnooze(null, now);
      expired = true;
    }
    return expired;
  }

  /** A fresh read of everything (users.profile.get, dnd.info, users.getPresence). */
  poll(now: number): Observation {
    return {
      side: "slack",
      version: "",
      observedAt: now,
      facets: {
        status: this.status,
        dnd: this.dnd,
        huddle: { inHuddle: this.huddle },
        presence: { away: this.away },
      },
    };
  }
}
