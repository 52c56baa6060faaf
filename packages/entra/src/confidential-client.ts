import {
  ConfidentialClientApplication,
  LogLevel,
  type ICachePlugin,
  type INetworkModule,
} from "@azure/msal-node";
import type { Logger } from "@presence/telemetry";

import type { AppCredential } from "./app-credential.ts";

/** Who the app is in Entra, and where its tenant signs in. */
export interface EntraApp {
  tenantId: string;
  clientId: string;
  credential: AppCredential;
  /** `https://login…` origin: the msal authority host, and its only known authority. */
  authorityHost: string;
}

/**
 * An msal confidential client of the app on its tenant's cloud. AZURE_AUTHORITY_HOST is the only
 * known authority, so msal never asks the public cloud for instance discovery; retries are the
 * caller's (the job queue's); with a cache plugin its token cache lives in the store.
 */
export function createConfidentialClient(
  app: EntraApp,
  options: { network: INetworkModule; logger: Logger; cachePlugin?: ICachePlugin },
): ConfidentialClientApplication {
  const log = options.logger.child({ component: "msal" });
  return new ConfidentialClientApplication({
    auth: {
      clientId: app.clientId,
      authority: `${app.authorityHost}/${app.tenantId}`,
      knownAuthorities: [new URL(app.authorityHost).host],
      ...app.credential,
    },
    system: {
      networkClient: options.network,
      disableInternalRetries: true,
      loggerOptions: {
        piiLoggingEnabled: false,
        // Warnings are routine (e.g. "No client info in response" for every app-only token).
        logLevel: LogLevel.Error,
        loggerCallback: (_level, message, containsPii) => {
          if (!containsPii) log.error(message);
        },
      },
    },
    ...(options.cachePlugin ? { cache: { cachePlugin: options.cachePlugin } } : {}),
  });
}
