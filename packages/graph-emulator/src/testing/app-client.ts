import type { Client } from "@microsoft/microsoft-graph-client";
import type { AppView } from "../control/control-api.ts";
import type { GraphEmulator } from "../server.ts";
import { TEST_REDIRECT_URI } from "./sign-in.ts";
import { appTokenProvider, graphClientFor, msalFor } from "./sdk-clients.ts";

/**
 * A new confidential app in the tenant with these application permissions (and delegated scopes), and a Graph client
 * using its app-only token through msal's client-credentials flow.
 */
export function appClient(
  emulator: GraphEmulator,
  tenantId: string,
  applicationPermissions: string[],
  options: { delegatedScopes?: string[]; retries?: boolean } = {},
): { app: AppView & { clientSecret: string }; graph: Client } {
  const clientSecret = "outlook-app-secret";
  const app = emulator.control.createApp({
    tenantId,
    clientSecret,
    redirectUris: [TEST_REDIRECT_URI],
    applicationPermissions,
    delegatedScopes: options.delegatedScopes ?? [],
  });
  const { cca } = msalFor(emulator, tenantId, app.clientId, { clientSecret });
  const graph = graphClientFor(emulator, appTokenProvider(emulator, cca), {
    retries: options.retries ?? false,
  });
  return { app: { ...app, clientSecret }, graph };
}
