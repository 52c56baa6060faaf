import { createHash, randomBytes } from "node:crypto";

import type { Db } from "../client.ts";
import type { WebSession } from "../generated/prisma/client.ts";

export interface NewWebSession {
  provider: "microsoft" | "slack";
  tenantId: string;
  userId: string;
  name: string;
  email: string | null;
  groups: readonly string[];
  lifetimeMs: number;
}

/** The stored id of a session cookie: only its SHA-256 is kept. */
export function sessionIdOf(cookie: string): string {
  return createHash("sha256").update(cookie).digest("hex");
}

/** Starts a session; returns the cookie value (shown to the browser once) and the row. */
export async function createWebSession(
  db: Db,
  input: NewWebSession,
  now = Date.now(),
): Promise<{ cookie: string; session: WebSession }> {
  const cookie = randomBytes(32).toString("base64url");
  const session = await db.webSession.create({
    data: {
      id: sessionIdOf(cookie),
      provider: input.provider,
      tenantId: input.tenantId,
      userId: input.userId,
      name: input.name,
      email: input.email?.toLowerCase() ?? null,
      groups: [...input.groups],
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + input.lifetimeMs),
    },
  });
  return { cookie, session };
}

/** The live session for a cookie, or null (unknown, expired, or idle for longer than `idleMs`). */
export async function findWebSession(
  db: Db,
  cookie: string,
  idleMs: number,
  now = Date.now(),
): Promise<WebSession | null> {
  if (!/^[\w-]{43}$/.test(cookie)) return null;
  const session = await db.webSession.findUnique({ where: { id: sessionIdOf(cookie) } });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
    await db.webSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  // Idle time is tracked to the minute: one write per session and minute at most.
  if (now - session.lastSeenAt.getTime() > 60_000)
    await db.webSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  return session;
}

export async function deleteWebSession(db: Db, cookie: string): Promise<void> {
  await db.webSession.deleteMany({ where: { id: sessionIdOf(cookie) } });
}

/** Removes sessions that ended (maintenance). */
export async function pruneWebSessions(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.webSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
