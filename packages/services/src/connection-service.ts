import type { Side } from "@presence/core";
import { appendSyncEvents, setLinkStatus, type DbClient, type Link } from "@presence/db";

import type { Actor } from "./link-service.ts";
import { resolvePerson } from "./resolve-person.ts";

/*
 * A side's account connection behind a link: lost (token revoked, person disconnected), removed with
 * the app (uninstalled), or connected again. The reason is recorded as "<side>: …", which is how a
 * reconnection on that side knows the link waited for it (the pipeline records write failures the
 * same way).
 */

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
  const link = await resolvePerson(db, ref);
  if (link.status === "disabled" || link.status === "needs_reauth") return link;
  return changeStatus(db, link, "needs_reauth", `${input.side}: ${input.reason}`, actor, {
    kind: "needs_reauth",
    side: input.side,
    message: `The ${sideName(input.side)} account must be connected again: ${input.reason}`,
  });
}

/** The app was removed on one side: the link is off until the app is back and the person reconnects. */
export async function disableLink(
  db: DbClient,
  ref: string,
  input: { side: Side; reason: string },
  actor: Actor,
): Promise<Link> {
  const link = await resolvePerson(db, ref);
  return changeStatus(db, link, "disabled", `${input.side}: ${input.reason}`, actor, {
    kind: "link_updated",
    side: input.side,
    message: `Disabled: ${input.reason}`,
  });
}

/**
 * The person connected this side's account again: a link that waited for exactly that (needs
 * re-auth or disabled for a reason on this side) mirrors again. Anything else is left as it is.
 */
export async function markReconnected(db: DbClient, ref: string, side: Side, actor: Actor): Promise<Link> {
  const link = await resolvePerson(db, ref);
  const waiting =
    (link.status === "needs_reauth" || link.status === "disabled") &&
    link.statusReason.startsWith(`${side}:`);
  if (!waiting) return link;
  return changeStatus(db, link, "active", "", actor, {
    kind: "link_updated",
    side,
    message: `The ${sideName(side)} account is connected again; mirroring resumes`,
  });
}

async function changeStatus(
  db: DbClient,
  link: Link,
  status: Link["status"],
  reason: string,
  actor: Actor,
  event: { kind: "needs_reauth" | "link_updated"; side: Side; message: string },
): Promise<Link> {
  if (link.status === status && link.statusReason === reason) return link;
  return db.$transaction(async (tx) => {
    const updated = await setLinkStatus(tx, link.id, { status, reason });
    await appendSyncEvents(
      tx,
      link.id,
      [{ ...event, detail: { status, reason, by: actor.name } }],
      actor.name,
    );
    return updated;
  });
}

function sideName(side: Side): string {
  return side === "slack" ? "Slack" : "Microsoft";
}
