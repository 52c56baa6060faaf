import { newOpaqueToken } from "../ids.ts";

export interface AuthorizationCode {
  clientId: string;
  tenantId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  nonce?: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  tenantId: string;
  userId: string;
  /** Graph permissions granted with it, e.g. `Presence.Read.All`. */
  permissions: string[];
  issuedAt: number;
}

export interface NextSignIn {
  userId?: string;
  /** The emulated user cancels: the authorize endpoint redirects with `error=access_denied`. */
  deny?: boolean;
}

export type GrantRevokedListener = (event: { userId: string; clientId?: string; at: number }) => void;

/** Authorization codes (single use, ~10 min), refresh tokens, revocations and the scripted next sign-in. */
export class GrantStore {
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  readonly #revocations: { userId: string; clientId?: string; at: number }[] = [];
  readonly #listeners = new Set<GrantRevokedListener>();
  #nextSignIns: NextSignIn[] = [];

  issueCode(code: AuthorizationCode): string {
    const value = newOpaqueToken(48);
    this.#codes.set(value, code);
    return value;
  }

  /** Redeems a code once; a second redemption finds nothing (reference §6.2: codes are short-lived, single use). */
  redeemCode(value: string): AuthorizationCode | undefined {
    const code = this.#codes.get(value);
    this.#codes.delete(value);
    if (!code || code.expiresAt <= Date.now()) return undefined;
    return code;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "issuedAt">): string {
    const value = newOpaqueToken(64);
    this.#refreshTokens.set(value, { ...grant, issuedAt: Date.now() });
    return value;
  }

  /** Refresh tokens are not revoked when used (reference §6.2); they die with a revocation. */
  findRefreshToken(value: string): RefreshGrant | undefined {
    const grant = this.#refreshTokens.get(value);
    if (!grant) return undefined;
    const revoked = this.#revocations.some(
      (r) =>
        r.userId === grant.userId &&
        (r.clientId === undefined || r.clientId === grant.clientId) &&
        r.at >= grant.issuedAt,
    );
    return revoked ? undefined : grant;
  }

  /** Revokes the user's refresh tokens (for one app, or all) — as an admin revoking sessions or consent. */
  revoke(userId: string, clientId?: string): void {
    const event = { userId, at: Date.now(), ...(clientId === undefined ? {} : { clientId }) };
    this.#revocations.push(event);
    for (const listener of this.#listeners) listener(event);
  }

  onRevoked(listener: GrantRevokedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  queueSignIn(next: NextSignIn): void {
    this.#nextSignIns.push(next);
  }

  clearSignIns(): void {
    this.#nextSignIns = [];
  }

  takeSignIn(): NextSignIn | undefined {
    return this.#nextSignIns.shift();
  }
}
