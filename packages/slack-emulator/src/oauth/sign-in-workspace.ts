import type { App, Workspace } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";
import { authorizeFailure } from "./authorize.ts";
import type { AuthorizeError } from "./authorize.ts";

/**
 * The workspace a browser signs in to on an authorize page: `team` if the URL names one, else the one
 * workspace the app is installed in, else the world's only workspace. `null` when none of these decides
 * (the page then says "Sign in to Slack" and looks the e-mail address up in every workspace).
 */
export function signInWorkspace(
  world: SlackWorld,
  app: App,
  team: string | null,
): { kind: "workspace"; workspace: Workspace | null } | AuthorizeError {
  if (team !== null) {
    const named = world.workspaces.get(team);
    return named
      ? { kind: "workspace", workspace: named }
      : authorizeFailure("team_not_found", `No workspace ${team} to sign in to.`);
  }
  const installed = new Set(
    [...world.grants.values()]
      .filter((grant) => grant.active && grant.kind === "bot" && grant.appId === app.id)
      .flatMap((grant) => world.teamIdsOfGrant(grant)),
  );
  const decided =
    installed.size === 1 ? [...installed] : world.workspaces.size === 1 ? [...world.workspaces.keys()] : [];
  const only = decided[0];
  return { kind: "workspace", workspace: only === undefined ? null : world.workspace(only) };
}
