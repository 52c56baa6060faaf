import type { ServerResponse } from "node:http";
import { openIdConfiguration } from "../oauth/openid-configuration.ts";
import type { OpenIdProvider } from "../oauth/openid-provider.ts";
import { sendJson } from "./http-io.ts";

/** Sign in with Slack's browser and discovery URLs (same paths as on slack.com). */
export const OPENID_PATHS = {
  authorize: "/openid/connect/authorize",
  keys: "/openid/connect/keys",
  configuration: "/.well-known/openid-configuration",
} as const;

export interface OpenIdRouteDeps {
  provider: OpenIdProvider;
  baseUrl: () => string;
}

/**
 * Answers `GET` on Sign in with Slack's discovery URLs; false for any other path. The authorize page
 * ({@link OPENID_PATHS}.authorize) is a browser page like /oauth/v2/authorize: see authorize-route.ts.
 */
export async function handleOpenIdRoute(
  deps: OpenIdRouteDeps,
  path: string,
  response: ServerResponse,
): Promise<boolean> {
  switch (path) {
    case OPENID_PATHS.keys:
      sendJson(response, 200, await deps.provider.key.jwks());
      return true;
    case OPENID_PATHS.configuration:
      sendJson(response, 200, openIdConfiguration(deps.baseUrl(), deps.provider.issuer()));
      return true;
    default:
      return false;
  }
}
