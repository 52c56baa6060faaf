import { BridgeError } from "@presence/core";
import {
  getCredential,
  putCredential,
  type DbClient,
  type KeyRing,
  type SlackInstallation,
  lockCredential,
  listExpiringCredentials,
} from "@presence/db";
import type { Logger } from "@presence/telemetry";
import { z } from "zod";

import type { SlackApi, TokenLease } from "../client/slack-api.ts";
import type { SlackMetrics } from "../slack-metrics.ts";
import {
  CREDENTIAL,
  credentialOwner,
  findPersonInstallation,
  findWorkspaceInstallation,
} from "./installation-rows.ts";

/** Rotated tokens live 12 h; the bridge refreshes those expiring within this time (Slack's own advice). */
export const REFRESH_AHEAD_MS = 2 * 60 * 60 * 1000;
/** A token this close to expiry is refreshed before use rather than left to the cron. */
const REFRESH_BEFORE_USE_MS = 60 * 1000;
/** How long a process uses a token it read (and decrypted) before reading the store again. */
export const TOKEN_CACHE_TTL_MS = 45 * 1000;
/** At most this many tokens (and as many lookups) are kept; the least recently used go first. */
const TOKEN_CACHE_SIZE = 10_000;

const ZRefreshAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

type TokenKind = typeof CREDENTIAL.bot | typeof CREDENTIAL.user;

export interface SlackTokensOptions {
  db: DbClient;
  ring: KeyRing;
  api: SlackApi;
  clientId: string;
  clientSecret: string;
  metrics: SlackMetrics;
  logger: Logger;
  now: () => number;
  /** TOKEN_CACHE_TTL_MS unless given; 0 reads the store for every lease. */
  cacheTtlMs?: number;
}

/**
 * The tokens the bridge calls Slack with: a workspace's bot token, a person's user token, the admin
 * (installer's) user token; and token rotation — refreshing each token under its credential row's
 * lock, so replicas (and the cron and a `token_expired` retry) never spend one single-use refresh
 * token twice.
 */
export class SlackTokens {
  readonly #cache: TokenCache;

  constructor(private readonly options: SlackTokensOptions) {
    this.#cache = new TokenCache(options.cacheTtlMs ?? TOKEN_CACHE_TTL_MS, TOKEN_CACHE_SIZE, options.now);
  }

