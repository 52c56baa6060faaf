import express, { type Request, type Response } from "express";
import type { EmulatorCore } from "../core.ts";
import type { DirectoryUser, Tenant } from "../directory/directory.ts";
import { logFacts } from "../http-context.ts";
import { authorizeRequestSchema } from "../schemas/entra-schemas.ts";
import { resolveDelegatedScopes } from "./delegated-grant.ts";
import { EntraError, USER_DISABLED_MESSAGE } from "./entra-errors.ts";
import { splitScopes } from "./scopes.ts";
import { clientInfo } from "./token-issuer.ts";

type AuthorizeRequest = ReturnType<typeof authorizeRequestSchema.parse>;

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Sends the result to the redirect URI by the requested response mode (reference §6.2). */
function respond(res: Response, request: AuthorizeRequest, params: Record<string, string>): void {
  const all = { ...params, ...(request.state === undefined ? {} : { state: request.state }) };
  if (request.response_mode === "form_post") {
    const inputs = Object.entries(all)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join("");
    res
      .type("html")
      .send(
        `<!doctype html><form method="post" action="${escapeHtml(request.redirect_uri)}">${inputs}</form><script>document.forms[0].submit()</script>`,
      );
    return;
  }
  const target = new URL(request.redirect_uri);
  const encoded = new URLSearchParams(all).toString();
  if (request.response_mode === "fragment") target.hash = encoded;
  else for (const [k, v] of Object.entries(all)) target.searchParams.set(k, v);
  res.redirect(302, target.toString());
}

function errorPage(res: Response, status: number, message: string): void {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html><title>Sign in</title><p>${escapeHtml(message)}</p>`);
}

function signInForm(res: Response, req: Request, message?: string): void {
  const hidden = Object.entries(req.query)
    .filter(([k]) => k !== "login_hint")
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join("");
  res
    .status(200)
    .type("html")
    .send(
      `<!doctype html><title>Sign in (graph-emulator)</title><h1>Sign in</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ""}` +
        `<form method="post">${hidden}<label>User <input name="login_hint" autocomplete="username"></label>` +
        `<label>Password <input type="password" name="password"></label><button>Sign in</button></form>`,
    );
}

/**
 * `/{tenant}/oauth2/v2.0/authorize` for the authorization-code + PKCE flow (reference §6.2). There is no real login
 * UI: the signed-in user is, in order, the next scripted sign-in (control API), the user named by `login_hint`, or
 * whoever signs in through a minimal HTML form (password checked). The result is redirected to `redirect_uri` as
 * `code` + `state`, or `error=access_denied|consent_required`.
 */
export function authorizeEndpoint(core: EmulatorCore) {
  const router = express.Router();

  const handle = (req: Request, res: Response, input: Record<string, unknown>, viaForm: boolean): void => {
    const parsed = authorizeRequestSchema.safeParse(input);
    if (!parsed.success)
      return errorPage(
        res,
        400,
        `AADSTS900144: invalid authorize request: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`,
      );
    const request = parsed.data;
    const segment = String(req.params.tenant);
    const app = core.directory.app(request.client_id);
    if (!app)
      return errorPage(
        res,
        400,
        `AADSTS700016: Application with identifier '${request.client_id}' was not found.`,
      );
    logFacts(res).appId = app.clientId;
    const tenant: Tenant | undefined = ["common", "organizations"].includes(segment.toLowerCase())
      ? core.directory.findTenant(app.tenantId)
      : core.directory.findTenant(segment);
    if (!tenant || tenant.id !== app.tenantId)
      return errorPage(res, 400, `AADSTS90002: Tenant '${segment}' not found for this application.`);
    if (app.redirectUris.length > 0 && !app.redirectUris.includes(request.redirect_uri)) {
      return errorPage(
        res,
        400,
        `AADSTS50011: The redirect URI '${request.redirect_uri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
      );
    }
    const scripted = viaForm ? undefined : core.grants.takeSignIn();
    if (scripted?.deny)
      return respond(res, request, {
        error: "access_denied",
        error_description: "AADSTS65004: User declined to consent to access the app.",
      });
    let user: DirectoryUser | undefined;
    if (scripted?.userId) user = core.directory.userById(scripted.userId);
    else if (request.login_hint) {
      const hint = request.login_hint.toLowerCase();
      user = core.directory
        .users(tenant.id)
        .find((u) => u.userPrincipalName.toLowerCase() === hint || u.mail?.toLowerCase() === hint);
      if (viaForm && user && user.password !== undefined && user.password !== String(input.password ?? "")) {
        return signInForm(res, req, "Your account or password is incorrect.");
      }
      if (!user && viaForm) return signInForm(res, req, "This username may be incorrect.");
    }
    if (!user || user.tenantId !== tenant.id || !user.accountEnabled) {
      if (request.prompt === "none")
        return respond(res, request, {
          error: "login_required",
          error_description: "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
        });
      // Entra stops a disabled account on its own sign-in page: no code, no redirect to the app.
      if (user && user.tenantId === tenant.id) {
        logFacts(res).userId = user.id;
        return errorPage(res, 400, `AADSTS50057: ${USER_DISABLED_MESSAGE}`);
      }
      return signInForm(res, req);
    }
    logFacts(res).userId = user.id;
    try {
      resolveDelegatedScopes(core, app, splitScopes(request.scope));
    } catch (error) {
      if (!(error instanceof EntraError)) throw error;
      return respond(res, request, {
        error: error.suberror ?? error.error,
        error_description: `AADSTS${error.code}: ${error.message}`,
      });
    }
    const code = core.grants.issueCode({
      clientId: app.clientId,
      tenantId: tenant.id,
      userId: user.id,
      redirectUri: request.redirect_uri,
      scopes: splitScopes(request.scope),
      expiresAt: Date.now() + core.config.authCodeLifetimeMs,
      ...(request.code_challenge === undefined
        ? {}
        : {
            codeChallenge: request.code_challenge,
            codeChallengeMethod: request.code_challenge_method ?? "plain",
          }),
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    });
    respond(res, request, { code, client_info: clientInfo(user) });
  };

  router.get("/:tenant/oauth2/v2.0/authorize", (req, res) =>
    handle(req, res, req.query as Record<string, unknown>, false),
  );
  router.post("/:tenant/oauth2/v2.0/authorize", express.urlencoded({ extended: false }), (req, res) =>
    handle(req, res, (req.body ?? {}) as Record<string, unknown>, true),
  );
  return router;
}
