import { isBridgeError } from "@presence/core";
import {
  appendSyncEvents,
  createWebSession,
  type DbClient,
  type KeyRing,
  isKnownSlackWorkspace,
} from "@presence/db";
import type { Logger } from "@presence/telemetry";
import express, { type Request, type Response, type Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import proxyaddr from "proxy-addr";

import type { AdminSettings } from "../admin-settings.ts";
import { microsoftAuthorizeUrl, redeemMicrosoftCode, type MicrosoftSignIn } from "./microsoft-sign-in.ts";
import { sessionActor } from "./principal.ts";
import { clearCookie, cookieOptions, FLOW_COOKIE, readCookie, SESSION_COOKIE } from "./session-cookie.ts";
import { newSignInFlow, saveSignInFlow, takeSignInFlow, type SignInFlow } from "./sign-in-flow.ts";
import type { SignedIn } from "./signed-in.ts";
import { redeemSlackCode, slackAuthorizeUrl } from "./slack-sign-in.ts";

export const MICROSOFT_CALLBACK = "/auth/microsoft/callback";
export const SLACK_CALLBACK = "/auth/slack/callback";

export interface SignInRoutesDeps {
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  settings: AdminSettings;
  microsoft: MicrosoftSignIn | null;
  /** Sign-in requests allowed per client address and minute. */
  attemptsPerMinute?: number;
}

/**
 * Browser sign-in with Microsoft (Entra, OpenID Connect) or Slack ("Sign in with Slack"): auth code
 * with PKCE and a nonce; the flow is kept server-side, single use, bound to the browser by a cookie on
 * /auth. A finished sign-in starts a server-side session (HttpOnly, SameSite=Lax cookie). Who may
 * administer is decided per request from the allow-list; anyone of the organisation may sign in to
 * the self-service page.
 */
export function signInRoutes(deps: SignInRoutesDeps): Router {
  const { db, ring, logger, settings } = deps;
  const router = express.Router();
  // The browser's address: the socket's, or what a trusted reverse proxy says it forwarded.
  const trust = proxyaddr.compile([...settings.trustedProxies]);
  router.use(
    "/auth",
    rateLimit({
      windowMs: 60_000,
      limit: deps.attemptsPerMinute ?? 30,
      keyGenerator: (req) => ipKeyGenerator(proxyaddr(req, trust)),
      standardHeaders: "draft-8",
      legacyHeaders: false,
      message: { error: "rate_limited", message: "Too many sign-in attempts; wait a minute" },
    }),
  );
  const slackRedirect = `${settings.baseUrl}${SLACK_CALLBACK}`;

  /** Stores the flow, binds it to this browser and sends the browser to the identity provider. */
  const begin = async (
    res: Response,
    flow: SignInFlow,
    authorizeUrl: (id: string) => Promise<string> | string,
  ) => {
    const id = await saveSignInFlow(db, ring, flow);
    res
      .status(302)
      .set("Cache-Control", "no-store")
      .cookie(FLOW_COOKIE, id, cookieOptions(settings.baseUrl, "/auth", 10 * 60_000))
      .location(await authorizeUrl(id))
      .end();
  };

  router.get("/auth/microsoft", async (req, res) => {
    const ms = deps.microsoft;
    if (!ms) return signInFailed(res, "Microsoft sign-in is not configured here");
    const hint = typeof req.query.login_hint === "string" ? req.query.login_hint.slice(0, 200) : undefined;
    const flow = newSignInFlow("microsoft", String(req.query.next ?? ""));
    await begin(res, flow, (id) => microsoftAuthorizeUrl(ms, id, flow, hint)).catch((error: unknown) =>
      unexpected(res, logger, error),
    );
  });

  router.get("/auth/slack", async (req, res) => {
    const slack = settings.slack;
    if (!slack) return signInFailed(res, "Sign in with Slack is not configured here");
    const flow = newSignInFlow("slack", String(req.query.next ?? ""));
    await begin(res, flow, (id) => slackAuthorizeUrl(slack, slackRedirect, id, flow)).catch(
      (error: unknown) => unexpected(res, logger, error),
    );
  });

  /** The identity provider sent the browser back: check the flow, redeem the code, start a session. */
  const callback =
    (provider: SignInFlow["provider"], redeem: (code: string, flow: SignInFlow) => Promise<SignedIn>) =>
    async (req: Request, res: Response) => {
      try {
        const id = typeof req.query.state === "string" ? req.query.state : "";
        const bound = readCookie(req, FLOW_COOKIE);
        clearCookie(res, settings.baseUrl, FLOW_COOKIE, "/auth");
        if (!id || bound !== id)
          return signInFailed(res, "This sign-in did not start in this browser; try again");
        const flow = await takeSignInFlow(db, ring, id);
        if (!flow || flow.provider !== provider)
          return signInFailed(res, "This sign-in has expired or was already used; try again");
        if (typeof req.query.error === "string")
          return signInFailed(res, `Sign-in was not completed (${req.query.error.slice(0, 80)})`);
        const who = await redeem(String(req.query.code ?? ""), flow);
        if (who.provider === "slack" && !(await isKnownSlackWorkspace(db, who.tenantId)))
          return signInFailed(res, "The bridge's Slack app is not installed in this workspace");
        await startSession(res, deps, who);
        res.redirect(302, flow.next || "/");
      } catch (error) {
        if (isBridgeError(error) && error.code === "invalid_input") return signInFailed(res, error.message);
        logger.warn({ err: error, provider }, "sign-in failed");
        signInFailed(res, "Sign-in failed; try again");
      }
    };

  router.get(MICROSOFT_CALLBACK, (req, res) => {
    const ms = deps.microsoft;
    if (!ms) return signInFailed(res, "Microsoft sign-in is not configured here");
    return callback("microsoft", (code, flow) => redeemMicrosoftCode(ms, code, flow))(req, res);
  });
  router.get(SLACK_CALLBACK, (req, res) => {
    const slack = settings.slack;
    if (!slack) return signInFailed(res, "Sign in with Slack is not configured here");
    return callback("slack", (code, flow) => redeemSlackCode(slack, slackRedirect, code, flow))(req, res);
  });

  return router;
}

async function startSession(res: Response, deps: SignInRoutesDeps, who: SignedIn): Promise<void> {
  const { db, settings, logger } = deps;
  const { cookie, session } = await createWebSession(db, {
    provider: who.provider,
    tenantId: who.tenantId,
    userId: who.userId,
    name: who.name,
    email: who.email,
    groups: who.groups,
    lifetimeMs: settings.sessionLifetimeMs,
  });
  const actor = sessionActor(session);
  await appendSyncEvents(
    db,
    null,
    [
      {
        kind: "signed_in",
        side: null,
        message: `${actor.name} signed in with ${who.provider === "slack" ? "Slack" : "Microsoft"}`,
        detail: {
          provider: who.provider,
          tenantId: who.tenantId,
          userId: who.userId,
          groupsOverage: who.groupsOverage,
        },
      },
    ],
    actor.name,
  );
  if (who.groupsOverage)
    logger.warn(
      { user: who.userId },
      "Entra left the groups claim out (too many groups): group entries on the admin allow-list cannot match this person",
    );
  res.cookie(SESSION_COOKIE, cookie, cookieOptions(settings.baseUrl, "/", settings.sessionLifetimeMs));
}

/** Back to the sign-in page with a message (never a stack trace). */
function signInFailed(res: Response, message: string): void {
  res.redirect(302, `/signin?error=${encodeURIComponent(message)}`);
}

function unexpected(res: Response, logger: Logger, error: unknown): void {
  logger.error({ err: error }, "sign-in could not start");
  signInFailed(res, "Sign-in could not start; try again later");
}
