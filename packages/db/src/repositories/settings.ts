import { ZBridgeSettings, type BridgeSettings } from "@presence/core";

import type { Db } from "../client.ts";
import { toJson } from "./json.ts";

const KEY = "bridge";

/** Organisation-wide settings; defaults for anything never set. */
export async function getSettings(db: Db): Promise<BridgeSettings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  return ZBridgeSettings.parse(row?.value ?? {});
}

/** Validates and stores a change to the settings; returns the new settings. */
export async function updateSettings(db: Db, change: Partial<BridgeSettings>): Promise<BridgeSettings> {
  const next = ZBridgeSettings.parse({ ...(await getSettings(db)), ...change });
  await db.setting.upsert({
    where: { key: KEY },
    create: { key: KEY, value: toJson(next) },
    update: { value: toJson(next) },
  });
  return next;
}
