import { newId } from "../ids.ts";

/** Authorization codes live ten minutes and work once. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface OAuthCode {
  code: string;
  appId: string;
  userId: string;
  botScopes: string[];
  userScopes: string[];
  /** The redirect_uri sent to /authorize, if one was sent (oauth.v2.access must then repeat it). */
  redirectUri: string | null;
  orgWide: boolean;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

/** What every kind of authorization code carries: whose app it is for, its expiry, whether it was used. */
interface CodeBase {
  code: string;
  appId: string;
  expiresAt: number;
  used: boolean;
}

/** Authorization codes of one flow: issued for ten minutes, redeemable once, only by the app they are for. */
export class CodeStore<C extends CodeBase> {
  readonly #codes = new Map<string, C>();

  issue(fields: Omit<C, "code" | "used" | "expiresAt">, nowMs: number): C {
    const code = {
      ...fields,
      code: newId.oauthCode(),
      used: false,
      expiresAt: nowMs + CODE_LIFETIME_MS,
    } as C;
    this.#codes.set(code.code, code);
    return code;
  }

  /** A code that exists, is unused and unexpired, for this app; else undefined. */
  redeemable(value: string, appId: string, nowMs: number): C | undefined {
    const code = this.#codes.get(value);
    if (!code || code.used || code.appId !== appId || code.expiresAt <= nowMs) return undefined;
    return code;
  }
}

/** Codes of /oauth/v2/authorize, redeemed by oauth.v2.access. */
export class OAuthCodes extends CodeStore<OAuthCode> {}
