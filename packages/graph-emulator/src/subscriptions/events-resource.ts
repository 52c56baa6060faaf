/**
 * Outlook event subscription resources (outlook-change-notifications-overview): "Changes to all events in a user's
 * mailbox: `/me/events`, `/users/{id}/events`", with or without the leading slash. Query options (`$filter`,
 * `$select` for rich notifications) are not emulated.
 */
export type ParsedEventsResource =
  { ok: true; mailbox: { me: true } | { me: false; idOrUpn: string } } | { ok: false };

const ME = /^\/?me\/events$/i;
const USER = /^\/?users\/([^/?]+)\/events$/i;

export function parseEventsResource(resource: string): ParsedEventsResource {
  const text = decodeURIComponent(resource.trim());
  if (ME.test(text)) return { ok: true, mailbox: { me: true } };
  const user = USER.exec(text);
  if (user?.[1]) return { ok: true, mailbox: { me: false, idOrUpn: user[1].replace(/^'(.*)'$/, "$1") } };
  return { ok: false };
}
