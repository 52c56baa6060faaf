import { BridgeError, parseInput, ZBridgeSettings, type BridgeSettings } from "@presence/core";
import {
  addRuleVersion,
  appendSyncEvents,
  getSettings,
  updateSettings,
  type DbClient,
  type RuleSetRecord,
} from "@presence/db";
import { enqueueReconsiderAll } from "@presence/pipeline";

import type { Actor } from "./link-service.ts";

/** A change to the organisation settings: any subset; `defaultPolicy` is merged field by field. */
export type SettingsPatch = Partial<Omit<BridgeSettings, "defaultPolicy">> & {
  defaultPolicy?: Partial<BridgeSettings["defaultPolicy"]>;
};

/**
 * Changes the organisation settings, records who did it and what changed (before and after), and
 * has every link re-decided under them.
 */
export async function updateOrgSettings(
  db: DbClient,
  patch: SettingsPatch,
  actor: Actor,
): Promise<BridgeSettings> {
  return db.$transaction(async (tx) => {
    const current = await getSettings(tx);
    const next = parseInput(
      ZBridgeSettings,
      { ...current, ...patch, defaultPolicy: { ...current.defaultPolicy, ...(patch.defaultPolicy ?? {}) } },
      "Invalid settings",
    );
    const saved = await updateSettings(tx, next);
    // What really changed (a form sends every setting; the audit names only the ones that differ).
    const changed = Object.keys(patch).filter(
      (key) =>
        JSON.stringify(current[key as keyof BridgeSettings]) !==
        JSON.stringify(saved[key as keyof BridgeSettings]),
    );
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `Settings changed by ${actor.name}: ${changed.join(", ") || "nothing"}`,
          detail: {
            action: "settings_changed",
            changed,
            before: Object.fromEntries(changed.map((k) => [k, current[k as keyof BridgeSettings]])),
            after: Object.fromEntries(changed.map((k) => [k, saved[k as keyof BridgeSettings]])),
          },
        },
      ],
      actor.name,
    );
    await enqueueReconsiderAll(tx, `settings changed by ${actor.name}`);
    return saved;
  });
}

/** Publishes a new version of the mapping rules (validated), records it, and re-decides every link. */
export async function publishRules(
  db: DbClient,
  rules: unknown,
  comment: string,
  actor: Actor,
  action: "rules_published" | "rules_rolled_back" = "rules_published",
): Promise<RuleSetRecord> {
  return db.$transaction(async (tx) => {
    const saved = await addRuleVersion(tx, rules, { comment, createdBy: actor.name });
    await appendSyncEvents(
      tx,
      null,
      [
        {
          kind: "admin_action",
          side: null,
          message: `Mapping rules v${saved.version} published by ${actor.name}${comment ? `: ${comment}` : ""}`,
          detail: { action, version: saved.version, comment },
        },
      ],
      actor.name,
    );
    await enqueueReconsiderAll(tx, `rules v${saved.version} by ${actor.name}`);
    return saved;
  });
}

/** Puts an earlier version's rules back in force, as a new version (history is never rewritten). */
export async function rollbackRules(db: DbClient, version: number, actor: Actor): Promise<RuleSetRecord> {
  const old = await db.ruleSetVersion.findUnique({ where: { version } });
  if (!old) throw new BridgeError("not_found", `No version ${version} of the rules`);
  return publishRules(db, old.rules, `Rollback to v${version}`, actor, "rules_rolled_back");
}
