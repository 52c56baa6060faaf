import { isGuid } from "../ids.ts";

/**
 * Presence subscription resources (reference §4.1): `communications/presences/{id}` or
 * `communications/presences?$filter=id in ('{id}', '{id}', ...)`, with or without a leading slash.
 */
export type ParsedPresenceResource = { ok: true; userIds: string[] } | { ok: false; reason: string };

const SINGLE = /^\/?communications\/presences\/([^/?]+)$/i;
const BULK = /^\/?communications\/presences\?\$filter=\s*id\s+in\s+\((.*)\)\s*$/i;

export function parsePresenceResource(resource: string): ParsedPresenceResource {
  const text = decodeURIComponent(resource.trim());
  const single = SINGLE.exec(text);
  let ids: string[];
  if (single) ids = [single[1] ?? ""];
  else {
    const bulk = BULK.exec(text);
    if (!bulk) return { ok: false, reason: `Resource '${resource}' is not a supported presence resource.` };
    ids = (bulk[1] ?? "").split(",").map((part) => part.trim().replace(/^'(.*)'$/, "$1"));
  }
  const invalid = ids.find((id) => !isGuid(id));
  if (invalid !== undefined)
    return { ok: false, reason: `'${invalid}' is not a valid user id in resource '${resource}'.` };
  return { ok: true, userIds: [...new Set(ids.map((id) => id.toLowerCase()))] };
}
