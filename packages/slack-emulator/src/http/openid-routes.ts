import type { ServerResponse } from "node:http";
import { openIdAuthorize } from "../oauth/openid-authorize.ts";
import { openIdConfiguration } from "../oauth/openid-configuration.ts";
import type { OpenIdProvider } from "../oauth/openid-provider.ts";
import type { SignInState } from "../oauth/sign-in.ts";
import type { SlackWorld } from "../world/world.ts";
import { sendAuthorizeOutcome } from "./authorize-route.ts";
import { sendJson } from "./http-io.ts";

/** Sign in with Slack's browser and discovery URLs (same paths as on slack.com). */
export const OPENID_PATHS = {
  authorize: "/openid/connect/authorize",
  keys: "/openid/connect/keys",
  configuration: "/.well-known/openid-configuration",
} as const;

export interface OpenIdRouteDeps {
  world: SlackWorld;
  provider: OpenIdProvider;
  signIn: SignInState;
  baseUrl: () => string;
}

/** Answers `GET` on one of {@link OPENID_PATHS}; false when the path is not one of them. */
export async function handleOpenIdRoute(
  deps: OpenIdRouteDeps,
  path: string,
  query: URLSearchParams,
  response: ServerResponse,
): Promise<boolean> {
  switch (path) {
    case OPENID_PATHS.authorize:
      sendAuthorizeOutcome(response, openIdAuthorize(deps.world, deps.provider.codes, deps.signIn, query));
      return true;
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
