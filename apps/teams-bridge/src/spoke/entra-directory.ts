import { linkingKey, type DirectoryPerson, type EntraPerson } from "@presence/core";

import type { GraphAccess } from "../client/graph-access.ts";
import { firstUserPage, readUserPage } from "../jobs/directory-sync.ts";

/**
 * The tenant's users, page by page (/users with the app token): the directory of the Teams and the
 * Outlook spokes alike (a mailbox is the person's Entra account).
 */
export async function* entraDirectory(
  graph: GraphAccess,
  tenantId: string,
): AsyncGenerator<DirectoryPerson<EntraPerson>> {
  let next: string | undefined = firstUserPage();
  while (next) {
    const page = await readUserPage(graph, tenantId, next);
    for (const entry of page.entries) {
      yield {
        person: { tenantId, userId: entry.userId },
        linkingKey: linkingKey(entry.email),
        displayName: entry.displayName,
        deactivated: entry.deactivated === true,
      };
    }
    next = page.next;
  }
}
