import { BridgeError, ZEmail, ZEntraId, ZSlackTeamId, ZSlackUserId } from "@presence/core";
import type { Db, Link } from "@presence/db";

/**
 * How admins name a person: a link id, an e-mail address, `slack:T…/U…`, `entra:<tenant>/<user>`,
 * or a bare Slack user id (U…/W…) or Entra object id (GUID).
 */
export async function resolvePerson(db: Db, ref: string): Promise<Link> {
  const text = ref.trim();
  const link = await findPerson(db, text);
  if (!link) throw new BridgeError("not_found", `No linked person matches “${text}”`);
  return link;
}

async function findPerson(db: Db, text: string): Promise<Link | null> {
  if (text.startsWith("slack:")) {
    const { teamId, userId } = parseSlackRef(text.slice("slack:".length));
    return db.link.findUnique({
      where: { slackTeamId_slackUserId: { slackTeamId: teamId, slackUserId: userId } },
    });
  }
  if (text.startsWith("entra:")) {
    const { tenantId, userId } = parseEntraRef(text.slice("entra:".length));
    return db.link.findUnique({ where: { tenantId_entraUserId: { tenantId, entraUserId: userId } } });
  }
  if (text.includes("@")) {
    const email = ZEmail.safeParse(text);
    if (!email.success) throw new BridgeError("invalid_input", `“${text}” is not an e-mail address`);
    return single(await db.link.findMany({ where: { email: email.data } }), text);
  }
  if (ZSlackUserId.safeParse(text).success)
    return single(await db.link.findMany({ where: { slackUserId: text } }), text);
  if (ZEntraId.safeParse(text).success) {
    const byId = await db.link.findUnique({ where: { id: text.toLowerCase() } });
    return byId ?? single(await db.link.findMany({ where: { entraUserId: text.toLowerCase() } }), text);
  }
  if (/^[0-9a-f-]{36}$/i.test(text)) return db.link.findUnique({ where: { id: text } });
  throw new BridgeError(
    "invalid_input",
    `“${text}” is not a person reference: use a link id, an e-mail, slack:T…/U…, entra:<tenant>/<user>, a Slack user id or an Entra object id`,
  );
}

function single(links: Link[], text: string): Link | null {
  if (links.length > 1)
    throw new BridgeError("conflict", `“${text}” matches ${links.length} people; name one more precisely`);
  return links[0] ?? null;
}

/** `T0123/U0456` → Slack team and user ids (validated). */
export function parseSlackRef(text: string): { teamId: string; userId: string } {
  const [team = "", user = ""] = text.split("/");
  const teamId = ZSlackTeamId.safeParse(team);
  const userId = ZSlackUserId.safeParse(user);
  if (!teamId.success || !userId.success) {
    throw new BridgeError(
      "invalid_input",
      `“${text}” is not a Slack account: expected TEAM/USER, e.g. T0123ABCD/U0456EFGH`,
    );
  }
  return { teamId: teamId.data, userId: userId.data };
}

/** `<tenant>/<user>` → Entra tenant and object ids (validated, lower case). */
export function parseEntraRef(text: string): { tenantId: string; userId: string } {
  const [tenant = "", user = ""] = text.split("/");
  const tenantId = ZEntraId.safeParse(tenant);
  const userId = ZEntraId.safeParse(user);
  if (!tenantId.success || !userId.success) {
    throw new BridgeError(
      "invalid_input",
      `“${text}” is not a Microsoft account: expected TENANT/USER, both GUIDs`,
    );
  }
  return { tenantId: tenantId.data, userId: userId.data };
}
