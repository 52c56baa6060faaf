import { createHash, randomBytes } from "node:crypto";

import type { AuthenticationResult } from "@azure/msal-node";
import { BridgeError, isBridgeError } from "@presence/core";
import { findLinkBySlack, upsertDirectoryEntries, type DbClient, type KeyRing } from "@presence/db";
import { linkAccounts, redeemConnectLink } from "@presence/services";
import type { Logger } from "@presence/telemetry";
import express, { type Request, type Response, type Router } from "express";

import { classifyGraphError } from "../client/classify-graph-error.ts";
import type { GraphAccess } from "../client/graph-access.ts";
import { SERVICE_ACCOUNT_PERMISSIONS, saveTokenCache } from "../inbound/service-account-session.ts";
import { saveSignedInServiceAccount } from "../store/subscription-rows.ts";
import { sendPage } from "./html-page.ts";
import { savePendingSignIn, takePendingSignIn, type PendingSignIn } from "./sign-in-store.ts";

export const CONNECT_PATH = "/graph/connect";
export const SERVICE_ACCOUNT_CONNECT_PATH = "/graph/service-accounts/connect";
export const CALLBACK_PATH = "/graph/auth/callback";
const COOKIE = "presence_graph_sign_in";

export interface SignInRoutesDeps {
  graph: GraphAccess;
  db: DbClient;
  ring: KeyRing;
  logger: Logger;
  /** A service account was signed in: its subscription can be made now. */
  onServiceAccount(tenantId: string): Promise<void>;
}

/**
 * Microsoft sign-in (authorization code + PKCE, delegated), for two purposes:
 * - `GET /graph/connect?state=…` — a person proves their Microsoft account; with a signed connect
 *   state naming their Slack account (App Home builds it) the two are linked;
 * - `GET /graph/service-accounts/connect?state=…` — on a link an admin made, a service account signs
 *   in with Presence.Read.All + offline_access for notify mode; its token cache (refresh token
 *   included) is stored encrypted.
 * The PKCE verifier stays in the store (encrypted); the OAuth `state` is a random id bound to the
 * browser by an HttpOnly cookie and used once.
 */
export function signInRoutes(deps: SignInRoutesDeps): Router {
  const router = express.Router();
  const { graph, db, ring, logger } = deps;
  const redirectUri = () => {
    const base = graph.settings.publicBaseUrl;
    if (!base)
      throw new BridgeError("config", "PUBLIC_BASE_URL is not set: Microsoft sign-in cannot come back here");
    return `${base}${CALLBACK_PATH}`;
  };
  const scopesFor = (purpose: PendingSignIn["purpose"]) =>
    purpose === "person"
      ? [graph.scope("User.Read")]
      : [...SERVICE_ACCOUNT_PERMISSIONS.map((p) => graph.scope(p)), "offline_access"];

  const start = async (res: Response, signIn: Omit<PendingSignIn, "verifier">, loginHint?: string) => {
    const verifier = randomBytes(32).toString("base64url");
    const id = await savePendingSignIn(db, ring, { ...signIn, verifier });
    const url = await graph.app.getAuthCodeUrl({
      scopes: scopesFor(signIn.purpose),
      redirectUri: redirectUri(),
      state: id,
      codeChallenge: createHash("sha256").update(verifier).digest("base64url"),
      codeChallengeMethod: "S256",
      responseMode: "query",
      prompt: "select_account",
      ...(loginHint ? { loginHint } : {}),
    });
    res
      .status(302)
      .set("Cache-Control", "no-store")
      .cookie(COOKIE, id, {
        httpOnly: true,
        sameSite: "lax",
        secure: redirectUri().startsWith("https:"),
        path: "/graph",
        maxAge: 10 * 60_000,
      })
      .location(url)
      .end();
  };

  router.get(CONNECT_PATH, async (req, res) => {
    await guard(res, logger, async () => {
      const state = await redeemConnectLink(db, ring, String(req.query.state ?? ""));
      if (state.connect !== "microsoft")
        throw new BridgeError("invalid_input", "This link is not for a Microsoft account");
      await start(res, { purpose: "person", ...(state.slack ? { slack: state.slack } : {}) });
    });
  });

  router.get(SERVICE_ACCOUNT_CONNECT_PATH, async (req, res) => {
    await guard(res, logger, async () => {
      const state = await redeemConnectLink(db, ring, String(req.query.state ?? ""));
      if (state.connect !== "microsoft-service-account")
        throw new BridgeError("invalid_input", "This link is not for adding a service account");
      const hint = typeof req.query.login_hint === "string" ? req.query.login_hint : undefined;
      await start(res, { purpose: "service-account" }, hint);
    });
  });

  router.get(CALLBACK_PATH, async (req, res) => {
    await guard(res, logger, async () => {
      const id = String(req.query.state ?? "");
      if (!id || readCookie(req, COOKIE) !== id)
        throw new BridgeError("invalid_input", "This sign-in did not start in this browser; start again");
      const signIn = await takePendingSignIn(db, ring, id);
      res.clearCookie(COOKIE, { path: "/graph" });
      if (!signIn)
        throw new BridgeError("invalid_input", "This sign-in has expired or was already used; start again");
      if (typeof req.query.error === "string") {
        return sendPage(res, 400, "Sign-in not completed", [
          `Microsoft answered: ${req.query.error}${typeof req.query.error_description === "string" ? ` (${req.query.error_description})` : ""}.`,
          "Nothing was changed. You can start again.",
        ]);
      }
      const cca = graph.confidentialClient();
      let result: AuthenticationResult;
      try {
        result = await cca.acquireTokenByCode({
          code: String(req.query.code ?? ""),
          scopes: scopesFor(signIn.purpose),
          redirectUri: redirectUri(),
          codeVerifier: signIn.verifier,
        });
      } catch (error) {
        throw classifyGraphError(error, "delegated", "Microsoft sign-in");
      }
      const who = identity(result, graph.settings.tenantId);
      if (signIn.purpose === "service-account") {
        await saveTokenCache(db, ring, cca, who.tenantId, who.userId);
        await saveSignedInServiceAccount(db, {
          tenantId: who.tenantId,
          userId: who.userId,
          userPrincipalName: who.username,
          homeAccountId: who.homeAccountId,
        });
        logger.info({ account: who.username }, "service account signed in for notify mode");
        await deps.onServiceAccount(who.tenantId);
        return sendPage(res, 200, "Service account added", [
          `${who.username} now holds presence subscriptions for the Teams bridge (notify mode).`,
          "You can close this window.",
        ]);
      }
      await upsertDirectoryEntries(db, [
        { side: "teams", scopeId: who.tenantId, userId: who.userId, email: who.email, displayName: who.name },
      ]);
      if (!signIn.slack) {
        return sendPage(res, 200, "Microsoft account verified", [
          `Signed in as ${who.username}.`,
          "To mirror your status, connect from the presence bridge's App Home in Slack.",
        ]);
      }
      await link(db, signIn.slack, who);
      return sendPage(res, 200, "Microsoft account connected", [
        `Your Slack account is now linked to ${who.username}: your availability is mirrored between Slack and Teams.`,
        "You can close this window.",
      ]);
    });
  });

  return router;
}

