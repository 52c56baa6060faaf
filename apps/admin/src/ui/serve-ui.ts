import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import express, { type Request, type Response, type Router } from "express";

import { principalOf } from "../auth/principal.ts";

/** Where `pnpm --filter @presence/admin-web build` puts the UI. */
export const UI_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** The UI's pages (client-side routes); each is served the same index.html. */
export const UI_PAGES = /^\/(?:|signin|people(?:\/[^/]+)?|rules|settings|audit|admins|me|demo)\/?$/;
/** Pages an employee who is not an admin may open. */
const OPEN_PAGES = new Set(["/signin", "/me"]);

/**
 * Serves the admin UI: hashed static assets (public, cached), and the pages, each behind sign-in — a
 * visitor without a session is sent to /signin, a signed-in employee who is not an admin to /me.
 */
export function serveUi(distDir = UI_DIST): Router {
  const router = express.Router();
  const indexFile = join(distDir, "index.html");
  const built = existsSync(indexFile);
  const index = built ? readFileSync(indexFile, "utf8") : "";
  router.use(
    "/assets",
    express.static(join(distDir, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: false,
    }),
  );
  router.get(UI_PAGES, (req: Request, res: Response) => {
    if (!built) {
      res
        .status(503)
        .type("text/plain")
        .send("The admin UI is not built. Run `pnpm build` (or `pnpm --filter @presence/admin-web build`).");
      return;
    }
    const path = req.path.replace(/\/+$/, "") || "/";
    const principal = principalOf(res);
    const session = principal?.via === "session";
    if (!session && path !== "/signin") {
      res.redirect(302, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (session && !principal.admin && !OPEN_PAGES.has(path)) {
      res.redirect(302, "/me");
      return;
    }
    res.status(200).set("Cache-Control", "no-store").type("html").send(index);
  });
  return router;
}
