import { BridgeError } from "@presence/core";

import type { Db } from "../client.ts";
import type { KeyRing } from "../crypto/key-ring.ts";
import { classifyDbError } from "../errors/classify-db-error.ts";
import type { Prisma, WebhookConnection } from "../generated/prisma/client.ts";
import { deleteCredentials, getCredential, putCredential } from "./credentials.ts";

/*
 * Third-party systems connected through the generic webhook spoke (docs/webhook-spoke.md). The row says
 * where states go and whether the connection is on; its HMAC secret is a Credential (kind
 * "webhook_secret", owner "webhook:<id>"), encrypted with the key ring like every other secret.
 */

export const WEBHOOK_DIRECTIONS = ["in", "out", "both"] as const;
export type WebhookDirection = (typeof WEBHOOK_DIRECTIONS)[number];
export const WEBHOOK_STATUSES = ["active", "disabled"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** The Credential kind of a connection's HMAC secret. */
export const WEBHOOK_SECRET_KIND = "webhook_secret";

/** The Credential owner of a connection's HMAC secret. */
export function webhookOwner(connectionId: string): string {
  return `webhook:${connectionId}`;
}

export interface NewWebhookConnection {
  id: string;
  name: string;
  url: string | null;
  direction: WebhookDirection;
  createdBy: string;
}

/** Stores a new connection and its secret (one transaction: pass a transaction client). */
export async function createWebhookConnection(
  db: Db,
  ring: KeyRing,
  input: NewWebhookConnection,
  secret: string,
): Promise<WebhookConnection> {
  try {
    const row = await db.webhookConnection.create({ data: { ...input } });
    await putCredential(db, ring, { kind: WEBHOOK_SECRET_KIND, owner: webhookOwner(input.id), secret });
    return row;
  } catch (error) {
    throw classifyDbError(error, `Webhook connection ${input.id}`);
  }
}

export async function getWebhookConnection(db: Db, id: string): Promise<WebhookConnection | null> {
  return db.webhookConnection.findUnique({ where: { id } });
}

/** The connection, or a `not_found` error naming it. */
export async function requireWebhookConnection(db: Db, id: string): Promise<WebhookConnection> {
  const row = await getWebhookConnection(db, id);
  if (!row) throw new BridgeError("not_found", `No webhook connection ${id}`);
  return row;
}

/** Every connection, by id (no secrets: they are in Credential). */
export async function listWebhookConnections(db: Db): Promise<WebhookConnection[]> {
  return db.webhookConnection.findMany({ orderBy: { id: "asc" } });
}

const OUTBOUND: Prisma.WebhookConnectionWhereInput = {
  status: "active",
  url: { not: null },
  direction: { in: ["out", "both"] },
};

/** Active connections the bridge sends states to (a URL, direction out or both). */
export async function listOutboundWebhookConnections(db: Db): Promise<WebhookConnection[]> {
  return db.webhookConnection.findMany({ where: OUTBOUND, orderBy: { id: "asc" } });
}

/** How many active connections receive states (the pipeline publishes only while there is one). */
export async function countOutboundWebhookConnections(db: Db): Promise<number> {
  return db.webhookConnection.count({ where: OUTBOUND });
}

/** Turns a connection on or off; `reason` says why (an admin, a 410 Gone). */
export async function setWebhookConnectionStatus(
  db: Db,
  id: string,
  status: WebhookStatus,
  reason = "",
): Promise<WebhookConnection> {
  try {
    return await db.webhookConnection.update({ where: { id }, data: { status, statusReason: reason } });
  } catch (error) {
    throw classifyDbError(error, `Webhook connection ${id}`);
  }
}

/** Records the outcome of the latest delivery (an HTTP status, or a short reason such as "timeout"). */
export async function recordWebhookDelivery(
  db: Db,
  id: string,
  outcome: { at: Date; status: string },
): Promise<void> {
  await db.webhookConnection.updateMany({
    where: { id },
    data: { lastDeliveryAt: outcome.at, lastDeliveryStatus: outcome.status.slice(0, 200) },
  });
}

/** Deletes a connection and its secret. */
export async function deleteWebhookConnection(db: Db, id: string): Promise<WebhookConnection> {
  try {
    const row = await db.webhookConnection.delete({ where: { id } });
    await deleteCredentials(db, webhookOwner(id), [WEBHOOK_SECRET_KIND]);
    return row;
  } catch (error) {
    throw classifyDbError(error, `Webhook connection ${id}`);
  }
}

/** Replaces a connection's secret (rotation): the old one stops working at once. */
export async function putWebhookSecret(db: Db, ring: KeyRing, id: string, secret: string): Promise<void> {
  await putCredential(db, ring, { kind: WEBHOOK_SECRET_KIND, owner: webhookOwner(id), secret });
}

/** The connection's decrypted secret, or null when none is stored. */
export async function getWebhookSecret(db: Db, ring: KeyRing, id: string): Promise<string | null> {
  return (await getCredential(db, ring, WEBHOOK_SECRET_KIND, webhookOwner(id)))?.secret ?? null;
}
