import { describe, expect, it } from "vitest";
import {
  effectivePresence,
  newUserPresenceState,
  nextTransitionAt,
  type PresenceSession,
} from "./presence-model.ts";
import type { Activity, Availability } from "./vocabulary.ts";

const FADE = 1000;

function session(
  id: string,
  availability: Availability,
  activity: Activity,
  lastSetAt = 0,
  fades = false,
): PresenceSession {
  return { sessionId: id, kind: "app", availability, activity, lastSetAt, fades };
}

function stateWith(...sessions: PresenceSession[]) {
  const state = newUserPresenceState();
  for (const s of sessions) state.sessions.set(s.sessionId, s);
  return state;
}

describe("effectivePresence", () => {
  it("ranks DoNotDisturb > Busy > Available > AvailableIdle > BeRightBack > Away > Offline", () => {
    const order: [Availability, Activity][] = [
      ["DoNotDisturb", "Presenting"],
      ["Busy", "InACall"],
      ["Available", "Available"],
      ["BeRightBack", "BeRightBack"],
      ["Away", "Away"],
      ["Offline", "OffWork"],
    ];
    for (let i = 0; i < order.length - 1; i += 1) {
      const [highA, highB] = order[i] ?? [];
      const [lowA, lowB] = order[i + 1] ?? [];
      if (!highA || !highB || !lowA || !lowB) throw new Error("bad table");
      const state = stateWith(session("low", lowA, lowB, 10), session("high", highA, highB, 0));
      expect(effectivePresence(state, 20, FADE)).toMatchObject({ availability: highA, activity: highB });
    }
  });

  it("a fresh Available beats a faded one; ties go to the most recent session", () => {
    const state = stateWith(
      session("old", "Available", "Available", 0, true),
      session("new", "Available", "Available", 1500, true),
    );
    expect(effectivePresence(state, 1600, FADE)).toMatchObject({
      availability: "Available",
      activity: "Available",
    });
    const tie = stateWith(session("a", "Busy", "InACall", 0), session("b", "Busy", "InAConferenceCall", 5));
    expect(effectivePresence(tie, 10, FADE).activity).toBe("InAConferenceCall");
  });

  it("shows out of office on an Available or Offline activity only", () => {
    const available = stateWith(session("a", "Available", "Available"));
    available.outOfOffice = { isOutOfOffice: true, message: null };
    expect(effectivePresence(available, 0, FADE)).toMatchObject({
      availability: "Available",
      activity: "OutOfOffice",
    });
    const offline = newUserPresenceState();
    offline.outOfOffice = { isOutOfOffice: true, message: null };
    expect(effectivePresence(offline, 0, FADE)).toMatchObject({
      availability: "Offline",
      activity: "OutOfOffice",
    });
    const inCall = stateWith(session("a", "Busy", "InACall"));
    inCall.outOfOffice = { isOutOfOffice: true, message: null };
    expect(effectivePresence(inCall, 0, FADE)).toMatchObject({
      availability: "Busy",
      activity: "InACall",
      outOfOffice: { isOutOfOffice: true },
    });
  });

  it("names the next fade and expiry instants", () => {
    const state = stateWith({ ...session("a", "Available", "Available", 0, true), expiresAt: 5000 });
    expect(nextTransitionAt(state, 0, FADE)).toBe(1000);
    expect(nextTransitionAt(state, 1000, FADE)).toBe(2000);
    expect(nextTransitionAt(state, 2000, FADE)).toBe(5000);
    expect(nextTransitionAt(state, 5000, FADE)).toBeUndefined();
  });
});
