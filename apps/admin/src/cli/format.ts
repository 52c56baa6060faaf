import type { Link, SyncEvent } from "@presence/db";

/** Fixed-width text table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

export function linkRow(link: Link): string[] {
  const status =
    link.status === "paused" && link.pausedUntil
      ? `paused until ${link.pausedUntil.toISOString()}`
      : link.status.replace("_", "-");
  return [
    link.displayName || link.email || "—",
    `${link.slackTeamId}/${link.slackUserId}`,
    `${link.tenantId}/${link.entraUserId}`,
    link.direction,
    status,
    link.id,
  ];
}

export const LINK_HEADERS = ["PERSON", "SLACK", "MICROSOFT", "DIRECTION", "STATUS", "LINK ID"] as const;

export function eventRow(event: SyncEvent): string[] {
  return [event.at.toISOString(), event.kind, event.side ?? "", event.message];
}

export const EVENT_HEADERS = ["TIME", "EVENT", "SIDE", "WHAT HAPPENED"] as const;

/** JSON with bigint ids as strings. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