  /** The workspace's bot token (its own install or its org's org-wide install). */
  async bot(teamId: string): Promise<TokenLease | null> {
    return this.#cached(`bot:${teamId}`, async () => {
      const row = await findWorkspaceInstallation(this.options.db, teamId);
      return row ? { kind: CREDENTIAL.bot, owner: credentialOwner(row) } : null;
    });
  }

  /** The bot token of one installation row. */
  async forInstallation(row: SlackInstallation): Promise<TokenLease | null> {
    const owner = credentialOwner(row);
    return this.#cached(`bot-of:${owner}`, async () => ({ kind: CREDENTIAL.bot, owner }));
  }

  /** The person's own user token, if they connected their Slack account. */
  async person(teamId: string, userId: string): Promise<TokenLease | null> {
    return this.#cached(`person:${teamId}:${userId}`, async () => {
      const row = await findPersonInstallation(this.options.db, teamId, userId);
      return row ? { kind: CREDENTIAL.user, owner: credentialOwner(row) } : null;
    });
  }

  /** Admin-token mode: the user token of whoever installed the app in the workspace (an Owner/Admin). */
  async admin(teamId: string): Promise<TokenLease | null> {
    return this.#cached(`admin:${teamId}`, async () => {
      const row = await findWorkspaceInstallation(this.options.db, teamId);
      const installer = (row?.data as { user?: { id?: unknown } } | undefined)?.user?.id;
      if (typeof installer !== "string") return null;
      const person = await findPersonInstallation(this.options.db, teamId, installer);
      return person ? { kind: CREDENTIAL.user, owner: credentialOwner(person) } : null;
    });
  }

  /**
   * Forgets this process's copies of an owner's tokens (revoked, uninstalled, disconnected): the next
   * lease reads the store. Other replicas' copies lapse within TOKEN_CACHE_TTL_MS, and a copy Slack
   * refuses is dropped at once (SlackApi).
   */
  forget(owner: string): void {
    this.#cache.forget(CREDENTIAL.bot, owner);
    this.#cache.forget(CREDENTIAL.user, owner);
  }

  /** Refreshes every rotating token that expires within `withinMs` (the token-refresh cron). */
  async refreshExpiring(withinMs = REFRESH_AHEAD_MS): Promise<{ refreshed: number; failed: number }> {
    const due = await listExpiringCredentials(
      this.options.db,
      [CREDENTIAL.bot, CREDENTIAL.user],
      new Date(this.options.now() + withinMs),
    );
    let refreshed = 0;
    let failed = 0;
    for (const { kind, owner, expiresAt } of due) {
      try {
        await this.refresh(kind as TokenKind, owner, { aheadMs: withinMs, seenExpiresAt: expiresAt });
        refreshed += 1;
      } catch (error) {
        failed += 1;
        this.options.logger.warn({ kind, owner, err: error }, "could not refresh a rotating Slack token");
      }
    }
    return { refreshed, failed };
  }

  /**
   * Refreshes one token and returns the current one. Nothing is spent when another process already
   * refreshed it: after `token_expired` (`expired` given) when the stored token is no longer that
   * one; otherwise when the stored token outlives `aheadMs`, or is no longer the one seen expiring
   * (`seenExpiresAt`).
   */
  async refresh(
    kind: TokenKind,
    owner: string,
    when: { expired?: string; aheadMs?: number; seenExpiresAt?: Date | null },
  ): Promise<string> {
    let current: StoredToken;
    try {
      current = await this.#refresh(kind, owner, when);
    } catch (error) {
      // Revoked, no refresh token, or Slack unreachable: the next lease reads the store again.
      this.#cache.forget(kind, owner);
      throw error;
    }
    this.#cache.remember(kind, owner, current);
    return current.secret;
  }

  async #refresh(
    kind: TokenKind,
    owner: string,
    when: { expired?: string; aheadMs?: number; seenExpiresAt?: Date | null },
  ): Promise<StoredToken> {
    const { db, ring, api, metrics } = this.options;
    const refreshKind = kind === CREDENTIAL.bot ? CREDENTIAL.botRefresh : CREDENTIAL.userRefresh;
    return db.$transaction(
      async (tx) => {
        await lockCredential(tx, kind, owner);
        const current = await getCredential(tx, ring, kind, owner);
        if (!current)
          throw new BridgeError("auth_revoked", "The Slack token was removed (revoked or uninstalled)");
        const expiresAt = current.expiresAt?.getTime() ?? Infinity;
        const stillGood =
          when.expired !== undefined
            ? current.secret !== when.expired
            : expiresAt > this.options.now() + (when.aheadMs ?? 0) ||
              (when.seenExpiresAt !== undefined && expiresAt !== (when.seenExpiresAt?.getTime() ?? Infinity));
        if (stillGood) return current;
        const refreshToken = await getCredential(tx, ring, refreshKind, owner);
        if (!refreshToken)
          throw new BridgeError("auth_revoked", "The Slack token expired and there is no refresh token");
        let answer: z.infer<typeof ZRefreshAnswer>;
        try {
          answer = ZRefreshAnswer.parse(
            await api.callUnbudgeted("oauth.v2.access", {
              client_id: this.options.clientId,
              client_secret: this.options.clientSecret,
              grant_type: "refresh_token",
              refresh_token: refreshToken.secret,
            }),
          );
        } catch (error) {
          metrics.tokenRefreshes.inc({ kind, outcome: "failed" });
          throw error;
        }
        const renewedUntil = new Date(this.options.now() + answer.expires_in * 1000);
        await putCredential(tx, ring, { kind, owner, secret: answer.access_token, expiresAt: renewedUntil });
        await putCredential(tx, ring, { kind: refreshKind, owner, secret: answer.refresh_token });
        metrics.tokenRefreshes.inc({ kind, outcome: "refreshed" });
        return { secret: answer.access_token, expiresAt: renewedUntil };
      },
      { timeout: 20_000, maxWait: 10_000 },
    );
  }

  /**
   * The lease `key` names: from this process's cache while it is fresh, else resolved (`find`: whose
   * token it is) and read from the store (decrypted once, kept only in memory). Nothing is cached for
   * someone without a token, so a new connection counts at once.
   */
  async #cached(
    key: string,
    find: () => Promise<{ kind: TokenKind; owner: string } | null>,
  ): Promise<TokenLease | null> {
    const hit = this.#cache.get(key);
    if (hit) return this.#lease(hit.kind, hit.owner, hit.token);
    const found = await find();
    if (!found) return null;
    const stored = await getCredential(this.options.db, this.options.ring, found.kind, found.owner);
    if (!stored) return null;
    this.#cache.put(key, found.kind, found.owner, stored);
    return this.#lease(found.kind, found.owner, stored);
  }

  async #lease(kind: TokenKind, owner: string, stored: StoredToken): Promise<TokenLease> {
    const expiring =
      stored.expiresAt !== null && stored.expiresAt.getTime() <= this.options.now() + REFRESH_BEFORE_USE_MS;
    const token = expiring
      ? await this.refresh(kind, owner, { aheadMs: REFRESH_BEFORE_USE_MS, seenExpiresAt: stored.expiresAt })
      : stored.secret;
    return {
      token,
      owner,
      refresh: (expired) => this.refresh(kind, owner, { expired }),
      forget: () => this.#cache.forget(kind, owner),
      reload: async (rejected) => {
        this.#cache.forget(kind, owner);
        const stored = await getCredential(this.options.db, this.options.ring, kind, owner);
        if (!stored || stored.secret === rejected) return null;
        this.#cache.remember(kind, owner, stored);
        return stored.secret;
      },
    };
  }
}

