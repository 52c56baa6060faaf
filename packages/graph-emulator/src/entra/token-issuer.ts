import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { AppRegistration, DirectoryUser } from "../directory/directory.ts";
import { newGuid } from "../ids.ts";
import type { IdTokenClaims } from "./id-token-claims.ts";
import type { SigningKeys } from "./signing-keys.ts";

/**
 * Claims of the access tokens the emulator issues for its Graph host. Graph's own tokens are v1 tokens carrying
 * `appid`; v2 tokens carry `azp`. The emulator sets both so a reader of either finds the calling app.
 */
export interface AccessTokenClaims extends JWTPayload {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  azp: string;
  idtyp: "app" | "user";
  ver: "2.0";
  roles?: string[];
  scp?: string;
  oid?: string;
  sub?: string;
  name?: string;
  preferred_username?: string;
  upn?: string;
}

export type Principal =
  | { kind: "app"; tenantId: string; appId: string; roles: string[]; issuedAt: number }
  | {
      kind: "delegated";
      tenantId: string;
      appId: string;
      userId: string;
      scopes: string[];
      issuedAt: number;
    };

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: "expired" | "invalid" };

export function issuerFor(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    private readonly lifetimeS: number,
  ) {}

  get lifetimeSeconds(): number {
    return this.lifetimeS;
  }

  async appToken(input: { origin: string; audience: string; app: AppRegistration }): Promise<string> {
    return this.#sign({
      aud: input.audience,
      iss: issuerFor(input.origin, input.app.tenantId),
      tid: input.app.tenantId,
      appid: input.app.clientId,
      azp: input.app.clientId,
      idtyp: "app",
      ver: "2.0",
      roles: [...input.app.applicationPermissions],
    });
  }

  async delegatedToken(input: {
    origin: string;
    audience: string;
    app: AppRegistration;
    user: DirectoryUser;
    scopes: string[];
  }): Promise<string> {
    return this.#sign({
      aud: input.audience,
      iss: issuerFor(input.origin, input.user.tenantId),
      tid: input.user.tenantId,
      appid: input.app.clientId,
      azp: input.app.clientId,
      idtyp: "user",
      ver: "2.0",
      scp: input.scopes.join(" "),
      oid: input.user.id,
      sub: input.user.id,
      name: input.user.displayName,
      preferred_username: input.user.userPrincipalName,
      upn: input.user.userPrincipalName,
    });
  }

  /** Signs an OpenID Connect ID token (claims from id-token-claims.ts; msal reads the account from it and client_info). */
  async idToken(claims: IdTokenClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keys.kid })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.lifetimeS)
      .sign(this.keys.privateKey);
  }

  /** Verifies signature, audience (one of this Graph's resource ids), and expiry; returns who is calling. */
  async verify(token: string, audiences: string[]): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify<AccessTokenClaims>(token, this.keys.publicKey, {
        algorithms: ["RS256"],
        audience: audiences,
        requiredClaims: ["exp", "tid", "appid"],
      });
      const issuedAt = payload.iat ?? 0;
      if (payload.idtyp === "user" && payload.oid && payload.scp !== undefined) {
        return {
          ok: true,
          principal: {
            kind: "delegated",
            tenantId: payload.tid,
            appId: payload.appid,
            userId: payload.oid,
            scopes: payload.scp.split(" ").filter(Boolean),
            issuedAt,
          },
        };
      }
      if (payload.idtyp === "app") {
        return {
          ok: true,
          principal: {
            kind: "app",
            tenantId: payload.tid,
            appId: payload.appid,
            roles: payload.roles ?? [],
            issuedAt,
          },
        };
      }
      return { ok: false, reason: "invalid" };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
    }
  }

  async #sign(claims: Omit<AccessTokenClaims, "iat" | "nbf" | "exp">): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims, uti: newGuid() })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keys.kid })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.lifetimeS)
      .sign(this.keys.privateKey);
  }
}

/** `client_info` as msal expects it: base64url JSON `{"uid","utid"}` (reference §6.2). */
export function clientInfo(user: DirectoryUser): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString("base64url");
}
