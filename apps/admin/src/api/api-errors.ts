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

/** Every error as `{ error: <code>, message }` with a fitting status; unexpected ones are logged. */
export function apiErrors(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, _req, res, _next) => {
    if (thrown instanceof SyntaxError && "body" in thrown) {
      res.status(400).json({ error: "invalid_input", message: "The body is not valid JSON" });
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
