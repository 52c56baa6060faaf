import { BridgeError } from "@presence/core";
import {
  deleteCredentials,
  getCredential,
  putCredential,
  type Db,
  type DbClient,
  type KeyRing,
  type SlackInstallation,
} from "@presence/db";
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";

import { CREDENTIAL, credentialOwner } from "./installation-rows.ts";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

interface RowKey {
  enterpriseId: string;
  teamId: string;
  userId: string;
}

/**
 * Bolt's InstallationStore on Postgres, keyed like Bolt's query: enterprise, team and user ("" where
 * absent; org-wide installs have no team). The installation object is stored without its tokens;
 * tokens go encrypted into Credential. A workspace install (bot) is one row with user ""; each person
 * who connects their Slack account is a row of their own.
 *
 * Fetching for someone who never connected answers the workspace installation without a user token
 * (as Bolt's FileInstallationStore does), so their events authorize instead of failing with 401.
 * Refresh tokens are never handed to Bolt: rotation is the bridge's own, serialised job (SlackTokens),
 * so Bolt's per-event lazy refresh cannot race it with a single-use refresh token.
 */
export class PostgresInstallationStore implements InstallationStore {
  constructor(
    private readonly db: DbClient,
    private readonly ring: KeyRing,
  ) {}

  async storeInstallation<V extends "v1" | "v2">(installation: Installation<V, boolean>): Promise<void> {
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const enterpriseId = installation.enterprise?.id ?? "";
    const teamId = isEnterpriseInstall ? "" : (installation.team?.id ?? "");
    if (!teamId && !enterpriseId)
      throw new BridgeError("invalid_input", "A Slack installation without team or enterprise");
    const base = { enterpriseId, teamId, isEnterpriseInstall };
    await this.db.$transaction(async (tx) => {
      const { bot, user } = installation;
      if (bot) {
        const row = await upsertRow(tx, { ...base, userId: "" }, withoutTokens(installation));
        const owner = credentialOwner(row);
        await this.#putToken(tx, CREDENTIAL.bot, owner, bot.token, bot.expiresAt);
        await this.#putToken(tx, CREDENTIAL.botRefresh, owner, bot.refreshToken);
        if (installation.team?.id) {
          const data = {
            enterpriseId: enterpriseId || null,
            name: installation.team.name ?? "",
          };
          await tx.slackWorkspace.upsert({
            where: { teamId: installation.team.id },
            create: { teamId: installation.team.id, ...data },
            update: data,
          });
        }
      }
      if (user.token) {
        const personal = withoutTokens({ ...installation, bot: undefined });
        const row = await upsertRow(tx, { ...base, userId: user.id }, personal);
        const owner = credentialOwner(row);
        await this.#putToken(tx, CREDENTIAL.user, owner, user.token, user.expiresAt);
        await this.#putToken(tx, CREDENTIAL.userRefresh, owner, user.refreshToken);
      }
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const enterpriseId = query.enterpriseId ?? "";
    const teamId = query.isEnterpriseInstall ? "" : (query.teamId ?? "");
    const workspace =
      (await findRow(this.db, { enterpriseId, teamId, userId: "" })) ??
      (teamId && enterpriseId ? await findRow(this.db, { enterpriseId, teamId: "", userId: "" }) : null);
    const person = query.userId
      ? await this.#person(workspace, { enterpriseId, teamId }, query.userId)
      : null;
    const found = workspace ?? person;
    if (!found) throw new Error(`No Slack installation for ${enterpriseId || "-"}/${teamId || "-"}`);
    const installation = found.data as unknown as AnyInstallation;
    const botToken = workspace ? await this.#token(CREDENTIAL.bot, credentialOwner(workspace)) : undefined;
    const userToken = person ? await this.#token(CREDENTIAL.user, credentialOwner(person)) : undefined;
    const personal = person ? (person.data as unknown as AnyInstallation).user : undefined;
    return {
      ...installation,
      bot: installation.bot && botToken ? { ...installation.bot, token: botToken } : undefined,
      user: userToken
        ? {
            ...personal,
            id: query.userId ?? installation.user.id,
            token: userToken,
            scopes: personal?.scopes,
          }
        : { id: query.userId ?? installation.user.id, token: undefined, scopes: undefined },
    };
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const enterpriseId = query.enterpriseId ?? "";
    const teamId = query.isEnterpriseInstall ? "" : (query.teamId ?? "");
    await this.db.$transaction(async (tx) => {
      const rows = await tx.slackInstallation.findMany({
        where: { enterpriseId, teamId, ...(query.userId ? { userId: query.userId } : {}) },
      });
      for (const row of rows) await deleteCredentials(tx, credentialOwner(row));
      await tx.slackInstallation.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    });
  }

  async #person(
    workspace: SlackInstallation | null,
    key: Omit<RowKey, "userId">,
    userId: string,
  ): Promise<SlackInstallation | null> {
    return (
      (await findRow(this.db, { ...key, userId })) ??
      (workspace && workspace.teamId !== key.teamId
        ? await findRow(this.db, { enterpriseId: workspace.enterpriseId, teamId: workspace.teamId, userId })
        : null)
    );
  }

  async #token(kind: string, owner: string): Promise<string | undefined> {
    return (await getCredential(this.db, this.ring, kind, owner))?.secret;
  }

  async #putToken(
    tx: Db,
    kind: string,
    owner: string,
    secret: string | undefined,
    expiresAtSeconds?: number,
  ): Promise<void> {
    if (secret === undefined) return;
    const expiresAt = expiresAtSeconds ? new Date(expiresAtSeconds * 1000) : null;
    await putCredential(tx, this.ring, { kind, owner, secret, expiresAt });
  }
}

async function findRow(db: Db, key: RowKey): Promise<SlackInstallation | null> {
  return db.slackInstallation.findUnique({ where: { enterpriseId_teamId_userId: key } });
}

async function upsertRow(
  tx: Db,
  key: RowKey & { isEnterpriseInstall: boolean },
  data: object,
): Promise<SlackInstallation> {
  const { isEnterpriseInstall, ...unique } = key;
  const json = data as never;
  return tx.slackInstallation.upsert({
    where: { enterpriseId_teamId_userId: unique },
    create: { ...unique, isEnterpriseInstall, data: json },
    update: { isEnterpriseInstall, data: json },
  });
}

/** The installation as stored: every token, refresh token and expiry removed (they live in Credential). */
function withoutTokens(installation: AnyInstallation | Omit<AnyInstallation, "bot">): object {
  const { bot, user, ...rest } = installation as AnyInstallation;
  const clean = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  const userPart = { id: user.id, scopes: user.scopes };
  if (!bot) return { ...clean, user: userPart };
  return {
    ...clean,
    user: userPart,
    bot: { id: bot.id, userId: bot.userId, scopes: bot.scopes },
  };
}
