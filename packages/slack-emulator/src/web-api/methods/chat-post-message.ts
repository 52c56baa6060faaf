import { newId } from "../../ids.ts";
import { ApiError } from "../api-error.ts";
import { jsonArgument, stringArgument } from "../api-request.ts";
import type { MethodContext, MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf, teamOf } from "../method-definition.ts";
import { canSee } from "./visibility.ts";

const MAX_TEXT = 40_000;

/** A user id opens (or reuses) the app's DM with that person; a known DM id is used as is. */
function resolveChannel(ctx: MethodContext, channel: string): string {
  const auth = authOf(ctx);
  const user = ctx.world.users.get(channel);
  if (user && canSee(ctx.world, auth, user) && !user.deleted) {
    const key = `${auth.app.id}:${user.id}`;
    let dm = ctx.world.dmChannels.get(key);
    if (!dm) {
      dm = newId.dm();
      ctx.world.dmChannels.set(key, dm);
    }
    return dm;
  }
  if ([...ctx.world.dmChannels.values()].includes(channel)) return channel;
  throw new ApiError("channel_not_found");
}

/** Minimal chat.postMessage: DMs to people, recorded for inspection (the bridge only posts notices). */
export const chatPostMessage: MethodDefinition = {
  name: "chat.postMessage",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const channel = resolveChannel(ctx, stringArgument(ctx.args, "channel") ?? "");
    const text = stringArgument(ctx.args, "text") ?? "";
    const blocksArg = jsonArgument(ctx.args, "blocks");
    const blocks =
      blocksArg.present && "value" in blocksArg && Array.isArray(blocksArg.value)
        ? (blocksArg.value as unknown[])
        : null;
    if (text === "" && blocks === null) throw new ApiError("no_text");
    if (text.length > MAX_TEXT) throw new ApiError("msg_too_long");
    const sender = ctx.world.user(callerOf(ctx));
    const ts = ctx.world.nextTs();
    ctx.world.messages.push({
      appId: auth.app.id,
      teamId: teamOf(ctx),
      channel,
      ts,
      text,
      blocks,
      userId: sender.id,
      botId: sender.botId,
    });
    const message: Record<string, unknown> = {
      type: "message",
      text,
      user: sender.id,
      ts,
      team: teamOf(ctx),
    };
    if (sender.botId !== null) message.bot_id = sender.botId;
    if (blocks !== null) message.blocks = blocks;
    return { channel, ts, message };
  },
};
