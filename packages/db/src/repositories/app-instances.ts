import type { Db } from "../client.ts";
import type { AppInstance } from "../generated/prisma/client.ts";
import { toJson } from "./json.ts";

export interface AppInstanceReport {
  id: string;
  service: string;
  apps: readonly string[];
  hostname: string;
  pid: number;
  startedAt: Date;
  checks: Record<string, string>;
}

/** Records that a process is alive (and how its readiness checks went). */
export async function reportAppInstance(db: Db, report: AppInstanceReport, now = new Date()): Promise<void> {
  const data = {
    service: report.service,
    apps: [...report.apps],
    hostname: report.hostname,
    pid: report.pid,
    startedAt: report.startedAt,
    lastSeenAt: now,
    checks: toJson(report.checks),
  };
  await db.appInstance.upsert({ where: { id: report.id }, create: { id: report.id, ...data }, update: data });
}

/** A process that stops takes itself off the list. */
export async function removeAppInstance(db: Db, id: string): Promise<void> {
  await db.appInstance.deleteMany({ where: { id } });
}

/** Processes seen within `withinMs`, newest start first; older rows are deleted. */
export async function listAppInstances(db: Db, withinMs: number, now = Date.now()): Promise<AppInstance[]> {
  await db.appInstance.deleteMany({ where: { lastSeenAt: { lt: new Date(now - 24 * 60 * 60_000) } } });
  return db.appInstance.findMany({
    where: { lastSeenAt: { gte: new Date(now - withinMs) } },
    orderBy: [{ service: "asc" }, { startedAt: "desc" }],
  });
}
