import type { Response } from "express";
import { clientRequestId, requestId } from "../http-context.ts";

/** `date` as Graph writes it in innerError: seconds precision, no zone letter (reference §5 examples). */
function innerDate(): string {
  return new Date().toISOString().slice(0, 19);
}

/**
 * Graph's error shape (reference §5, §7.4): `application/json`, `{"error":{"code","message","innerError":{"date",
 * "request-id","client-request-id"}}}` with a capital E — the SDK reads nothing else.
 */
export function sendGraphError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: { retryAfterS?: number; inner?: Record<string, string> } = {},
): void {
  if (extra.retryAfterS !== undefined) res.setHeader("Retry-After", String(extra.retryAfterS));
  res
    .status(status)
    .type("application/json")
    .send(
      JSON.stringify({
        error: {
          code,
          message,
          innerError: {
            ...extra.inner,
            date: innerDate(),
            "request-id": requestId(res),
            "client-request-id": clientRequestId(res),
          },
        },
      }),
    );
}

/** 429 as in the throttling doc sample (reference §5): code TooManyRequests with the inner code/status. */
export function sendTooManyRequests(res: Response, retryAfterS: number): void {
  sendGraphError(res, 429, "TooManyRequests", "Please retry again later.", {
    retryAfterS,
    inner: { code: "429", message: "Please retry after", status: "429" },
  });
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const ODATA_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** A JSON success with the OData headers real Graph sends (reference §5). */
export function sendGraphJson(res: Response, status: number, body: unknown): void {
  res.setHeader("OData-Version", "4.0");
  res.status(status).type(ODATA_JSON).send(JSON.stringify(body));
}

/**
 * Actions (setPresence & co.) answer `200` with no body and no Content-Type: the Graph SDK throws on 200 + JSON content
 * type + empty body (reference §7.4).
 */
export function sendEmptyOk(res: Response): void {
  res.status(200).end();
}
