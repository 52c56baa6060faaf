import { linkingKey, type DirectoryPerson, type WebhookPerson } from "@presence/core";
import { listLinks } from "@presence/db";

import type { WebhookContext } from "../webhook-context.ts";

const PAGE = 500;

/**
 * A connected system's directory. The contract gives a system no way to list its people: it names them
 * by e-mail, and its reports count for the link with that e-mail. So the people a system can name are the
 * linked people with an e-mail (the ones it is sent states of), listed from the store page by page;
 * a disabled link is listed as deactivated (its reports are not taken into account).
 */
export async function* linkedPeople(
  context: Pick<WebhookContext, "db">,
  connectionId: string,
): AsyncGenerator<DirectoryPerson<WebhookPerson>> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await listLinks(context.db, { limit: PAGE, offset });
    for (const link of page) {
      const email = linkingKey(link.email);
      if (!email) continue;
      yield {
        person: { connectionId, email },
        linkingKey: email,
        displayName: link.displayName ?? email,
        deactivated: link.status === "disabled",
      };
    }
    if (page.length < PAGE) return;
  }
}
