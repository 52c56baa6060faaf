import { BridgeError, ZEmail, ZEntraId, ZSlackTeamId, ZSlackUserId, parseInput } from "@presence/core";
import { z } from "zod";

import type { Db } from "../client.ts";
import type { AdminPrincipal } from "../generated/prisma/client.ts";

/** The kinds of entries on the admin allow-list. */
export const ADMIN_PRINCIPAL_KINDS = ["entra_user", "entra_group", "email", "slack_user"] as const;
export const ZAdminPrincipalKind = z.enum(ADMIN_PRINCIPAL_KINDS);
export type AdminPrincipalKind = z.infer<typeof ZAdminPrincipalKind>;

const VALUE: Record<AdminPrincipalKind, z.ZodType<string>> = {
  entra_user: ZEntraId,
  entra_group: ZEntraId,
  email: ZEmail,
  slack_user: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(
      z.string().refine(
        (value) => {
          const [team, user, extra] = value.split("/");
          return (
            extra === undefined &&
            ZSlackTeamId.safeParse(team).success &&
            ZSlackUserId.safeParse(user).success
          );
        },
        { message: "a Slack user is written T…/U… (team id / user id)" },
      ),
    ),
};

/** Who signed in, as the allow-list sees it. */
export interface SignedInIdentity {
  provider: "microsoft" | "slack";
  tenantId: string;
  userId: string;
  email: string | null;
  groups: readonly string[];
}

export async function listAdminPrincipals(db: Db): Promise<AdminPrincipal[]> {
  return db.adminPrincipal.findMany({ orderBy: [{ kind: "asc" }, { value: "asc" }] });
}

/** Adds an entry to the allow-list (validated and normalised); an existing one is returned unchanged. */
export async function addAdminPrincipal(
  db: Db,
  input: { kind: string; value: string; note?: string },
  addedBy: string,
): Promise<AdminPrincipal> {
  const kind = parseInput(ZAdminPrincipalKind, input.kind, "Invalid admin kind");
  const value = parseInput(VALUE[kind], input.value, `Invalid ${kind.replace("_", " ")}`);
  return db.adminPrincipal.upsert({
    where: { kind_value: { kind, value } },
    create: { kind, value, note: input.note ?? "", addedBy },
    update: {},
  });
}

export async function removeAdminPrincipal(db: Db, id: string): Promise<AdminPrincipal> {
  const existing = await db.adminPrincipal.findUnique({ where: { id } });
  if (!existing) throw new BridgeError("not_found", `No admin allow-list entry ${id}`);
  return db.adminPrincipal.delete({ where: { id } });
}

/**
 * Whether the allow-list admits this identity: its Entra object id, one of its Entra groups, its
 * e-mail, or its Slack user. Checked on every request, so removing an entry takes effect at once.
 */
export async function isAdmin(db: Db, who: SignedInIdentity): Promise<boolean> {
  const candidates: { kind: AdminPrincipalKind; value: string }[] = [];
  if (who.provider === "microsoft") {
    candidates.push({ kind: "entra_user", value: who.userId.toLowerCase() });
    for (const group of who.groups) candidates.push({ kind: "entra_group", value: group.toLowerCase() });
  } else {
    candidates.push({ kind: "slack_user", value: `${who.tenantId}/${who.userId}`.toUpperCase() });
  }
  if (who.email) candidates.push({ kind: "email", value: who.email.toLowerCase() });
  const found = await db.adminPrincipal.findFirst({ where: { OR: candidates }, select: { id: true } });
  return found !== null;
}
