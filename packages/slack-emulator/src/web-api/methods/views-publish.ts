import { newId } from "../../ids.ts";
import { ApiError, invalidArguments } from "../api-error.ts";
import { jsonArgument, stringArgument } from "../api-request.ts";
import { homeViewArgument } from "../argument-shapes.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf, teamOf } from "../method-definition.ts";
import { canSee } from "./visibility.ts";

const MAX_VIEW_BYTES = 250_000;

export const viewsPublish: MethodDefinition = {
  name: "views.publish",
  accepts: ["bot"],
  handle(ctx) {
    const auth = authOf(ctx);
    if (!auth.app.homeTabEnabled) throw new ApiError("not_enabled");
    const userId = stringArgument(ctx.args, "user_id") ?? "";
    const user = ctx.world.users.get(userId);
    if (!user || !canSee(ctx.world, auth, user)) throw invalidArguments(["invalid `user_id`"]);
    const view = jsonArgument(ctx.args, "view");
    if (!view.present || "invalid" in view) throw invalidArguments(["invalid `view`"]);
    const parsed = homeViewArgument.safeParse(view.value);
    if (!parsed.success)
      throw invalidArguments(
        parsed.error.issues.map((issue) => `invalid \`view.${issue.path.join(".")}\`: ${issue.message}`),
      );
    const value = parsed.data;
    if (Buffer.byteLength(JSON.stringify(value)) > MAX_VIEW_BYTES) throw new ApiError("view_too_large");
    const key = `${auth.app.id}:${user.id}`;
    const existing = ctx.world.homeViews.get(key);
    const hash = stringArgument(ctx.args, "hash");
    if (hash && existing && hash !== existing.hash) throw new ApiError("hash_conflict");
    const bot = ctx.world.user(callerOf(ctx));
    const stored = {
      id: existing?.id ?? newId.view(),
      appId: auth.app.id,
      teamId: teamOf(ctx),
      userId: user.id,
      botId: bot.botId,
      hash: `${ctx.world.clock.nowSeconds()}.${newId.requestId()}`,
      view: value,
    };
    ctx.world.homeViews.set(key, stored);
    return {
      view: {
        id: stored.id,
        team_id: stored.teamId,
        type: "home",
        blocks: value.blocks,
        private_metadata: value.private_metadata ?? "",
        callback_id: value.callback_id ?? "",
        state: { values: {} },
        hash: stored.hash,
        clear_on_close: false,
        notify_on_close: false,
        root_view_id: stored.id,
        previous_view_id: null,
        app_id: auth.app.id,
        external_id: value.external_id ?? "",
        bot_id: bot.botId,
      },
    };
  },
};
