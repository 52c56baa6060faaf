import type { Side } from "@presence/core";
import { appendSyncEvents, lockLink, setLinkStatus, type Db, type DbClient, type Link } from "@presence/db";
import { enqueueReconsider } from "@presence/pipeline";

import type { Actor } from "./link-service.ts";
import { resolvePerson } from "./resolve-person.ts";

/*
 * A side's account connection behind a link: lost (token revoked, person disconnected), removed with
 * the app (uninstalled), or connected again. The reason is recorded as "<side>: …", which is how a
 * reconnection on that side knows the link waited for it (the pipeline records write failures the
 * same way). Each change is decided under the link's row lock, so concurrent reports (Slack sends
 * tokens_revoked and app_uninstalled at once) end in the same state whatever their order.
 */

type StatusChange = {
  status: Link["status"];
  reason: string;
  event: { kind: "needs_reauth" | "link_updated"; side: Side; message: string };
};

/**
 * The person must connect this side's account again; the link stops mirroring until then. A link
 * already disabled or waiting for a reconnect keeps its first reason.
 */
export async function requireReconnect(
  db: DbClient,
  ref: string,
  input: { side: Side; reason: string },
  actor: Actor,
): Promise<Link> {
  return changeStatus(db, ref, actor, (link) =>
    link.status === "disabled" || link.status === "needs_reauth"
      ? null
      : {
          status: "needs_reauth",
          reason: `${input.side}: ${input.reason}`,
          event: {
            kind: "needs_reauth",
            side: input.side,
            message: `The ${sideName(input.side)} account must be connected again: ${input.reason}`,
          },
        },
  );
}

/** The app was removed on one side: the link is off until the app is back and the person reconnects. */
export async function disableLink(
  db: DbClient,
  ref: string,
  input: { side: Side; reason: string },
  actor: Actor,
): Promise<Link> {
  return changeStatus(db, ref, actor, (link) =>
    link.status === "disabled" && link.statusReason === `${input.side}: ${input.reason}`
      ? null
      : {
          status: "disabled",
          reason: `${input.side}: ${input.reason}`,
          event: { kind: "link_updated", side: input.side, message: `Disabled: ${input.reason}` },
        },
  );
}

/**
 * The person connected this side's account again: a link that waited for exactly that (needs
 * re-auth or disabled for a reason on this side) mirrors again. Anything else is left as it is.
 */
export async function markReconnected(db: DbClient, ref: string, side: Side, actor: Actor): Promise<Link> {
  return changeStatus(db, ref, actor, (link) =>
    (link.status === "needs_reauth" || link.status === "disabled") && link.statusReason.startsWith(`${side}:`)
      ? {
          status: "active",
          reason: "",
          event: {
            kind: "link_updated",
            side,
            message: `The ${sideName(side)} account is connected again; mirroring resumes`,
          },
        }
      : null,
  );
}

/** Reads the link under its lock and applies what `decide` says (null: leave it as it is). */
async function changeStatus(
  db: DbClient,
  ref: string,
  actor: Actor,
  decide: (link: Link) => StatusChange | null,
): Promise<Link> {
  const { id } = await resolvePerson(db, ref);
  return db.$transaction(async (tx: Db) => {
    await lockLink(tx, id);
    const link = await tx.link.findUniqueOrThrow({ where: { id } });
    const change = decide(link);
    if (!change) return link;
    const updated = await setLinkStatus(tx, id, { status: change.status, reason: change.reason });
    await appendSyncEvents(
      tx,
      id,
      [{ ...change.event, detail: { status: change.status, reason: change.reason, by: actor.name } }],
      actor.name,
    );
    // Mirroring again: re-decide both sides from their current states. (A link waiting for a
    // reconnect is not written to at all, so there is nothing to re-decide when it stops.)
    if (change.status === "active") await enqueueReconsider(tx, id, change.event.message);
    return updated;
  });
}

function sideName(side: Side): string {
  return side === "slack" ? "Slack" : "Microsoft";
}
