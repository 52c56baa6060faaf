import { renderProfile, renderUser } from "../../world/render.ts";
import type { User } from "../../world/types.ts";
import { ApiError, invalidArguments } from "../api-error.ts";
import { booleanArgument, stringArgument } from "../api-request.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf } from "../method-definition.ts";
import { canSee, emailVisible, visibleUser } from "./visibility.ts";

const MAX_PAGE = 1000;

export const usersProfileGet: MethodDefinition = {
  name: "users.profile.get",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const caller = callerOf(ctx);
    const user = visibleUser(ctx.world, auth, stringArgument(ctx.args, "user") || caller);
    return {
      profile: renderProfile(ctx.world, user, { includeEmail: emailVisible(auth) || user.id === caller }),
    };
  },
};

export const usersInfo: MethodDefinition = {
  name: "users.info",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const user = visibleUser(ctx.world, auth, stringArgument(ctx.args, "user"));
    return {
      user: renderUser(ctx.world, user, {
        includeEmail: emailVisible(auth),
        includeLocale: booleanArgument(ctx.args, "include_locale"),
      }),
    };
  },
};

const encodeCursor = (userId: string): string => Buffer.from(`user:${userId}`).toString("base64");

function decodeCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  return decoded.startsWith("user:") && Buffer.from(decoded).toString("base64") === cursor
    ? decoded.slice(5)
    : null;
}

/** Members visible to the caller: the workspace, or for org-wide tokens without `team_id` the whole org. */
function members(ctx: Parameters<MethodDefinition["handle"]>[0]): User[] {
  const auth = authOf(ctx);
  const orgWide =
    auth.grant?.isEnterpriseInstall === true && stringArgument(ctx.args, "team_id") === undefined;
  return [...ctx.world.users.values()].filter((user) =>
    orgWide ? canSee(ctx.world, auth, user) : user.teamId === auth.teamId,
  );
}

export const usersList: MethodDefinition = {
  name: "users.list",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const all = members(ctx);
    const limitArg = stringArgument(ctx.args, "limit");
    if (limitArg !== undefined && Number(limitArg) < 0) throw invalidArguments(["`limit` must be positive"]);
    const limit =
      limitArg === undefined || Number(limitArg) === 0 ? all.length : Math.min(Number(limitArg), MAX_PAGE);
    const cursor = stringArgument(ctx.args, "cursor");
    let start = 0;
    if (cursor) {
      const from = decodeCursor(cursor);
      start = from === null ? -1 : all.findIndex((user) => user.id === from);
      if (start < 0) throw new ApiError("invalid_cursor");
    }
    const page = all.slice(start, start + limit);
    const next = all[start + limit];
    const options = {
      includeEmail: emailVisible(auth),
      includeLocale: booleanArgument(ctx.args, "include_locale"),
    };
    return {
      members: page.map((user) => renderUser(ctx.world, user, options)),
      cache_ts: ctx.world.clock.nowSeconds(),
      response_metadata: { next_cursor: next ? encodeCursor(next.id) : "" },
    };
  },
};

export const usersLookupByEmail: MethodDefinition = {
  name: "users.lookupByEmail",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const email = (stringArgument(ctx.args, "email") ?? "").toLowerCase();
    const user = [...ctx.world.users.values()].find(
      (u) => u.email?.toLowerCase() === email && canSee(ctx.world, auth, u),
    );
    if (!user) throw new ApiError("users_not_found");
    return { user: renderUser(ctx.world, user, { includeEmail: true }) };
  },
};
