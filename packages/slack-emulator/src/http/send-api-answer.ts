import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ApiResponse } from "../web-api/dispatch.ts";
import { sendJson } from "./http-io.ts";

/** Writes a Web API answer, carrying out injected faults: hold it back (`delayMs`) or hang up (`drop`). */
export async function sendApiAnswer(
  response: ServerResponse,
  answer: ApiResponse,
  signal: AbortSignal,
): Promise<void> {
  if (answer.drop) {
    response.destroy();
    return;
  }
  if (answer.delayMs !== undefined && answer.delayMs > 0) {
    try {
      await sleep(answer.delayMs, undefined, { signal });
    } catch {
      response.destroy();
      return;
    }
  }
  sendJson(response, answer.status, answer.body, answer.headers);
}
