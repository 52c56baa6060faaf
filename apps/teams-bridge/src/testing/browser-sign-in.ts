// Drives the bridge's Microsoft sign-in like a browser would (redirects followed by hand, the cookie
// kept), against the emulator's authorize endpoint. Test code only.
import type { UserView } from "@presence/graph-emulator";
import { trustingFetch } from "@presence/graph-emulator/testing";
import { issueConnectLink } from "@presence/services";

import type { World } from "./teams-world.ts";

export interface SignInOutcome {
  status: number;
  page: string;
}

/** Follows /graph/… → Microsoft authorize (signed in as `user`, or cancelled) → the bridge's callback. */
export async function browserSignIn(
  world: World,
  startPath: string,
  user: UserView | { deny: true },
  options: { dropCookie?: boolean } = {},
): Promise<SignInOutcome> {
  const start = await fetch(`${world.url}${startPath}`, { redirect: "manual" });
  if (start.status !== 302) return { status: start.status, page: await start.text() };
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const authorize = start.headers.get("location") ?? "";
  if ("deny" in user) world.emulator.control.nextSignIn({ deny: true });
  else world.emulator.control.nextSignIn({ userId: user.id });
  const tls = trustingFetch(world.emulator.ca);
  try {
    const answer = await tls.fetch(authorize, { redirect: "manual" });
    const callback = answer.headers.get("location");
    if (!callback) throw new Error(`the authorize endpoint did not redirect: ${answer.status}`);
    const done = await fetch(callback, { headers: options.dropCookie ? {} : { cookie } });
    return { status: done.status, page: await done.text() };
  } finally {
    await tls.close();
  }
}

/** An admin's link for adding a service account (what `presence graph add-account` prints). */
export async function serviceAccountPath(world: World): Promise<string> {
  const state = await issueConnectLink(world.t.db, world.runtime.keyRing, {
    connect: "microsoft-service-account",
  });
  return `/graph/service-accounts/connect?state=${encodeURIComponent(state)}`;
}

/** App Home's "Connect Microsoft account" link for a Slack user. */
export async function connectPath(world: World, slack: { teamId: string; userId: string }): Promise<string> {
  const state = await issueConnectLink(world.t.db, world.runtime.keyRing, { connect: "microsoft", slack });
  return `/graph/connect?state=${encodeURIComponent(state)}`;
}

/** Creates users to act as service accounts and signs each in through the admin flow. */
export async function addServiceAccounts(world: World, count: number, offset = 0): Promise<UserView[]> {
  const accounts: UserView[] = [];
  for (let i = 0; i < count; i++) {
    const user = world.emulator.control.createUser({
      tenantId: world.tenantId,
      displayName: `Service account ${offset + i + 1}`,
      userPrincipalName: `svc${offset + i + 1}@contoso.com`,
    });
    const outcome = await browserSignIn(world, await serviceAccountPath(world), user);
    if (outcome.status !== 200)
      throw new Error(`service account sign-in failed: ${outcome.status} ${outcome.page}`);
    accounts.push(user);
  }
  return accounts;
}
