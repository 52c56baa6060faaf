// Shared by this package's tests only (not exported).
import { LogLevel, WebClient } from "@slack/web-api";
import { expect, onTestFinished } from "vitest";
import type { SlackEmulatorOptions } from "./emulator-options.ts";
import { startSlackEmulator } from "./start-slack-emulator.ts";
import type { SlackEmulator } from "./start-slack-emulator.ts";

/** A WebClient pointed at the emulator, with the SDK's retries off (as the bridge runs it). */
export function webClient(
  emulator: SlackEmulator,
  token?: string,
  options: { rejectRateLimitedCalls?: boolean } = {},
): WebClient {
  return new WebClient(token, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? true,
  });
}

const beforeClose: (() => unknown)[] = [];

/** Stops an SDK client (Bolt App, SocketModeClient) at the end of the test, before the emulator closes. */
export function stopBeforeEmulator(stop: () => unknown): void {
  beforeClose.push(stop);
}

/** Starts an emulator for one test and closes it afterwards, checking it produced nothing off-spec. */
export async function emulatorForTest(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const emulator = await startSlackEmulator(options);
  onTestFinished(async () => {
    for (const stop of beforeClose.splice(0).reverse()) await stop();
    await emulator.close();
    expect(emulator.control.specViolations()).toEqual([]);
  });
  return emulator;
}

/** The `data` of a WebAPIPlatformError (an `{ok:false}` answer). */
export async function slackError(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: Record<string, unknown> }).data;
    if (data) return data;
    throw error;
  }
  throw new Error("expected the call to fail");
}
