import { LogLevel } from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import { describe, expect, it, onTestFinished } from "vitest";
import type { SlackEmulatorOptions } from "../emulator-options.ts";
import type { SlackEmulator } from "../start-slack-emulator.ts";
import { emulatorForTest, stopBeforeEmulator } from "../test-helpers.ts";
import { startEventReceiver } from "../testing/event-receiver.ts";
import type { EventReceiver, ReceivedRequest } from "../testing/event-receiver.ts";
import { seedWorkspace } from "../testing/seed.ts";

const FAST: SlackEmulatorOptions = { delivery: { ackTimeoutMs: 300, retryDelaysMs: [10, 20, 30] } };

interface Setup {
  emulator: SlackEmulator;
  events: EventReceiver;
  /** Sets grace's status (one user_change). */
  status(text: string): void;
}

async function setup(): Promise<Setup> {
  const emulator = await emulatorForTest(FAST);
  const events = await startEventReceiver();
  onTestFinished(() => events.close());
  const seeded = seedWorkspace(emulator, { app: { requestUrl: events.url, botEvents: ["user_change"] } });
  const grace = seeded.people[1]?.id ?? "";
  return {
    emulator,
    events,
    status: (text) => emulator.control.setStatus({ userId: grace, text, emoji: ":speech_balloon:" }),
  };
}

const statusText = (request: ReceivedRequest): string =>
  String(
    (request.body?.event as { user?: { profile?: { status_text?: string } } }).user?.profile?.status_text,
  );

describe("Events API fault injection", () => {
  it("drop: the event is never delivered and not retried; the next one is", async () => {
    const { emulator, events, status } = await setup();
    const fault = emulator.control.injectFault({ target: "events", kind: "drop", times: 1 });
    status("lost");
    status("kept");
    await emulator.control.idle();
    expect(events.requests.map(statusText)).toEqual(["kept"]);
    const [lost, kept] = emulator.control.deliveries({ eventType: "user_change" });
    expect(lost).toMatchObject({ state: "dropped", fault: fault.id, attempts: [] });
    expect(kept).toMatchObject({ state: "delivered", fault: null });
    expect(emulator.control.faults()).toEqual([]);
  });

  it("duplicate: delivered twice with the same event_id, the second with Slack's retry headers", async () => {
    const { emulator, events, status } = await setup();
    const fault = emulator.control.injectFault({
      target: "events",
      kind: "duplicate",
      eventType: "user_change",
      times: 1,
    });
    status("twice");
    const received = await events.waitFor(2);
    await emulator.control.idle();
    expect(events.requests).toHaveLength(2);
    expect(received[0]?.body?.event_id).toBe(received[1]?.body?.event_id);
    expect(received.map((r) => [r.headers["x-slack-retry-num"], r.headers["x-slack-retry-reason"]])).toEqual([
      [undefined, undefined],
      ["1", "http_timeout"],
    ]);
    const [delivery] = emulator.control.deliveries({ eventType: "user_change" });
    expect(delivery).toMatchObject({ state: "delivered", fault: fault.id });
    expect(delivery?.attempts.map((a) => [a.retryNum, a.retryReason, a.outcome, a.fault])).toEqual([
      [0, "", "ok", undefined],
      [1, "http_timeout", "ok", fault.id],
    ]);
  });

  it("reorder: the event is held back and arrives after the next one of the same workspace", async () => {
    const { emulator, events, status } = await setup();
    const fault = emulator.control.injectFault({ target: "events", kind: "reorder", times: 1 });
    status("first");
    await emulator.control.idle();
    expect(events.requests).toEqual([]);
    status("second");
    expect((await events.waitFor(2)).map(statusText)).toEqual(["second", "first"]);
    status("third"); // the fault is spent: in order again
    await events.waitFor(3);
    await emulator.control.idle();
    expect(events.requests.map(statusText)).toEqual(["second", "first", "third"]);
    const deliveries = emulator.control.deliveries({ eventType: "user_change" });
    expect(deliveries.map((d) => [d.state, d.fault])).toEqual([
      ["delivered", fault.id],
      ["delivered", null],
      ["delivered", null],
    ]);
    expect(events.requests[1]?.body?.event_id).toBe(deliveries[0]?.eventId);
  });

  it("reorder: clearFaults releases an event still held back", async () => {
    const { emulator, events, status } = await setup();
    emulator.control.injectFault({ target: "events", kind: "reorder" });
    status("held");
    await emulator.control.idle();
    expect(events.requests).toEqual([]);
    expect(emulator.control.clearFaults()).toEqual({ cleared: 1, released: 1 });
    expect((await events.waitFor(1)).map(statusText)).toEqual(["held"]);
  });

  it("delay: the event arrives at least delayMs later; other event types are not affected", async () => {
    const { emulator, events, status } = await setup();
    const fault = emulator.control.injectFault({
      target: "events",
      kind: "delay",
      delayMs: 300,
      times: 1,
    });
    emulator.control.injectFault({ target: "events", kind: "drop", eventType: "dnd_updated" });
    const started = Date.now();
    status("late");
    const [late] = await events.waitFor(1);
    expect((late?.receivedAt ?? 0) - started).toBeGreaterThanOrEqual(300);
    expect(await emulator.control.waitForDeliveries({ eventType: "user_change" })).toMatchObject([
      { state: "delivered", fault: fault.id },
    ]);
    const again = Date.now();
    status("prompt");
    const [, prompt] = await events.waitFor(2);
    expect((prompt?.receivedAt ?? 0) - again).toBeLessThan(300);
  });

  it("duplicate over Socket Mode: a second envelope with retry_attempt and retry_reason", async () => {
    const emulator = await emulatorForTest(FAST);
    const seeded = seedWorkspace(emulator, { app: { socketMode: true, botEvents: ["user_change"] } });
    const client = new SocketModeClient({
      appToken: seeded.appToken,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    const received: { retry_num: number; retry_reason: string; body: Record<string, unknown> }[] = [];
    client.on("user_change", async (envelope: (typeof received)[number] & { ack: () => Promise<void> }) => {
      received.push(envelope);
      await envelope.ack();
    });
    await client.start();
    stopBeforeEmulator(() => client.disconnect());
    emulator.control.injectFault({ target: "events", kind: "duplicate" });
    emulator.control.setStatus({ userId: seeded.people[1]?.id ?? "", text: "Twice", emoji: ":two:" });
    await emulator.control.idle();
    expect(received.map((e) => [e.retry_num, e.retry_reason])).toEqual([
      [0, ""],
      [1, "timeout"],
    ]);
    expect(received[0]?.body.event_id).toBe(received[1]?.body.event_id);
  });
});
