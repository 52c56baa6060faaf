import { timingSafeEqual } from "node:crypto";

import type { Request, RequestHandler } from "express";

import type { AdminSettings } from "../admin-settings.ts";
import { principalOf } from "./principal.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses requests whose Host is not one the admin UI answers to (no DNS rebinding). */
export function hostAllowList(settings: AdminSettings): RequestHandler {
  return (req, res, next) => {
    const host = (req.get("host") ?? "").toLowerCase().replace(/:\d+$/, "");
    if (settings.allowedHosts.has(host)) return next();
    res.status(421).json({
      error: "invalid_input",
      message: `This admin app does not answer to host "${host}" (ADMIN_ALLOWED_HOSTS)`,
    });
  };
}

/**
 * Cross-site request forgery: a state-changing request with a body must send it as JSON (a cross-site
 * form cannot); unless it carries the API token it must come from the same origin (Origin header), and
 * from a browser session it must carry the session's token in X-CSRF-Token.
 */
export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (hasBody(req) && !req.is("application/json")) {
      res
        .status(415)
        .json({ error: "invalid_input", message: "Send the request as Content-Type: application/json" });
      return;
    }
    const principal = principalOf(res);
    if (principal?.via === "token") return next();
    if (!sameOrigin(req)) {
      res.status(403).json({ error: "forbidden", message: "Cross-origin request refused" });
      return;
    }
    if (principal?.via === "session") {
      const given = Buffer.from(req.get("x-csrf-token") ?? "");
      const expected = Buffer.from(principal.session.csrfToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(403).json({ error: "forbidden", message: "Missing or wrong X-CSRF-Token" });
        return;
      }
    }
    next();
  };
}

/** A body is coming (a type is named, or bytes follow): it must be JSON. A bodiless POST needs no type. */
function hasBody(req: Request): boolean {
  const length = Number(req.get("content-length") ?? 0);
  return req.get("content-type") !== undefined || length > 0 || req.get("transfer-encoding") !== undefined;
}

/** The Origin (or, without one, the Referer) names the host the request was sent to; none at all is a script. */
function sameOrigin(req: Request): boolean {
  const origin = req.get("origin") ?? req.get("referer");
  if (origin === undefined) return notFromAnotherSite(req);
  try {
    return new URL(origin).host.toLowerCase() === (req.get("host") ?? "").toLowerCase();
  } catch {
    return false;
  }
}

/** Browsers send Origin on every cross-site POST; a request without Origin or Referer is not from a web page. */
function notFromAnotherSite(req: Request): boolean {
  return req.get("sec-fetch-site") === undefined || req.get("sec-fetch-site") === "same-origin";
}

/** Refuses callers that are not signed-in admins (or the API token, or the local demo). */
export function requireAdmin(): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (principal?.admin) return next();
    if (principal) {
      res
        .status(403)
        .json({ error: "forbidden", message: "Only admins may do this (ask an admin to add you)" });
      return;
    }
    res.status(401).json({
      error: "unauthorized",
      message: "Sign in, or send the bearer token ADMIN_API_TOKEN",
    });
  };
}

/** Refuses callers without a browser session (the self-service routes act on the signed-in person). */
export function requireSession(): RequestHandler {
  return (_req, res, next) => {
    if (principalOf(res)?.via === "session") return next();
    res.status(401).json({ error: "unauthorized", message: "Sign in with Slack or Microsoft first" });
  };
}
