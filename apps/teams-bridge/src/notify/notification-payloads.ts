import { z } from "zod";

/*
 * Change and lifecycle notifications as Graph POSTs them (basic presence notifications carry no
 * presence: the bridge reads it). Unknown properties are ignored; what the bridge relies on is checked.
 */

/** `communications/presences/{id}`, with or without a leading slash. */
const PRESENCE_RESOURCE = /^\/?communications\/presences\/([0-9a-f-]{36})$/i;

export const ZChangeNotification = z.object({
  subscriptionId: z.string().min(1).max(100),
  clientState: z.string().max(255).nullish(),
  changeType: z.string(),
  tenantId: z.string().min(1),
  resource: z.string().max(500),
  subscriptionExpirationDateTime: z.string().optional(),
  resourceData: z.object({ id: z.string().max(100).optional() }).nullish(),
});
export type ChangeNotification = z.infer<typeof ZChangeNotification>;

export const ZChangeNotificationCollection = z.object({
  value: z.array(ZChangeNotification).min(1).max(1000),
});

export const ZLifecycleNotification = z.object({
  subscriptionId: z.string().min(1).max(100),
  clientState: z.string().max(255).nullish(),
  tenantId: z.string().min(1),
  lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
  subscriptionExpirationDateTime: z.string().optional(),
});
export type LifecycleNotification = z.infer<typeof ZLifecycleNotification>;

export const ZLifecycleNotificationCollection = z.object({
  value: z.array(ZLifecycleNotification).min(1).max(1000),
});

/** The person a presence change notification is about, or null when the resource is not a presence. */
export function notifiedUserId(notification: ChangeNotification): string | null {
  const match = PRESENCE_RESOURCE.exec(notification.resource.trim());
  return match?.[1]?.toLowerCase() ?? null;
}
