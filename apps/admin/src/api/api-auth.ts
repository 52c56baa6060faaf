import { timingSafeEqual } from "node:crypto";

import type { RequestHandler } from "express";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export interface ApiAuthOptions {
  /** ADMIN_API_TOKEN */
  token: string | undefined;
  /**
   * Without a token, serve callers on this machine. Only for the zero-config demo: once the bridge is
   * reachable from outside (PUBLIC_BASE_URL) or stores real data (DATABASE_URL), a same-host reverse
   * proxy would make every Internet request look local, so the token is required.
   */
  allowLocalWithoutToken: boolean;
}

/** Who may call the admin API: a bearer token (ADMIN_API_TOKEN), or — in the demo only — a local caller. */
export function apiAuth(options: ApiAuthOptions): RequestHandler {
  const expected = options.token ? Buffer.from(options.token) : undefined;
  return (req, res, next) => {
    if (expected) {
      const given = Buffer.from(/^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "");
      if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
      res
        .status(401)
        .json({ error: "unauthorized", message: "A valid bearer token (ADMIN_API_TOKEN) is required" });
      return;
    }
    const proxied = req.get("x-forwarded-for") !== undefined || req.get("forwarded") !== undefined;
    if (options.allowLocalWithoutToken && !proxied && LOOPBACK.has(req.socket.remoteAddress ?? ""))
      return next();
    res.status(401).json({
      error: "unauthorized",
      message:
        "Set ADMIN_API_TOKEN to use the admin API (without it only local callers of the zero-config demo are served)",
    });
  };
}
