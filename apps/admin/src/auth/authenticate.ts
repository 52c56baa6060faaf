import { timingSafeEqual } from "node:crypto";

import { findWebSession, isAdmin, type DbClient } from "@presence/db";
import type { RequestHandler } from "express";

import type { AdminSettings } from "../admin-settings.ts";
import { isLocalRequest } from "./local-request.ts";
import { sessionActor, type Principal } from "./principal.ts";
import { readCookie, SESSION_COOKIE } from "./session-cookie.ts";

/**
 * Finds out who is calling (never refuses by itself): a bearer token (ADMIN_API_TOKEN; a wrong one
 * is refused at once), a session cookie, or — in the zero-config demo only — a caller on this machine.
 * Admin rights of a session are looked up on every request, so the allow-list takes effect at once.
 */
export function authenticate(db: DbClient, settings: AdminSettings): RequestHandler {
  const expected = settings.apiToken ? Buffer.from(settings.apiToken) : undefined;
  return async (req, res, next) => {
    const bearer = /^Bearer (.+)$/i.exec(req.get("authorization") ?? "")?.[1];
    if (bearer !== undefined) {
      const given = Buffer.from(bearer);
      if (expected && given.length === expected.length && timingSafeEqual(given, expected)) {
        res.locals.principal = {
          via: "token",
          admin: true,
          actor: { name: "api-token" },
        } satisfies Principal;
        return next();
      }
      res.status(401).json({ error: "unauthorized", message: "The bearer token is not ADMIN_API_TOKEN" });
      return;
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie ? await findWebSession(db, cookie, settings.sessionIdleMs) : null;
    if (session) {
      const admin = await isAdmin(db, {
        provider: session.provider === "slack" ? "slack" : "microsoft",
        tenantId: session.tenantId,
        userId: session.userId,
        email: session.email,
        groups: session.groups,
      });
      res.locals.principal = {
        via: "session",
        admin,
        actor: sessionActor(session),
        session,
      } satisfies Principal;
    } else if (settings.demo && isLocalRequest(req)) {
      res.locals.principal = {
        via: "local-demo",
        admin: true,
        actor: { name: "local-demo" },
      } satisfies Principal;
    }
    next();
  };
}
