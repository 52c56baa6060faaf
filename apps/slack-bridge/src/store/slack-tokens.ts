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
}

/**
 * The tokens the bridge calls Slack with: a workspace's bot token, a person's user token, the admin
 * (installer's) user token; and token rotation — refreshing each token under its credential row's
 * lock, so replicas (and the cron and a `token_expired` retry) never spend one single-use refresh
 * token twice.
 */
export class SlackTokens {
  constructor(private readonly options: SlackTokensOptions) {}

  /** The workspace's bot token (its own install or its org's org-wide install). */
  async bot(teamId: string): Promise<TokenLease | null> {
    const row = await findWorkspaceInstallation(this.options.db, teamId);
    return row ? this.forInstallation(row) : null;
  }

  /** The bot token of one installation row. */
  async forInstallation(row: SlackInstallation): Promise<TokenLease | null> {
    return this.#lease(CREDENTIAL.bot, credentialOwner(row));
  }

  /** The person's own user token, if they connected their Slack account. */
  async person(teamId: string, userId: string): Promise<TokenLease | null> {
    const row = await findPersonInstallation(this.options.db, teamId, userId);
    return row ? this.#lease(CREDENTIAL.user, credentialOwner(row)) : null;
  }

  /** Admin-token mode: the user token of whoever installed the app in the workspace (an Owner/Admin). */
  async admin(teamId: string): Promise<TokenLease | null> {
    const row = await findWorkspaceInstallation(this.options.db, teamId);
    const installer = (row?.data as { user?: { id?: unknown } } | undefined)?.user?.id;
    return typeof installer === "string" ? this.person(teamId, installer) : null;
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
        if (stillGood) return current.secret;
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
        return answer.access_token;
      },
      { timeout: 20_000, maxWait: 10_000 },
    );
  }

  async #lease(kind: TokenKind, owner: string): Promise<TokenLease | null> {
    const stored = await getCredential(this.options.db, this.options.ring, kind, owner);
    if (!stored) return null;
    const expiring =
      stored.expiresAt !== null && stored.expiresAt.getTime() <= this.options.now() + REFRESH_BEFORE_USE_MS;
    const token = expiring
      ? await this.refresh(kind, owner, { aheadMs: REFRESH_BEFORE_USE_MS, seenExpiresAt: stored.expiresAt })
      : stored.secret;
    return {
      token,
      owner,
      refresh: (expired) => this.refresh(kind, owner, { expired }),
    };
  }
}
