import { oauthV2Access } from "../oauth/oauth-v2-access.ts";
import type { OAuthCodes } from "../oauth/oauth-codes.ts";
import { openidConnectToken } from "../oauth/openid-connect-token.ts";
import { openidConnectUserInfo } from "../oauth/openid-connect-user-info.ts";
import type { OpenIdProvider } from "../oauth/openid-provider.ts";
import type { MethodDefinition } from "./method-definition.ts";
import { appsConnectionsOpen } from "./methods/apps-connections-open.ts";
import { authRevoke, authTest } from "./methods/auth.ts";
import { chatPostMessage } from "./methods/chat-post-message.ts";
import { dndEndSnooze, dndInfo, dndSetSnooze } from "./methods/dnd.ts";
import { usersGetPresence, usersSetPresence } from "./methods/presence.ts";
import { usersProfileSet } from "./methods/users-profile-set.ts";
import { usersInfo, usersList, usersLookupByEmail, usersProfileGet } from "./methods/users-read.ts";
import { viewsPublish } from "./methods/views-publish.ts";

/** Every Web API method the emulator serves, by name. */
export function methodTable(
  codes: OAuthCodes,
  openid: OpenIdProvider,
): ReadonlyMap<string, MethodDefinition> {
  const methods = [
    authTest,
    authRevoke,
    oauthV2Access(codes),
    openidConnectToken(openid),
    openidConnectUserInfo,
    appsConnectionsOpen,
    usersProfileSet,
    usersProfileGet,
    usersInfo,
    usersList,
    usersLookupByEmail,
    usersGetPresence,
    usersSetPresence,
    dndInfo,
    dndSetSnooze,
    dndEndSnooze,
    viewsPublish,
    chatPostMessage,
  ];
  return new Map(methods.map((method) => [method.name, method]));
}
