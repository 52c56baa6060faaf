import type { PresenceSnapshot } from "./presence-store.ts";

/**
 * The presence resource as Graph serialises it (reference §1.1, §1.2, §2.1): `statusMessage.expiryDateTime` and
 * `publishedDateTime` only for the user themself; `statusMessage: null` when none is set.
 */
export function presenceResource(snapshot: PresenceSnapshot, options: { self: boolean; context?: string }) {
  const message = snapshot.statusMessage;
  const statusMessage = message
    ? {
        message: { content: message.content, contentType: message.contentType },
        ...(options.self
          ? {
              expiryDateTime: message.expiry ?? null,
              publishedDateTime: new Date(message.publishedAt).toISOString(),
            }
          : {}),
      }
    : null;
  return {
    ...(options.context === undefined ? {} : { "@odata.context": options.context }),
    id: snapshot.userId,
    availability: snapshot.availability,
    activity: snapshot.activity,
    statusMessage,
    outOfOfficeSettings: {
      message: snapshot.outOfOffice.message,
      isOutOfOffice: snapshot.outOfOffice.isOutOfOffice,
    },
    sequenceNumber: snapshot.sequenceNumber,
  };
}
