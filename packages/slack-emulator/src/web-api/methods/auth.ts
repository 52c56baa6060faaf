import { revokeToken } from "../../world/grants.ts";
import { booleanArgument } from "../api-request.ts";
import type { MethodDefinition } from "../method-definition.ts";
import { authOf, callerOf } from "../method-definition.ts";

export const authTest: MethodDefinition = {
  name: "auth.test",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const user = ctx.world.user(callerOf(ctx));
    const grant = auth.grant;
    const orgWide = grant?.isEnterpriseInstall === true && auth.enterpriseId !== null;
    const enterprise = auth.enterpriseId === null ? null : ctx.world.enterprise(auth.enterpriseId);
    const ws = ctx.world.workspace(user.teamId);
    const body: Record<string, unknown> = {
      url:
        orgWide && enterprise
          ? `https://${enterprise.domain}.enterprise.slack.com/`
          : `https://${ws.domain}.slack.com/`,
      team: orgWide && enterprise ? enterprise.name : ws.name,
      user: user.name,
      team_id: orgWide && enterprise ? enterprise.id : ws.id,
      user_id: user.id,
      is_enterprise_install: orgWide,
    };
    if (auth.kind === "bot" && user.botId !== null) body.bot_id = user.botId;
    if (enterprise) body.enterprise_id = enterprise.id;
    if (auth.token.expiresAt !== null)
      body.expires_in = Math.max(0, Math.floor((auth.token.expiresAt - ctx.world.clock.nowMs()) / 1000));
    return body;
  },
};

export const authRevoke: MethodDefinition = {
  name: "auth.revoke",
  accepts: ["bot", "user"],
  handle(ctx) {
    const auth = authOf(ctx);
    const test = booleanArgument(ctx.args, "test");
    if (!test) revokeToken(ctx.world, auth.token.value);
    return { revoked: !test };
  },
};
