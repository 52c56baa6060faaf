import type { Role, User } from "./types.ts";
import type { SlackWorld } from "./world.ts";

const RANK: Record<Role, number> = { guest: 0, member: 1, admin: 2, owner: 3, primary_owner: 4 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/**
 * The role that counts when `actor` edits others' profiles: the workspace role, or in Enterprise Grid the
 * org role ("For Enterprise Grid, this must be an Org Owner or Org Admin").
 */
export function effectiveAdminRole(world: SlackWorld, actor: User): Role {
  const ws = world.workspace(actor.teamId);
  if (ws.enterpriseId === null) return actor.role;
  return actor.orgRole ?? "member";
}
