import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  type AuthenticationProvider,
} from "@microsoft/microsoft-graph-client";
import type { GraphEmulator } from "../server.ts";
import {
  recordingNetworkClient,
  trustingDispatcher,
  type RecordingNetworkClient,
} from "./trusting-network.ts";

export type AppCredential =
  | { clientSecret: string }
  | {
      clientCertificate: { thumbprint?: string; thumbprintSha256?: string; privateKey: string; x5c?: string };
    };

/**
 * msal-node against the emulator, configured as a bridge must be for a national cloud: an https authority on the
 * emulator, `knownAuthorities` naming its host:port (no instance discovery to the public cloud), and a network client
 * trusting the emulator's CA.
 */
export function msalFor(
  emulator: GraphEmulator,
  tenant: string,
  clientId: string,
  credential: AppCredential,
  extra: { auth?: Partial<Configuration["auth"]>; network?: RecordingNetworkClient } = {},
): { cca: ConfidentialClientApplication; network: RecordingNetworkClient } {
  const network = extra.network ?? recordingNetworkClient(emulator.ca);
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId,
      authority: `${emulator.url}/${tenant}`,
      knownAuthorities: [new URL(emulator.url).host],
      ...credential,
      ...extra.auth,
    },
    system: { networkClient: network },
  });
  return { cca, network };
}

/**
 * The Graph client against the emulator: `baseUrl` without version, `customHosts` with the bare host name (no port) so
 * the bearer token is attached, and fetch options carrying a dispatcher that trusts the CA. With `retries: false` the
 * chain has no RetryHandler (as the bridge runs it in production: the job queue owns retries).
 */
export function graphClientFor(
  emulator: GraphEmulator,
  getAccessToken: () => Promise<string>,
  options: { retries?: boolean } = {},
): Client {
  const authProvider: AuthenticationProvider = { getAccessToken };
  const common = {
    baseUrl: emulator.url,
    customHosts: new Set([new URL(emulator.url).hostname]),
    fetchOptions: { dispatcher: trustingDispatcher(emulator.ca) } as unknown as RequestInit,
  };
  if (options.retries ?? false) return Client.initWithMiddleware({ authProvider, ...common });
  return Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(authProvider), new HTTPMessageHandler()],
    ...common,
  });
}

/** An auth provider for app-only tokens through msal's client-credentials flow (msal's cache makes it cheap per call). */
export function appTokenProvider(
  emulator: GraphEmulator,
  cca: ConfidentialClientApplication,
): () => Promise<string> {
  return async () => {
    const result = await cca.acquireTokenByClientCredential({ scopes: [`${emulator.url}/.default`] });
    if (!result) throw new Error("msal returned no token");
    return result.accessToken;
  };
}
