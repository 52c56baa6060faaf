import { randomBytes } from "node:crypto";

import { BridgeError, ZConnectionId, parseInput, type SyncEventDraft } from "@presence/core";
import {
  appendSyncEvents,
  createWebhookConnection,
  deleteWebhookConnection,
  putWebhookSecret,
  requireWebhookConnection,
  setWebhookConnectionStatus,
  WEBHOOK_DIRECTIONS,
  type Db,
  type DbClient,
  type KeyRing,
  type WebhookConnection,
} from "@presence/db";
import { enqueueReconsiderAll } from "@presence/pipeline";
import { z } from "zod";

import type { Actor } from "./link-service.ts";

/*
 * The webhook spoke's connections as admins manage them (CLI, admin API): add one (its secret is shown
 * once, then only stored encrypted), list, rotate the secret, turn off and on, remove. Every change is an
 * audit event.
 */

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Where states are sent: https, or http to this machine only (a local relay, tests). */
export const ZWebhookUrl = z
  .url({ protocol: /^https?$/, message: "must be an https URL" })
  .max(2000)
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK.has(url.hostname);
  }, "must be an https URL (http only to 127.0.0.1, localhost or [::1])")
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "must not carry a user name or password (the signature authenticates the bridge)");

export const ZNewWebhookConnection = z
  .object({
    id: ZConnectionId,
    name: z.string().trim().min(1).max(100),
    url: ZWebhookUrl.nullable().default(null),
    direction: z.enum(WEBHOOK_DIRECTIONS).default("both"),
  })
  .refine((input) => input.direction === "in" || input.url !== null, {
    message: "a connection that receives states (direction out or both) needs a url",
    path: ["url"],
  });
export type NewWebhookConnectionInput = z.input<typeof ZNewWebhookConnection>;

/** A new secret: 32 random bytes as 64 hex characters (used as the HMAC key exactly as written). */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString("hex");
}

/** A connection with its new secret: the only time the secret is shown. */
export interface WebhookConnectionWithSecret {
  connection: WebhookConnection;
  secret: string;
}

/** Adds a connection; returns its secret once (it is stored encrypted and never shown again). */
export async function addWebhookConnection(
  db: DbClient,
  ring: KeyRing,
  input: NewWebhookConnectionInput,
  actor: Actor,
): Promise<WebhookConnectionWithSecret> {
  const parsed = parseInput(ZNewWebhookConnection, input, "Invalid webhook connection");
  const secret = generateWebhookSecret();
  const connection = await db.$transaction(async (tx) => {
    const row = await createWebhookConnection(tx, ring, { ...parsed, createdBy: actor.name }, secret);
    // Everyone's state goes to a new receiver at once (not at their next change).
    await enqueueReconsiderAll(tx, `webhook connection ${row.id} added`);
    await audit(tx, actor, `Webhook connection ${row.id} (${row.name}) added by ${actor.name}`, {
      action: "webhook_added",
      connectionId: row.id,
      direction: row.direction,
      url: row.url,
    });
    return row;
  });
  return { connection, secret };
}

/** Replaces a connection's secret: the old one stops working at once. Returns the new one, once. */
export async function rotateWebhookSecret(
  db: DbClient,
  ring: KeyRing,
  id: string,
  actor: Actor,
): Promise<WebhookConnectionWithSecret> {
  const secret = generateWebhookSecret();
  const connection = await db.$transaction(async (tx) => {
    const row = await requireWebhookConnection(tx, id);
    await putWebhookSecret(tx, ring, row.id, secret);
    await audit(tx, actor, `Webhook connection ${row.id}: secret rotated by ${actor.name}`, {
      action: "webhook_secret_rotated",
      connectionId: row.id,
    });
    return row;
  });
  return { connection, secret };
}

/** Turns a connection off (nothing is taken in or sent) or on again. */
export async function setWebhookConnectionEnabled(
  db: DbClient,
  id: string,
  enabled: boolean,
  actor: Actor,
  reason = "",
): Promise<WebhookConnection> {
  return db.$transaction(async (tx) => {
    await requireWebhookConnection(tx, id);
    const row = await setWebhookConnectionStatus(
      tx,
      id,
      enabled ? "active" : "disabled",
      enabled ? "" : reason || `disabled by ${actor.name}`,
    );
    // A turned-off system's states stop counting (the bridge lets go of them); turned on, it gets everyone's state.
    await enqueueReconsiderAll(tx, `webhook connection ${row.id} ${enabled ? "enabled" : "disabled"}`);
    await audit(
      tx,
      actor,
      `Webhook connection ${row.id} ${enabled ? "enabled" : "disabled"} by ${actor.name}${reason ? `: ${reason}` : ""}`,
      { action: enabled ? "webhook_enabled" : "webhook_disabled", connectionId: row.id },
    );
    return row;
  });
}

/** Removes a connection and its secret. */
export async function removeWebhookConnection(
  db: DbClient,
  id: string,
  actor: Actor,
): Promise<WebhookConnection> {
  return db.$transaction(async (tx) => {
    await requireWebhookConnection(tx, id);
    const row = await deleteWebhookConnection(tx, id);
    // What the removed system reported stops counting: the bridge lets go of it.
    await enqueueReconsiderAll(tx, `webhook connection ${row.id} removed`);
    await audit(tx, actor, `Webhook connection ${row.id} (${row.name}) removed by ${actor.name}`, {
      action: "webhook_removed",
      connectionId: row.id,
    });
    return row;
  });
}

/** A connection id from a path or argument, or an `invalid_input` error. */
export function parseConnectionId(value: string): string {
  const parsed = ZConnectionId.safeParse(value);
  if (!parsed.success) throw new BridgeError("invalid_input", `“${value}” is not a webhook connection id`);
  return parsed.data;
}

async function audit(tx: Db, actor: Actor, message: string, detail: Record<string, unknown>): Promise<void> {
  const draft: SyncEventDraft = { kind: "admin_action", side: null, message, detail };
  await appendSyncEvents(tx, null, [draft], actor.name);
}
