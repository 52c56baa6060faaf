import { authOf, callerOf } from "../web-api/method-definition.ts";
import type { MethodDefinition } from "../web-api/method-definition.ts";
import { identityClaims } from "./openid-claims.ts";

/**
 * openid.connect.userInfo (docs.slack.dev/reference/methods/openid.connect.userInfo): the signed-in
 * person's claims for a user token with `openid` (the spec overlay requires it), as far as the token's
 * `email` / `profile` scopes allow.
 */
export const openidConnectUserInfo: MethodDefinition = {
  name: "openid.connect.userInfo",
  accepts: ["user"],
  handle(ctx) {
    const user = ctx.world.user(callerOf(ctx));
    return identityClaims(ctx.world, user, authOf(ctx).scopes);
  },
};
