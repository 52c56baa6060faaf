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

/**
 * A batch as Graph posts it: `{ value: [...] }`. Its items are read one by one (itemsOf): one item of a
 * shape or value not known here is dropped, not the batch.
 */
export const ZNotificationCollection = z.object({ value: z.array(z.unknown()).min(1).max(1000) });

/** The items of a batch that have the given shape; `dropped` counts the others. */
export function itemsOf<T>(
  schema: z.ZodType<T>,
  values: readonly unknown[],
): { items: T[]; dropped: number } {
  const items = values.flatMap((value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  return { items, dropped: values.length - items.length };
}

export const ZLifecycleNotification = z.object({
  subscriptionId: z.string().min(1).max(100),
  clientState: z.string().max(255).nullish(),
  tenantId: z.string().min(1),
  lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
  subscriptionExpirationDateTime: z.string().optional(),
});
export type LifecycleNotification = z.infer<typeof ZLifecycleNotification>;

/** The person a presence change notification is about, or null when the resource is not a presence. */
export function notifiedUserId(notification: ChangeNotification): string | null {
  const match = PRESENCE_RESOURCE.exec(notification.resource.trim());
  return match?.[1]?.toLowerCase() ?? null;
}
