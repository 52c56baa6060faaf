import { describe, expect, it } from "vitest";
import { defaultAutomaticReplies } from "../outlook/automatic-replies.ts";
import { effectivePresence, newUserPresenceState, nextTransitionAt } from "./presence-model.ts";
import type { OutlookSignals } from "./outlook-signals.ts";

const FADE = 1000;

function withOutlook(signals: Partial<OutlookSignals>) {
  const state = newUserPresenceState();
  state.outlook = { events: [], automaticReplies: defaultAutomaticReplies(0), ...signals };
  return state;
}

describe("presence from the mailbox", () => {
  it("a busy or tentative event in progress is Busy/InAMeeting; the person's more recent call wins the tie", () => {
    const state = withOutlook({
      events: [{ start: 100, end: 200, showAs: "tentative", isCancelled: false }],
    });
    expect(effectivePresence(state, 99, FADE)).toMatchObject({ availability: "Offline" });
    expect(effectivePresence(state, 100, FADE)).toMatchObject({
      availability: "Busy",
      activity: "InAMeeting",
    });
    expect(effectivePresence(state, 200, FADE)).toMatchObject({ availability: "Offline" });
    state.sessions.set("app", {
      sessionId: "app",
      kind: "app",
      availability: "Busy",
      activity: "InACall",
      lastSetAt: 150,
      fades: false,
    });
    expect(effectivePresence(state, 160, FADE)).toMatchObject({ activity: "InACall" });
    expect(nextTransitionAt(state, 0, FADE)).toBe(100);
    expect(nextTransitionAt(state, 100, FADE)).toBe(200);
  });

  it("automatic replies (scheduled window, or always) and oof events set outOfOfficeSettings", () => {
    const replies = {
      ...defaultAutomaticReplies(0),
      status: "scheduled" as const,
      scheduledStart: 1000,
      scheduledEnd: 2000,
      internalReplyMessage: "Away",
    };
    const state = withOutlook({ automaticReplies: replies });
    expect(effectivePresence(state, 999, FADE).outOfOffice).toEqual({ isOutOfOffice: false, message: null });
    expect(effectivePresence(state, 1000, FADE)).toMatchObject({
      activity: "OutOfOffice",
      outOfOffice: { isOutOfOffice: true, message: "Away" },
    });
    expect(nextTransitionAt(state, 1000, FADE)).toBe(2000);
    const oof = withOutlook({ events: [{ start: 0, end: 10, showAs: "oof", isCancelled: false }] });
    expect(effectivePresence(oof, 5, FADE).outOfOffice).toEqual({ isOutOfOffice: true, message: null });
    const cancelled = withOutlook({ events: [{ start: 0, end: 10, showAs: "oof", isCancelled: true }] });
    expect(effectivePresence(cancelled, 5, FADE).outOfOffice.isOutOfOffice).toBe(false);
  });
});
