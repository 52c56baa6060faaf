import type { Db } from "@presence/db";

/** Records the tenant (once) so its read mode can be set per tenant. */
export async function ensureTenant(db: Db, tenantId: string): Promise<void> {
  await db.entraTenant.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
}

/** The tenant's own read mode setting ("poll", "notify"), or null when it has none. */
export async function getTenantReadMode(db: Db, tenantId: string): Promise<string | null> {
  const tenant = await db.entraTenant.findUnique({ where: { tenantId }, select: { readMode: true } });
  return tenant?.readMode ?? null;
}
