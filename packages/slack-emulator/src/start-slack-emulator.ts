import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setMaxListeners } from "node:events";
import { EmulatorClock } from "./clock.ts";
import type { ControlContext } from "./control/operation.ts";
import { createControl } from "./control/slack-control.ts";
import type { SlackControl } from "./control/slack-control.ts";
import { emulatorOptions } from "./emulator-options.ts";
import type { SlackEmulatorOptions } from "./emulator-options.ts";
import { DeliveryLog } from "./events/delivery-log.ts";
import { EventRouter } from "./events/event-router.ts";
import { SocketModeHub } from "./events/socket-mode-hub.ts";
import { FaultInjector } from "./faults/fault-injector.ts";
import { handleBrowserAuthorize } from "./http/authorize-route.ts";
import type { AuthorizeRequestOf, BrowserAuthorizeDeps } from "./http/authorize-route.ts";
import { handleControl } from "./http/control-routes.ts";
import { handleOpenIdRoute, OPENID_PATHS } from "./http/openid-routes.ts";
import { BodyTooLarge, readBody, sendJson } from "./http/http-io.ts";
import { sendApiAnswer } from "./http/send-api-answer.ts";
import { oauthV2Request } from "./oauth/authorize.ts";
import { BrowserSessions } from "./oauth/browser-sessions.ts";
import { OAuthCodes } from "./oauth/oauth-codes.ts";
import { openIdRequest } from "./oauth/openid-authorize.ts";
import { OpenIdProvider } from "./oauth/openid-provider.ts";
import { defaultSignIn } from "./oauth/sign-in.ts";
import { ApiRateLimiter } from "./rate-limits/api-rate-limiter.ts";
import { SpecValidator } from "./spec/spec-validator.ts";
import { ViolationLog } from "./spec/violation-log.ts";
import { readApiRequest } from "./web-api/api-request.ts";
import { CallLog } from "./web-api/call-log.ts";
import { dispatchApiCall } from "./web-api/dispatch.ts";
import { methodTable } from "./web-api/method-table.ts";
import { expireTimedState } from "./world/people.ts";
import { SlackWorld } from "./world/world.ts";

const AUTHORIZE_PATH = "/oauth/v2/authorize";

export interface SlackEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `${url}/api/`: the bridge's `slackApiUrl` / `SLACK_API_URL`. */
  apiUrl: string;
  /** `${url}/oauth/v2/authorize`: Bolt's `installerOptions.authorizationUrl` / `SLACK_AUTHORIZE_URL`. */
  authorizeUrl: string;
  /** `${url}/openid/connect/authorize`: where Sign in with Slack sends the browser (slack.com has the same path). */
  openidAuthorizeUrl: string;
  /** `${url}/.well-known/openid-configuration`: Slack's OpenID configuration, endpoints on the emulator. */
  openidConfigurationUrl: string;
  /** `${url}/openid/connect/keys`: the JWKS that verifies id_tokens. */
  openidJwksUrl: string;
  /** The id_tokens' `iss`: "https://slack.com" unless the `openidIssuer` option says otherwise. */
  openidIssuer: string;
  /** Set up, drive and inspect the emulated Slack (also over HTTP at `${url}/_emulator/<operation>`). */
  control: SlackControl;
  close(): Promise<void>;
}

/** Starts an emulated Slack on 127.0.0.1 (any free port by default). */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const settings = emulatorOptions.parse(options);
  const clock = new EmulatorClock();
  const world = new SlackWorld(clock, { tokenLifetimeSeconds: settings.tokenLifetimeSeconds });
  const spec = SpecValidator.shared();
  const violations = new ViolationLog(settings.specViolations);
  const calls = new CallLog();
  const deliveries = new DeliveryLog();
  const faults = new FaultInjector();
  const limiter = new ApiRateLimiter(clock, settings.rateLimits);
  const codes = new OAuthCodes();
  const signIn = defaultSignIn();
  const stopping = new AbortController();
  // Every delivery waiting out a retry or a delay fault listens for the stop: any number may wait at once.
  setMaxListeners(0, stopping.signal);
  let baseUrl = "";
  const openid = new OpenIdProvider(() =>
    settings.openidIssuer === "self" ? baseUrl : settings.openidIssuer,
  );
  const hub = new SocketModeHub(
    () => baseUrl.replace(/^http/, "ws"),
    settings.delivery.ackTimeoutMs,
    settings.delivery.socketPingIntervalMs,
  );
  const router = new EventRouter({
    world,
    clock,
    log: deliveries,
    spec,
    violations,
    settings: settings.delivery,
    hub,
    faults,
    signal: stopping.signal,
  });
  const methods = methodTable(codes, openid);
  const sweep = (): void => expireTimedState(world);
  const ctx: ControlContext = {
    world,
    clock,
    router,
    hub,
    calls,
    limiter,
    deliveries,
    violations,
    faults,
    signIn,
    sweep,
  };
  const apiDeps = {
    world,
    methods,
    limiter,
    spec,
    calls,
    violations,
    faults,
    services: { openSocketModeTicket: (appId: string) => hub.openTicket(appId) },
  };

  const openidRoutes = { provider: openid, baseUrl: () => baseUrl };
  const browser: BrowserAuthorizeDeps = { world, signIn, sessions: new BrowserSessions() };
  /** The browser authorize pages (GET, and POST from their sign-in form). */
  const authorizePages = new Map<string, AuthorizeRequestOf>([
    [AUTHORIZE_PATH, (query) => oauthV2Request(world, codes, signIn, query)],
    [OPENID_PATHS.authorize, (query) => openIdRequest(world, openid.codes, signIn, query)],
  ]);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", baseUrl);
    const path = url.pathname;
    const authorizePage = authorizePages.get(path);
    if (path.startsWith("/api/")) {
      const method = decodeURIComponent(path.slice("/api/".length));
      const body = await readBody(request);
      const httpMethod = request.method ?? "POST";
      const answer = await dispatchApiCall(
        apiDeps,
        () => readApiRequest(method, httpMethod, request.headers, url.searchParams, body),
        method,
        httpMethod,
      );
      await sendApiAnswer(response, answer, stopping.signal);
    } else if (authorizePage && (request.method === "GET" || request.method === "POST")) {
      await handleBrowserAuthorize(browser, authorizePage, path, request, response, url.searchParams);
    } else if (path === "/_emulator" || path.startsWith("/_emulator/")) {
      await handleControl(ctx, request, response, path);
    } else if (request.method !== "GET" || !(await handleOpenIdRoute(openidRoutes, path, response))) {
      sendJson(response, 404, { ok: false, error: "not_found" });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      sendJson(response, error instanceof BodyTooLarge ? 413 : 500, {
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if ((request.url ?? "").startsWith("/link")) hub.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${settings.host}:${port}`;
  const sweeper = setInterval(sweep, settings.sweepIntervalMs);
  sweeper.unref();

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    authorizeUrl: `${baseUrl}${AUTHORIZE_PATH}`,
    openidAuthorizeUrl: `${baseUrl}${OPENID_PATHS.authorize}`,
    openidConfigurationUrl: `${baseUrl}${OPENID_PATHS.configuration}`,
    openidJwksUrl: `${baseUrl}${OPENID_PATHS.keys}`,
    openidIssuer: openid.issuer(),
    control: createControl(ctx),
    async close() {
      clearInterval(sweeper);
      stopping.abort();
      await hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await router.idle();
    },
  };
}
