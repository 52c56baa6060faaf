import { upsertDirectoryEntries, type DbClient, type DirectoryEntryInput } from "@presence/db";
import { z } from "zod";

import type { GraphAccess } from "../client/graph-access.ts";

const ZUserPage = z.object({
  value: z.array(
    z.object({
      id: z.string().min(1),
      displayName: z.string().nullish(),
      mail: z.string().nullish(),
      userPrincipalName: z.string().nullish(),
      accountEnabled: z.boolean().nullish(),
    }),
  ),
  "@odata.nextLink": z.string().optional(),
});

/**
 * Reads the tenant's users (app permission User.Read.All), page by page through @odata.nextLink,
 * into the directory the admin links people from by e-mail: `mail`, or the user principal name
 * where a user has no mailbox, and whether the account is disabled. Returns how many users were recorded.
 */
export async function syncDirectory(
  graph: GraphAccess,
  db: DbClient,
  tenantId: string,
  pageSize = 999,
): Promise<number> {
  let next: string | undefined = firstUserPage(pageSize);
  let total = 0;
  while (next) {
    const page = await readUserPage(graph, tenantId, next);
    await upsertDirectoryEntries(db, page.entries);
    total += page.entries.length;
    next = page.next;
  }
  return total;
}

/** The first page of the tenant's users, with only the fields the directory keeps. */
export function firstUserPage(pageSize = 999): string {
  return `/users?$select=id,displayName,mail,userPrincipalName,accountEnabled&$top=${pageSize}`;
}

/** One page of users as directory entries, and the next page's link (@odata.nextLink). */
export async function readUserPage(
  graph: GraphAccess,
  tenantId: string,
  url: string,
): Promise<{ entries: DirectoryEntryInput[]; next: string | undefined }> {
  const page = ZUserPage.parse(await graph.appCall("list users", (client) => client.api(url).get()));
  return {
    entries: page.value.map((user) => ({
      side: "teams" as const,
      scopeId: tenantId,
      userId: user.id.toLowerCase(),
      email: user.mail || user.userPrincipalName || null,
      displayName: user.displayName ?? "",
      // Disabled accounts stay listed (admins see them) but are never linked automatically.
      deactivated: user.accountEnabled === false,
    })),
    next: page["@odata.nextLink"],
  };
}
