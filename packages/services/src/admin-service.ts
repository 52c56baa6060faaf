import { BridgeError } from "@presence/core";
import {
  addAdminPrincipal,
  appendSyncEvents,
  removeAdminPrincipal,
  type AdminPrincipal,
  type DbClient,
} from "@presence/db";

import type { Actor } from "./link-service.ts";

/** Adds someone (or a group) to the admin allow-list, recorded in the audit trail. */
export async function addAdmin(
  db: DbClient,
  input: { kind: string; value: string; note?: string },
  actor: Actor,
): Promise<AdminPrincipal> {
  return db.$transaction(async (tx) => {
    const entry = await addAdminPrincipal(tx, input, actor.name);
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `${entry.kind.replace("_", " ")} ${entry.value} made an admin by ${actor.name}`,
          detail: { action: "admin_added", kind: entry.kind, value: entry.value },
        },
      ],
      actor.name,
    );
    return entry;
  });
}

/** Removes an allow-list entry. The last one stays unless forced (the API token and CLI still work). */
export async function removeAdmin(
  db: DbClient,
  id: string,
  actor: Actor,
  options: { allowEmpty?: boolean } = {},
): Promise<AdminPrincipal> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE "AdminPrincipal" IN SHARE ROW EXCLUSIVE MODE`;
    if (!options.allowEmpty && (await tx.adminPrincipal.count()) <= 1)
      throw new BridgeError("conflict", "This is the last admin: add another one first");
    const entry = await removeAdminPrincipal(tx, id);
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `${entry.kind.replace("_", " ")} ${entry.value} removed from the admins by ${actor.name}`,
          detail: { action: "admin_removed", kind: entry.kind, value: entry.value },
        },
      ],
      actor.name,
    );
    return entry;
  });
}
