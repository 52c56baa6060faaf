import type { IncomingMessage, ServerResponse } from "node:http";
import { ZodError } from "zod";
import type { ControlContext } from "../control/operation.ts";
import { isOperation, operations, runOperation } from "../control/slack-control.ts";
import { EmulatorError } from "../emulator-error.ts";
import { readBody, sendJson } from "./http-io.ts";

/** `GET /_emulator` lists the operations; `POST /_emulator/<operation>` runs one with a JSON body. */
export async function handleControl(
  ctx: ControlContext,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const name = path.replace(/^\/_emulator\/?/, "");
  if (name === "" && request.method === "GET") {
    sendJson(response, 200, { operations: Object.keys(operations) });
    return;
  }
  if (!isOperation(name)) {
    sendJson(response, 404, { error: "unknown_operation", operation: name });
    return;
  }
  if (request.method !== "POST") {
    sendJson(
      response,
      405,
      { error: "method_not_allowed", hint: "control operations are POST with a JSON body" },
      { allow: "POST" },
    );
    return;
  }
  try {
    const text = await readBody(request);
    const input: unknown = text.trim() === "" ? undefined : JSON.parse(text);
    sendJson(response, 200, (await runOperation(ctx, name, input)) ?? null);
  } catch (error) {
    if (error instanceof ZodError) sendJson(response, 400, { error: "invalid_input", issues: error.issues });
    else if (error instanceof SyntaxError) sendJson(response, 400, { error: "invalid_json" });
    else if (error instanceof EmulatorError) sendJson(response, error.status, { error: error.message });
    else sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
  }
}
