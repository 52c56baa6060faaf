import type { ExternalState } from "@presence/core";

import { signedReport } from "./signed-request.ts";
import { startTestReceiver, type Received, type TestReceiver } from "./test-receiver.ts";

/** A state as a system reports it (times as ISO 8601, like the contract's JSON). */
export type ReportedState = Pick<ExternalState, "availability" | "activity"> & { until: string | null };

/**
 * A connected third-party system, both ways: it reports people's states to the bridge signed with the
 * connection's secret, and receives deliveries at its URL, refusing (401) any whose signature does not
 * match; with `mirror` on it reports every state it accepts straight back, as the loop protection
 * property test's system does. Scripted answers (`receiver.answers`, e.g. a 429) are not mirrored.
 */
export interface TestSystem {
  receiver: TestReceiver;
  mirror: boolean;
  /** Reports a person's state now (occurredAt increases with every report); answers the HTTP status. */
  report(email: string, state: ReportedState | null): Promise<number>;
  /** The last delivery about a person. */
  lastDelivery(email: string): Received | undefined;
  /** Waits until every report made so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSystem(options: {
  /** The bridge's base URL (reports go to <url>/webhooks/<connectionId>). */
  bridgeUrl: string;
  connectionId: string;
  secret: string;
}): Promise<TestSystem> {
  const pending = new Set<Promise<number>>();
  let lastOccurredAt = 0;
  const receiver = await startTestReceiver(options.secret);
  const system: TestSystem = {
    receiver,
    mirror: false,
    report(email, state) {
      lastOccurredAt = Math.max(Date.now(), lastOccurredAt + 1);
      const body = JSON.stringify({
        person: { email },
        state,
        occurredAt: new Date(lastOccurredAt).toISOString(),
      });
      const sent = fetch(`${options.bridgeUrl}/webhooks/${options.connectionId}`, {
        method: "POST",
        body,
        headers: signedReport(options.secret, body),
      }).then(async (response) => {
        await response.body?.cancel();
        return response.status;
      });
      pending.add(sent);
      void sent.finally(() => pending.delete(sent)).catch(() => undefined);
      return sent;
    },
    lastDelivery: (email) =>
      receiver.received.findLast((r) => (r.body.person as { email?: unknown } | undefined)?.email === email),
    async settled() {
      await Promise.allSettled([...pending]);
    },
    close: () => receiver.close(),
  };
  receiver.onDelivery = async (received) => {
    if (!received.signatureValid) {
      receiver.answers.unshift({ status: 401 });
      return;
    }
    const next = receiver.answers[0]?.status ?? 200;
    if (!system.mirror || next < 200 || next >= 300) return;
    const person = received.body.person as { email: string };
    void system.report(person.email, reportedBack(received.body.state as ReportedState | null));
  };
  return system;
}

/** What a system reports of a state it was sent: availability, activity and a still future until. */
function reportedBack(state: ReportedState | null): ReportedState | null {
  if (!state) return null;
  const until = state.until !== null && Date.parse(state.until) > Date.now() + 1000 ? state.until : null;
  return { availability: state.availability, activity: state.activity, until };
}
