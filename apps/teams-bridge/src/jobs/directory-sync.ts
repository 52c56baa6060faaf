import { upsertDirectoryEntries, type DbClient } from "@presence/db";
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
  let next: string | undefined =
    `/users?$select=id,displayName,mail,userPrincipalName,accountEnabled&$top=${pageSize}`;
  let total = 0;
  while (next) {
    const url: string = next;
    const page = ZUserPage.parse(await graph.appCall("list users", (client) => client.api(url).get()));
    await upsertDirectoryEntries(
      db,
      page.value.map((user) => ({
        side: "teams" as const,
        scopeId: tenantId,
        userId: user.id.toLowerCase(),
        email: user.mail || user.userPrincipalName || null,
        displayName: user.displayName ?? "",
        // Disabled accounts stay listed (admins see them) but are never linked automatically.
        deactivated: user.accountEnabled === false,
      })),
    );
    total += page.value.length;
    next = page["@odata.nextLink"];
  }
  return total;
}
