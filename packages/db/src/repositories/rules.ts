import { defaultRuleSet, parseInput, ZRuleSet, type RuleSet } from "@presence/core";

import type { Db } from "../client.ts";
import { toJson } from "./json.ts";

export interface RuleSetRecord {
  version: number;
  rules: RuleSet;
  comment: string;
  createdBy: string;
  createdAt: Date;
}

/** The rules in force (the highest version). A new store gets the defaults as version 1. */
export async function getActiveRules(db: Db): Promise<RuleSetRecord> {
  const row = await db.ruleSetVersion.findFirst({ orderBy: { version: "desc" } });
  if (row) return { ...row, rules: ZRuleSet.parse(row.rules) };
  // Many workers may find the store empty at once: exactly one version 1 is created.
  await db.ruleSetVersion.createMany({
    data: [{ version: 1, rules: toJson(defaultRuleSet()), comment: "Default rules", createdBy: "system" }],
    skipDuplicates: true,
  });
  // The explicit version does not move the sequence: make the next version 2.
  await db.$queryRaw`SELECT setval(pg_get_serial_sequence('"RuleSetVersion"', 'version'), (SELECT max("version") FROM "RuleSetVersion"))`;
  return getActiveRules(db);
}

/** One version of the rules, or null when there is none by that number. */
export async function getRuleVersion(db: Db, version: number): Promise<RuleSetRecord | null> {
  const row = await db.ruleSetVersion.findUnique({ where: { version } });
  return row ? { ...row, rules: ZRuleSet.parse(row.rules) } : null;
}

/** Validates and stores a new version of the rules, which is then in force. */
export async function addRuleVersion(
  db: Db,
  rules: unknown,
  meta: { comment: string; createdBy: string },
): Promise<RuleSetRecord> {
  const parsed = parseInput(ZRuleSet, rules, "Invalid rules");
  const row = await db.ruleSetVersion.create({
    data: { rules: toJson(parsed), comment: meta.comment, createdBy: meta.createdBy },
  });
  return { ...row, rules: parsed };
}

export async function listRuleVersions(db: Db): Promise<Omit<RuleSetRecord, "rules">[]> {
  return db.ruleSetVersion.findMany({
    orderBy: { version: "desc" },
    select: { version: true, comment: true, createdBy: true, createdAt: true },
  });
}
