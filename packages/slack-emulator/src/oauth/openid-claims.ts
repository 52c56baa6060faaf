import { createHash } from "node:crypto";
import { avatarUrl } from "../world/render.ts";
import type { User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";

/** The scopes of Sign in with Slack (`scopes_supported` of Slack's OpenID configuration). */
export const OPENID_SCOPES = ["openid", "email", "profile"] as const;

/** Slack-specific claims are namespaced under Slack's URL ("from the perspective of Slack"). */
const SLACK = "https://slack.com/";
const USER_IMAGE_SIZES = [24, 32, 48, 72, 192, 512, 1024] as const;
const TEAM_IMAGE_SIZES = [34, 44, 68, 88, 102, 132, 230] as const;

/**
 * What Slack tells an app about the person who signed in, by scope (the openid.connect.userInfo
 * response and the identity part of the id_token; docs.slack.dev/reference/methods/openid.connect.userInfo,
 * openid.connect.token): `openid` → ids; `email` → email, email_verified; `profile` → names, picture,
 * locale, workspace name/domain and images. Enterprise Grid members also carry the org's id (and, with
 * `profile`, its name and domain).
 */
export function identityClaims(
  world: SlackWorld,
  user: User,
  scopes: readonly string[],
): Record<string, unknown> {
  const ws = world.workspace(user.teamId);
  const enterprise = ws.enterpriseId === null ? null : world.enterprise(ws.enterpriseId);
  const claims: Record<string, unknown> = {
    sub: user.id,
    [`${SLACK}user_id`]: user.id,
    [`${SLACK}team_id`]: ws.id,
  };
  if (enterprise) claims[`${SLACK}enterprise_id`] = enterprise.id;
  if (scopes.includes("email") && user.email !== null) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  if (scopes.includes("profile")) {
    Object.assign(claims, {
      name: user.profile.realName,
      picture: avatarUrl(user, 512),
      given_name: user.profile.firstName,
      family_name: user.profile.lastName,
      locale: "en-US",
      [`${SLACK}team_name`]: ws.name,
      [`${SLACK}team_domain`]: ws.domain,
      ...(enterprise
        ? { [`${SLACK}enterprise_name`]: enterprise.name, [`${SLACK}enterprise_domain`]: enterprise.domain }
        : {}),
      ...Object.fromEntries(
        USER_IMAGE_SIZES.map((size) => [`${SLACK}user_image_${size}`, avatarUrl(user, size)]),
      ),
      ...Object.fromEntries(
        TEAM_IMAGE_SIZES.map((size) => [
          `${SLACK}team_image_${size}`,
          `https://a.slack-edge.com/emulated/avatars-teams/default_${size}.png`,
        ]),
      ),
      [`${SLACK}team_image_default`]: true,
    });
  }
  return claims;
}

/** OpenID Connect's `at_hash` for RS256: the left half of SHA-256 of the access token, base64url. */
export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken, "ascii").digest().subarray(0, 16).toString("base64url");
}
