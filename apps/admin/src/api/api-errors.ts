import { BridgeError, type BridgeErrorCode } from "@presence/core";
import type { ErrorRequestHandler } from "express";
import type { Logger } from "@presence/telemetry";

const STATUS: Partial<Record<BridgeErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  missing_permission: 403,
  auth_revoked: 403,
  rate_limited: 429,
};

/**
 * Every error as `{ error: <code>, message }` with a fitting status; unexpected ones are logged.
 * The body parser's own refusals (malformed JSON, too large, unsupported charset) and the router's
 * (a path parameter that is no valid %-encoding) keep their 4xx.
 */
export function apiErrors(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, _req, res, _next) => {
    const clientError = bodyParserError(thrown);
    if (clientError) {
      res.status(clientError.status).json({ error: "invalid_input", message: clientError.message });
      return;
    }
    const error = BridgeError.from(thrown);
    const status = STATUS[error.code] ?? 500;
    if (status === 500) logger.error({ err: thrown }, "admin API error");
    res
      .status(status)
      .json({ error: error.code, message: status === 500 ? "Internal error" : error.message });
  };
}

function bodyParserError(thrown: unknown): { status: number; message: string } | null {
  if (typeof thrown !== "object" || thrown === null) return null;
  const { status, type } = thrown as { status?: unknown; type?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500) return null;
  if (thrown instanceof URIError) return { status, message: "The URL has a malformed %-escape" };
  if (typeof type !== "string") return null;
  const messages: Record<string, string> = {
    "entity.parse.failed": "The body is not valid JSON",
    "entity.too.large": "The body is too large",
    "charset.unsupported": "The body's charset is not supported (send UTF-8)",
    "encoding.unsupported": "The body's encoding is not supported",
    "request.aborted": "The request was aborted",
  };
  return { status, message: messages[type] ?? "The body could not be read" };
}
