import { parseGraphActivity, parseGraphAvailability, type TeamsView } from "@presence/core";
import { z } from "zod";

/**
 * A presence resource as Graph sends it (getPresencesByUserId, GET presence). Values are PascalCase
 * on the wire, but any casing is accepted; properties the bridge does not use are dropped. For
 * other users Graph leaves out statusMessage.expiryDateTime and publishedDateTime.
 */
export const ZGraphPresence = z.object({
  id: z.string().min(1),
  availability: z.string().nullish(),
  activity: z.string().nullish(),
  sequenceNumber: z.string().nullish(),
  outOfOfficeSettings: z.object({ isOutOfOffice: z.boolean().nullish() }).nullish(),
  statusMessage: z.object({ message: z.object({ content: z.string().nullish() }).nullish() }).nullish(),
});
export type GraphPresence = z.infer<typeof ZGraphPresence>;

export const ZGraphPresenceCollection = z.object({ value: z.array(ZGraphPresence) });

/**
 * The canonical Teams view of a Graph presence, faithfully: the aggregated pair (unknown values →
 * PresenceUnknown), out of office when Graph reported it, and the status message text ("" when none)
 * without expiry (Graph does not give it for other users).
 */
export function toTeamsView(presence: GraphPresence): TeamsView {
  const view: TeamsView = {
    presence: {
      availability: parseGraphAvailability(presence.availability),
      activity: parseGraphActivity(presence.activity),
    },
    statusMessage: { text: presence.statusMessage?.message?.content ?? "", expiresAt: null },
  };
  if (presence.outOfOfficeSettings)
    view.outOfOffice = { isOutOfOffice: presence.outOfOfficeSettings.isOutOfOffice === true };
  return view;
}
