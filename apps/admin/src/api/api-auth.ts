import { timingSafeEqual } from "node:crypto";

import type { RequestHandler } from "express";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Who may call the admin API: with ADMIN_API_TOKEN set, callers presenting it as a bearer token;
 * without it, only callers on this machine (loopback), as the demo and `docker compose` (admin bound to
 * 127.0.0.1) run it.
 */
export function apiAuth(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(token) : undefined;
  return (req, res, next) => {
    if (!expected) {
      if (LOOPBACK.has(req.socket.remoteAddress ?? "")) return next();
      res.status(401).json({
        error: "unauthorized",
        message: "Set ADMIN_API_TOKEN to use the admin API from another machine",
      });
      return;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res
      .status(401)
      .json({ error: "unauthorized", message: "A valid bearer token (ADMIN_API_TOKEN) is required" });
  };
}
