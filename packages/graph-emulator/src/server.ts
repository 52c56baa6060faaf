import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { GraphEmulatorControl } from "./control/control-api.ts";
import { controlRoutes } from "./control/control-routes.ts";
import type { EmulatorCore } from "./core.ts";
import { Directory } from "./directory/directory.ts";
import { authorizeEndpoint } from "./entra/authorize-endpoint.ts";
import { discoveryEndpoints } from "./entra/discovery-endpoints.ts";
import { GrantStore } from "./entra/grant-store.ts";
import { generateSigningKeys } from "./entra/signing-keys.ts";
import { tokenEndpoint } from "./entra/token-endpoint.ts";
import { TokenIssuer } from "./entra/token-issuer.ts";
import { FaultInjector } from "./faults.ts";
import { sendGraphError } from "./graph/graph-errors.ts";
import { calendarRoutes } from "./graph/calendar-routes.ts";
import { ConcurrencyLimit } from "./graph/concurrency-limit.ts";
import { groupRoutes } from "./graph/group-routes.ts";
import { mailboxSettingsRoutes } from "./graph/mailbox-settings-routes.ts";
import { presenceRoutes } from "./graph/presence-routes.ts";
import { subscriptionRoutes } from "./graph/subscription-routes.ts";
import { Throttle } from "./graph/throttle.ts";
import { userRoutes } from "./graph/user-routes.ts";
import { requestContext } from "./http-context.ts";
import { CalendarStore } from "./outlook/calendar-store.ts";
import { resolveOptions, type EmulatorConfig, type GraphEmulatorOptions } from "./options.ts";
import { PresenceStore } from "./presence/presence-store.ts";
import { RequestLog } from "./request-log.ts";
import { DeliveryLog } from "./subscriptions/delivery-log.ts";
import { SubscriptionService } from "./subscriptions/subscription-service.ts";
import { generateServerCertificate } from "./tls/server-certificate.ts";

export interface GraphEmulator {
  /** `https://127.0.0.1:PORT`: use it as AZURE_AUTHORITY_HOST and as GRAPH_BASE_URL. */
  url: string;
  port: number;
  /** PEM of the self-signed certificate to trust (msal's network client, the Graph client's fetch, NODE_EXTRA_CA_CERTS). */
  ca: string;
  /** Every origin the certificate covers, e.g. `https://127.0.0.1:PORT`, `https://localhost:PORT`. */
  origins: string[];
  config: Readonly<EmulatorConfig>;
  control: GraphEmulatorControl;
  close(): Promise<void>;
}

function graphApp(core: EmulatorCore) {
  const router = express.Router({ caseSensitive: false });
  router.use(express.json({ limit: "5mb" }));
  router.use(presenceRoutes(core));
  router.use(userRoutes(core));
  router.use(groupRoutes(core));
  router.use(subscriptionRoutes(core));
  router.use(calendarRoutes(core));
  router.use(mailboxSettingsRoutes(core));
  router.use((req: Request, res: Response) => {
    const segment = req.path.split("/").filter(Boolean)[0] ?? "";
    sendGraphError(res, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  });
  router.use((error: Error & { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === "entity.parse.failed")
      return sendGraphError(
        res,
        400,
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
      );
    return sendGraphError(res, 500, "generalException", `Emulator failure: ${error.message}`);
  });
  return router;
}

/**
 * Starts the Microsoft Graph + Entra ID emulator: one HTTPS origin serving the login host (`/{tenant}/oauth2/v2.0/*`,
 * discovery) and the Graph host (`/v1.0/*`), plus the control API under `/_emulator`. See docs/emulators/graph.md.
 */
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const config = resolveOptions(options);
  const [certificate, keys] = await Promise.all([
    options.certificate ?? generateServerCertificate(config.hostnames),
    generateSigningKeys(),
  ]);
  const presence = new PresenceStore(config.availableFadeMs);
  const calendars = new CalendarStore(presence);
  const grants = new GrantStore();
  const log = new RequestLog();
  let origins: string[] = [];
  const core: EmulatorCore = {
    config,
    directory: new Directory(),
    grants,
    keys,
    issuer: new TokenIssuer(keys, config.tokenLifetimeS),
    presence,
    calendars,
    subscriptions: new SubscriptionService(config, presence, grants, new DeliveryLog(), calendars),
    faults: new FaultInjector(),
    throttle: new Throttle(config.throttle),
    outlookThrottle: new Throttle(config.outlookThrottle),
    outlookConcurrency: new ConcurrencyLimit(config.outlookThrottle.concurrent),
    log,
    origins: () => origins,
  };
  const control = new GraphEmulatorControl(core);

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestContext(log));
  app.use("/_emulator", controlRoutes(control, certificate.cert));
  app.use("/v1.0", graphApp(core));
  app.use(discoveryEndpoints(core));
  app.use(tokenEndpoint(core));
  app.use(authorizeEndpoint(core));
  app.use((req: Request, res: Response) => {
    res.status(404).json({
      error: "not_found",
      error_description: `The graph-emulator does not serve ${req.method} ${req.path}.`,
    });
  });

  const server = createServer({ key: certificate.key, cert: certificate.cert }, app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const names = [...new Set(["127.0.0.1", "localhost", ...config.hostnames])];
  origins = names.map((name) => `https://${name.includes(":") ? `[${name}]` : name}:${port}`);

  return {
    url: `https://127.0.0.1:${port}`,
    port,
    ca: certificate.cert,
    origins: [...origins],
    config,
    control,
    close: async () => {
      presence.close();
      core.subscriptions.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
