import type { App, User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import { accessTokenHash, identityClaims } from "./openid-claims.ts";
import { OpenIdCodes } from "./openid-codes.ts";
import { OpenIdSigningKey } from "./openid-signing-key.ts";

/** Slack's `iss` (its OpenID configuration and every id_token). */
export const SLACK_ISSUER = "https://slack.com";

/** id_tokens are valid for five minutes (exp − iat = 300 in Slack's documented example). */
export const ID_TOKEN_LIFETIME_SECONDS = 300;

/** A sign-in that a refresh token continues (apps with token rotation get one from openid.connect.token). */
export interface OpenIdSession {
  appId: string;
  userId: string;
  scopes: string[];
  authTime: number;
}

export interface IdTokenInput {
  world: SlackWorld;
  app: App;
  user: User;
  scopes: readonly string[];
  accessToken: string;
  authTime: number;
  nonce: string | null;
}

/** Sign in with Slack's state: authorization codes, refresh-token sessions and the signing key. */
export class OpenIdProvider {
  readonly codes = new OpenIdCodes();
  readonly key = OpenIdSigningKey.shared();
  /** By refresh token; a refresh token works once. */
  readonly sessions = new Map<string, OpenIdSession>();

  /** `issuer` is read when needed: it may be the emulator's own URL, known only once it listens. */
  constructor(readonly issuer: () => string) {}

  /**
   * A signed id_token. Its times come from the real wall clock, like request signatures: the app checks
   * `exp` and `iat` against its own clock.
   */
  idToken(input: IdTokenInput): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    return this.key.sign({
      iss: this.issuer(),
      sub: input.user.id,
      aud: input.app.clientId,
      exp: iat + ID_TOKEN_LIFETIME_SECONDS,
      iat,
      auth_time: input.authTime,
      ...(input.nonce === null ? {} : { nonce: input.nonce }),
      at_hash: accessTokenHash(input.accessToken),
      ...identityClaims(input.world, input.user, input.scopes),
    });
  }
}