interface Identity {
  tenantId: string;
  userId: string;
  homeAccountId: string;
  username: string;
  email: string | null;
  name: string;
}

function identity(result: AuthenticationResult, tenantId: string): Identity {
  const account = result.account;
  const claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
  const userId = String(claims.oid ?? account?.localAccountId ?? "").toLowerCase();
  const tid = String(claims.tid ?? account?.tenantId ?? "").toLowerCase();
  if (!account || !userId) throw new BridgeError("upstream_rejected", "Microsoft did not say who signed in");
  if (tid !== tenantId)
    throw new BridgeError(
      "invalid_input",
      "This Microsoft account belongs to another organisation than the bridge's",
    );
  const username = account.username || String(claims.preferred_username ?? "");
  const email = typeof claims.email === "string" ? claims.email : username.includes("@") ? username : null;
  return {
    tenantId: tid,
    userId,
    homeAccountId: account.homeAccountId,
    username,
    email,
    name: account.name ?? "",
  };
}

/** Links the Slack account to the Microsoft one; linking the same pair again is fine. */
async function link(db: DbClient, slack: { teamId: string; userId: string }, who: Identity): Promise<void> {
  try {
    await linkAccounts(
      db,
      {
        slack,
        entra: { tenantId: who.tenantId, userId: who.userId },
        email: who.email,
        displayName: who.name,
      },
      { name: `self-service:${who.username}` },
    );
  } catch (error) {
    if (!isBridgeError(error, "conflict")) throw error;
    const existing = await findLinkBySlack(db, slack.teamId, slack.userId);
    if (existing && existing.tenantId === who.tenantId && existing.entraUserId === who.userId) return;
    throw new BridgeError(
      "conflict",
      "One of these accounts is already linked to another account; ask your administrator to unlink it first",
    );
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // Not percent-encoding ("%", "%zz"): no cookie this bridge set.
      return undefined;
    }
  }
  return undefined;
}

/** Runs a sign-in step; failures become a page (never a stack trace), with a status by error code. */
async function guard(res: Response, logger: Logger, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (thrown) {
    const error = BridgeError.from(thrown);
    const status =
      { invalid_input: 400, conflict: 409, config: 503, not_found: 404 }[error.code as string] ?? 502;
    if (status >= 500) logger.error({ err: error }, "Microsoft sign-in failed");
    else logger.warn({ code: error.code }, `Microsoft sign-in refused: ${error.message}`);
    sendPage(res, status, status === 409 ? "Already linked" : "Sign-in failed", [
      status >= 500 && error.code !== "config"
        ? "Microsoft sign-in failed; try again in a moment."
        : error.message,
    ]);
  }
}
