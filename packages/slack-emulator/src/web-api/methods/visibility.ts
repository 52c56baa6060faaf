import type { User } from "../../world/types.ts";
import type { SlackWorld } from "../../world/world.ts";
import { ApiError } from "../api-error.ts";
import type { AuthContext } from "../authenticate.ts";

/** Whether a caller can see a user: same workspace, or the same Enterprise Grid org. */
export function canSee(world: SlackWorld, auth: AuthContext, user: User): boolean {
  if (auth.teamId === user.teamId) return true;
  const ws = world.workspace(user.teamId);
  return ws.enterpriseId !== null && ws.enterpriseId === auth.enterpriseId;
}

/** A user the caller may read, else Slack's `user_not_found`. */
export function visibleUser(world: SlackWorld, auth: AuthContext, userId: string | undefined): User {
  const user = userId === undefined ? undefined : world.users.get(userId);
  if (!user || !canSee(world, auth, user)) throw new ApiError("user_not_found");
  return user;
}

export function emailVisible(auth: AuthContext): boolean {
  return auth.scopes.includes("users:read.email");
}
