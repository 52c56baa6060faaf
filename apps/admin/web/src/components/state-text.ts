/** Plain words for the facets and holds of each side (the shapes of core's SlackView, TeamsView, holds). */

type Json = Record<string, unknown> | undefined | null;
const obj = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;

export function slackViewText(view: Json): string[] {
  const lines: string[] = [];
  const status = obj(view?.status);
  if (status)
    lines.push(
      status.text || status.emoji
        ? `Status: ${String(status.emoji ?? "")} ${String(status.text ?? "")}`.trim()
        : "No status",
    );
  const huddle = obj(view?.huddle);
  if (huddle) lines.push(huddle.inHuddle ? "In a huddle" : "Not in a huddle");
  const dnd = obj(view?.dnd);
  if (dnd?.snoozed)
    lines.push(
      `Do not disturb${dnd.until ? ` until ${new Date(Number(dnd.until)).toLocaleTimeString()}` : ""}`,
    );
  const presence = obj(view?.presence);
  if (presence?.away) lines.push("Away");
  return lines.length > 0 ? lines : ["Not observed yet"];
}

export function teamsViewText(view: Json): string[] {
  const lines: string[] = [];
  const presence = obj(view?.presence);
  if (presence) lines.push(`${String(presence.availability)} / ${String(presence.activity)}`);
  const oof = obj(view?.outOfOffice);
  if (oof?.isOutOfOffice) lines.push("Out of office");
  const message = obj(view?.statusMessage);
  if (message?.text) lines.push(`Status message: ${String(message.text)}`);
  return lines.length > 0 ? lines : ["Not observed yet"];
}

export function slackHoldText(hold: Json): string[] {
  const lines: string[] = [];
  const status = obj(hold?.status);
  if (status) lines.push(`Status ${String(status.emoji)} ${String(status.text)}`);
  if (obj(hold?.dnd)) lines.push("Do not disturb");
  if (obj(hold?.presence)) lines.push("Away");
  return lines.length > 0 ? lines : ["Nothing"];
}

export function teamsHoldText(hold: Json): string[] {
  const lines: string[] = [];
  const session = obj(hold?.session);
  if (session)
    lines.push(
      `Presence ${String(session.availability)} / ${String(session.activity)}${session.keepAlive ? " (kept alive)" : ""}`,
    );
  const preferred = obj(hold?.preferred);
  if (preferred) lines.push(`Preferred ${String(preferred.availability)} / ${String(preferred.activity)}`);
  const message = obj(hold?.statusMessage);
  if (message) lines.push(`Status message: ${String(message.text)}`);
  return lines.length > 0 ? lines : ["Nothing"];
}