interface StoredToken {
  secret: string;
  expiresAt: Date | null;
}

interface CachedToken extends StoredToken {
  until: number;
}

/**
 * Decrypted tokens kept in this process's memory only (never written anywhere), for `ttlMs` after
 * they were read, at most `size` of them (least recently used dropped first). Lookups (a person, a
 * workspace's bot) name a token by kind and owner; forgetting a token forgets it for every lookup.
 */
class TokenCache {
  readonly #routes = new Map<string, { kind: TokenKind; owner: string; until: number }>();
  readonly #tokens = new Map<string, CachedToken>();

  constructor(
    private readonly ttlMs: number,
    private readonly size: number,
    private readonly now: () => number,
  ) {}

  get(key: string): { kind: TokenKind; owner: string; token: StoredToken } | null {
    const route = fresh(this.#routes, key, this.now());
    if (!route) return null;
    const token = fresh(this.#tokens, tokenKey(route.kind, route.owner), this.now());
    return token ? { kind: route.kind, owner: route.owner, token } : null;
  }

  put(key: string, kind: TokenKind, owner: string, token: StoredToken): void {
    if (this.ttlMs <= 0) return;
    bounded(this.#routes, key, { kind, owner, until: this.now() + this.ttlMs }, this.size);
    this.remember(kind, owner, token);
  }

  /** The token now stored for kind and owner (refreshed, or read again). */
  remember(kind: TokenKind, owner: string, token: StoredToken): void {
    if (this.ttlMs <= 0) return;
    const entry = { secret: token.secret, expiresAt: token.expiresAt, until: this.now() + this.ttlMs };
    bounded(this.#tokens, tokenKey(kind, owner), entry, this.size);
  }

  forget(kind: TokenKind, owner: string): void {
    this.#tokens.delete(tokenKey(kind, owner));
  }
}

function tokenKey(kind: string, owner: string): string {
  return `${kind} ${owner}`;
}

/** The entry while it is fresh, marked as just used; a stale one is dropped. */
function fresh<T extends { until: number }>(map: Map<string, T>, key: string, now: number): T | null {
  const entry = map.get(key);
  if (!entry) return null;
  map.delete(key);
  if (entry.until <= now) return null;
  map.set(key, entry);
  return entry;
}

function bounded<T>(map: Map<string, T>, key: string, value: T, size: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > size) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
