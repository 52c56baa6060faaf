import { z } from "zod";
import { EmulatorError } from "../emulator-error.ts";
import { authorizeUser, installBot, issueToken, revokeToken, uninstallApp } from "../world/grants.ts";
import type { IssuedToken } from "../world/grants.ts";
import {
  appInput,
  createApp,
  createAppToken,
  createEnterprise,
  createUser,
  createWorkspace,
  enterpriseInput,
  userInput,
  workspaceInput,
} from "../world/setup.ts";
import { operation } from "./operation.ts";

const scopes = z.array(z.string().min(1));

export interface InstalledApp {
  appId: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  bot: IssuedToken & { scopes: string[] };
  /** The installer's user token, when user scopes were granted. */
  user: (IssuedToken & { id: string; scopes: string[] }) | null;
}

export const setupOperations = {
  createEnterprise: operation(enterpriseInput, (ctx, input) => createEnterprise(ctx.world, input)),
  createWorkspace: operation(workspaceInput, (ctx, input) => createWorkspace(ctx.world, input)),
  createUser: operation(userInput, (ctx, input) => createUser(ctx.world, input)),
  createApp: operation(appInput, (ctx, input) => createApp(ctx.world, input)),
  /** Switches Web API rate limits on or off, or changes allowances, from now on (the window is fixed). */
  setRateLimits: operation(
    z
      .object({
        enabled: z.boolean(),
        multiplier: z.number().positive(),
        overrides: z.record(z.string(), z.number().int().min(1)),
      })
      .partial(),
    (ctx, input) => ctx.limiter.configure(input),
  ),
  createAppToken: operation(
    z.object({ appId: z.string(), scopes: scopes.default(["connections:write"]) }),
    (ctx, input) => ({
      token: createAppToken(ctx.world, input.appId, input.scopes),
    }),
  ),

  /** Saves a Request URL after Slack's url_verification handshake; an unverified URL is not saved. */
  setRequestUrl: operation(z.object({ appId: z.string(), url: z.url() }), async (ctx, input) => {
    const app = ctx.world.app(input.appId);
    const result = await ctx.router.verifyRequestUrl(app, input.url);
    if (result.verified) app.requestUrl = input.url;
    return result;
  }),
  /** Changes app settings; a `requestUrl` given here is stored without the handshake, as from a manifest. */
  updateApp: operation(
    z.object({
      appId: z.string(),
      name: z.string().min(1).optional(),
      requestUrl: z.url().nullable().optional(),
      socketMode: z.boolean().optional(),
      tokenRotation: z.boolean().optional(),
      botEvents: z.array(z.string().min(1)).optional(),
      userEvents: z.array(z.string().min(1)).optional(),
      redirectUrls: z.array(z.url()).optional(),
      orgDeployEnabled: z.boolean().optional(),
      homeTabEnabled: z.boolean().optional(),
    }),
    (ctx, input) => {
      const { appId, ...changes } = input;
      const app = ctx.world.app(appId);
      for (const [key, value] of Object.entries(changes))
        if (value !== undefined) Object.assign(app, { [key]: value });
      return app;
    },
  ),

  /** Installs an app directly (what the OAuth flow does), returning the tokens Slack would hand out. */
  installApp: operation(
    z.object({
      appId: z.string(),
      installerUserId: z.string(),
      botScopes: scopes.min(1),
      userScopes: scopes.default([]),
      orgWide: z.boolean().default(false),
    }),
    (ctx, input): InstalledApp => {
      const target = { appId: input.appId, installerUserId: input.installerUserId, orgWide: input.orgWide };
      const bot = installBot(ctx.world, target, input.botScopes);
      const botUser = ctx.world.user(bot.userId);
      let user: InstalledApp["user"] = null;
      if (input.userScopes.length > 0) {
        const grant = authorizeUser(ctx.world, target, input.userScopes);
        user = { id: grant.userId, scopes: grant.scopes, ...issueToken(ctx.world, grant) };
      }
      return {
        appId: input.appId,
        teamId: bot.teamId,
        enterpriseId: bot.enterpriseId,
        isEnterpriseInstall: bot.isEnterpriseInstall,
        botUserId: bot.userId,
        botId: botUser.botId ?? "",
        bot: { scopes: bot.scopes, ...issueToken(ctx.world, bot) },
        user,
      };
    },
  ),
  /** A person connects their Slack account (user token only), as a user-scope OAuth flow would. */
  authorizeUser: operation(
    z.object({
      appId: z.string(),
      userId: z.string(),
      userScopes: scopes.min(1),
      orgWide: z.boolean().default(false),
    }),
    (ctx, input) => {
      const grant = authorizeUser(
        ctx.world,
        { appId: input.appId, installerUserId: input.userId, orgWide: input.orgWide },
        input.userScopes,
      );
      return { id: grant.userId, scopes: grant.scopes, ...issueToken(ctx.world, grant) };
    },
  ),

  /** Who is signed in at /oauth/v2/authorize and /openid/connect/authorize, and what they answer on the consent screen. */
  oauthSignIn: operation(
    z.object({
      userId: z.string().nullable(),
      decision: z.enum(["allow", "deny"]).default("allow"),
      orgWide: z.boolean().default(false),
    }),
    (ctx, input) => {
      if (input.userId !== null) ctx.world.user(input.userId);
      Object.assign(ctx.signIn, input);
      return { ...ctx.signIn };
    },
  ),

  /** An admin revokes a token (as `auth.revoke` would): `tokens_revoked` follows. */
  revokeToken: operation(z.object({ token: z.string() }), (ctx, input) => {
    revokeToken(ctx.world, input.token);
    return { revoked: true };
  }),
  /** An admin removes the app from a workspace (or the org): `tokens_revoked`, then `app_uninstalled`. */
  uninstallApp: operation(
    z.object({ appId: z.string(), teamId: z.string().optional(), enterpriseId: z.string().optional() }),
    (ctx, input) => {
      if ((input.teamId === undefined) === (input.enterpriseId === undefined))
        throw new EmulatorError("give exactly one of teamId or enterpriseId");
      uninstallApp(ctx.world, input.appId, input);
      return { uninstalled: true };
    },
  ),
};
