import type { Direction, LinkPolicyOverrides } from "@presence/core";
import { appendSyncEvents, lockLink, updateLinkSettings, type DbClient, type Link } from "@presence/db";
import { enqueueReconsider } from "@presence/pipeline";

import type { Actor } from "./link-service.ts";
import { resolvePerson } from "./resolve-person.ts";

export interface PersonSettingsChange {
  direction?: Direction;
  /** Merged into the link's existing overrides (a field set to undefined keeps its value). */
  policy?: LinkPolicyOverrides;
}

/**
 * A person's own choices for their link: which way it mirrors and what is shared (policy overrides
 * such as shareStatusText, hideMeetingTitles, respectManualStatus). Validated; recorded in the audit
 * trail.
 */
export async function updatePersonSettings(
  db: DbClient,
  ref: string,
  change: PersonSettingsChange,
  actor: Actor,
): Promise<Link> {
  const { id } = await resolvePerson(db, ref);
  return db.$transaction(async (tx) => {
    await lockLink(tx, id);
    const link = await tx.link.findUniqueOrThrow({ where: { id } });
    const current = (link.policy ?? {}) as LinkPolicyOverrides;
    const policy = change.policy ? { ...current, ...definedOnly(change.policy) } : undefined;
    const updated = await updateLinkSettings(tx, link.id, {
      ...(change.direction ? { direction: change.direction } : {}),
      ...(policy ? { policy } : {}),
    });
    const parts = [
      change.direction ? `direction ${change.direction}` : null,
      change.policy ? `sharing ${JSON.stringify(definedOnly(change.policy))}` : null,
    ].filter(Boolean);
    await appendSyncEvents(
      tx,
      link.id,
      [
        {
          kind: "link_updated",
          side: null,
          message: `Settings changed by ${actor.name}: ${parts.join(", ")}`,
          detail: { by: actor.name, direction: updated.direction, policy: updated.policy },
        },
      ],
      actor.name,
    );
    // What the bridge holds on each side follows the new direction and sharing choices at once.
    await enqueueReconsider(tx, link.id, "settings changed");
    return updated;
  });
}

function definedOnly(policy: LinkPolicyOverrides): LinkPolicyOverrides {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined));
}
