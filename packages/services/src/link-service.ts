import {
  BridgeError,
  ZEmail,
  parseInput,
  type Direction,
  type LinkPolicyOverrides,
  type LinkStatus,
} from "@presence/core";
import {
  appendSyncEvents,
  createLink,
  deleteCredentials,
  deleteSlackUserCredentials,
  entraOwner,
  findDirectoryByEmail,
  listLinks,
  listSyncEvents,
  lockLink,
  setLinkStatus,
  type DbClient,
  type Link,
  type SyncEvent,
} from "@presence/db";
import { enqueueReconsider } from "@presence/pipeline";

import { resolvePerson } from "./resolve-person.ts";

/** Who made an admin change (recorded in the audit trail). */
export interface Actor {
  name: string;
}

export interface LinkAccountsInput {
  slack: { teamId: string; userId: string };
  entra: { tenantId: string; userId: string };
  email?: string | null;
  displayName?: string;
  direction?: Direction;
  policy?: LinkPolicyOverrides;
}

/** Links a Slack account and a Microsoft account. Nothing is stored when validation fails. */
export async function linkAccounts(db: DbClient, input: LinkAccountsInput, actor: Actor): Promise<Link> {
  return db.$transaction(async (tx) => {
    const link = await createLink(tx, {
      slackTeamId: input.slack.teamId,
      slackUserId: input.slack.userId,
      tenantId: input.entra.tenantId,
      entraUserId: input.entra.userId,
      email: input.email ?? null,
      displayName: input.displayName ?? "",
      direction: input.direction ?? "both",
      policy: input.policy ?? {},
    });
    await appendSyncEvents(
      tx,
      link.id,
      [{ kind: "link_created", side: null, message: `Linked by ${actor.name}`, detail: { by: actor.name } }],
      actor.name,
    );
    return link;
  });
}

/**
 * Links the Slack and Microsoft accounts that share an e-mail address, as the bridges recorded
 * them in the directory (Slack users.list, Graph users).
 */
export async function linkByEmail(
  db: DbClient,
  rawEmail: string,
  actor: Actor,
  options: Omit<LinkAccountsInput, "slack" | "entra" | "email"> = {},
): Promise<Link> {
  const email = parseInput(ZEmail, rawEmail, "Invalid e-mail");
  const slack = await findDirectoryByEmail(db, "slack", email);
  const teams = await findDirectoryByEmail(db, "teams", email);
  const missing = [slack.length === 0 ? "Slack" : null, teams.length === 0 ? "Microsoft Entra" : null].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw new BridgeError(
      "not_found",
      `No ${missing.join(" or ")} user with e-mail ${email} in the directory (the bridges fill it from users.list and Graph users)`,
    );
  }
  if (slack.length > 1 || teams.length > 1)
    throw new BridgeError("conflict", `Several accounts share ${email}; link them by id`);
  const [s, t] = [slack[0], teams[0]];
  if (!s || !t) throw new BridgeError("internal", "directory lookup lost its result");
  return linkAccounts(
    db,
    {
      ...options,
      slack: { teamId: s.scopeId, userId: s.userId },
      entra: { tenantId: t.scopeId, userId: t.userId },
      email,
      displayName: options.displayName || s.displayName || t.displayName,
    },
    actor,
  );
}

/** Removes a link and the person's stored tokens. The audit trail keeps the link's history. */
export async function unlinkPerson(db: DbClient, ref: string, actor: Actor): Promise<Link> {
  const link = await resolvePerson(db, ref);
  await db.$transaction(async (tx) => {
    await appendSyncEvents(
      tx,
      link.id,
      [
        {
          kind: "link_removed",
          side: null,
          message: `Unlinked by ${actor.name}`,
          detail: { by: actor.name, slackUserId: link.slackUserId, entraUserId: link.entraUserId },
        },
      ],
      actor.name,
    );
    await deleteSlackUserCredentials(tx, link.slackUserId);
    await deleteCredentials(tx, entraOwner(link.tenantId, link.entraUserId));
    await tx.link.delete({ where: { id: link.id } });
  });
  return link;
}

export interface PauseOptions {
  /** Resume automatically at this time; undefined = until resumed. */
  until?: Date;
  reason?: string;
}

export async function pausePerson(
  db: DbClient,
  ref: string,
  options: PauseOptions,
  actor: Actor,
): Promise<Link> {
  const { id } = await resolvePerson(db, ref);
  if (options.until && options.until.getTime() <= Date.now())
    throw new BridgeError("invalid_input", "The pause must end in the future");
  return db.$transaction(async (tx) => {
    await lockLink(tx, id);
    const link = await tx.link.findUniqueOrThrow({ where: { id } });
    if (link.status === "needs_reauth" || link.status === "disabled") {
      throw new BridgeError(
        "conflict",
        `This link is ${link.status.replace("_", "-")}; pausing changes nothing`,
      );
    }
    const updated = await setLinkStatus(tx, id, {
      status: "paused",
      reason: options.reason ?? `paused by ${actor.name}`,
      pausedUntil: options.until ?? null,
    });
    const until = options.until ? ` until ${options.until.toISOString()}` : "";
    await appendSyncEvents(
      tx,
      id,
      [
        {
          kind: "link_updated",
          side: null,
          message: `Paused by ${actor.name}${until}`,
          detail: { status: "paused", until: options.until?.toISOString() ?? null },
        },
      ],
      actor.name,
    );
    // The bridge lets go of what it wrote on both sides while paused.
    await enqueueReconsider(tx, id, `paused by ${actor.name}`);
    return updated;
  });
}

export async function resumePerson(db: DbClient, ref: string, actor: Actor): Promise<Link> {
  const { id } = await resolvePerson(db, ref);
  return db.$transaction(async (tx) => {
    await lockLink(tx, id);
    const link = await tx.link.findUniqueOrThrow({ where: { id } });
    if (link.status !== "paused")
      throw new BridgeError("conflict", `This link is ${link.status.replace("_", "-")}, not paused`);
    const updated = await setLinkStatus(tx, id, { status: "active" });
    await appendSyncEvents(
      tx,
      id,
      [
        {
          kind: "link_updated",
          side: null,
          message: `Resumed by ${actor.name}`,
          detail: { status: "active" },
        },
      ],
      actor.name,
    );
    await enqueueReconsider(tx, id, `resumed by ${actor.name}`);
    return updated;
  });
}

export async function listPeople(
  db: DbClient,
  filter: { status?: LinkStatus; search?: string; limit?: number },
): Promise<Link[]> {
  return listLinks(db, filter);
}

/** A person's recent sync events, newest first: the "why did my status change?" timeline. */
export async function personTimeline(
  db: DbClient,
  ref: string,
  limit = 20,
): Promise<{ link: Link; events: SyncEvent[] }> {
  const link = await resolvePerson(db, ref);
  return { link, events: await listSyncEvents(db, { linkId: link.id, limit }) };
}
