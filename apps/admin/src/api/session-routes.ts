import { appendSyncEvents, deleteWebSession, type DbClient } from "@presence/db";
import express, { type Router } from "express";

import type { AdminSettings } from "../admin-settings.ts";
import { principalOf } from "../auth/principal.ts";
import { clearCookie, readCookie, SESSION_COOKIE } from "../auth/session-cookie.ts";

/** /api/session: who is signed in (and the CSRF token the UI sends back), and signing out. */
export function sessionRoutes(
  db: DbClient,
  settings: AdminSettings,
  demoAdminLoginHint: string | null,
): Router {
  const router = express.Router();

  router.get("/session", (_req, res) => {
    const principal = principalOf(res);
    const session = principal?.via === "session" ? principal.session : null;
    res.set("Cache-Control", "no-store").json({
      user: session
        ? {
            name: session.name,
            email: session.email,
            provider: session.provider === "slack" ? "slack" : "microsoft",
            admin: principal?.admin ?? false,
          }
        : null,
      csrfToken: session?.csrfToken ?? null,
      signIn: { microsoft: settings.microsoft !== null, slack: settings.slack !== null },
      demo: settings.demo && demoAdminLoginHint ? { adminLoginHint: demoAdminLoginHint } : null,
    });
  });

  router.delete("/session", async (req, res) => {
    const principal = principalOf(res);
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) await deleteWebSession(db, cookie);
    if (principal?.via === "session")
      await appendSyncEvents(
        db,
        null,
        [
          {
            kind: "signed_in",
            side: null,
            message: `${principal.actor.name} signed out`,
            detail: { signedOut: true },
          },
        ],
        principal.actor.name,
      );
    clearCookie(res, settings.baseUrl, SESSION_COOKIE, "/");
    res.json({ signedOut: true });
  });

  return router;
}
