import type { User } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";

/**
 * Who is "signed in" to the emulated Slack when a browser reaches /oauth/v2/authorize or
 * /openid/connect/authorize (scripted through the control API), and what they answer on the consent
 * screen. A request may override each with `_emulator_user`, `_emulator_decision` and
 * `_emulator_org_install`. Both take priority over a browser's own sign-in (the sign-in page and its
 * session cookie, see browser-sessions.ts).
 */
export interface SignInState {
  userId: string | null;
  decision: "allow" | "deny";
  /** Choose "install for the whole org" on an Enterprise Grid consent screen. */
  orgWide: boolean;
}

export function defaultSignIn(): SignInState {
  return { userId: null, decision: "allow", orgWide: false };
}

/** The scripted person for this request (`_emulator_user`, else the sign-in state); bots and deactivated people never are. */
export function signedInPerson(
  world: SlackWorld,
  signIn: SignInState,
  query: URLSearchParams,
): User | undefined {
  const userId = query.get("_emulator_user") ?? signIn.userId;
  const user = userId === null ? undefined : world.users.get(userId);
  return !user || user.deleted || user.isBot ? undefined : user;
}

/** Whether the person presses "Cancel" on the consent screen (`_emulator_decision`, else the sign-in state). */
export function consentDenied(signIn: SignInState, query: URLSearchParams): boolean {
  return (query.get("_emulator_decision") ?? signIn.decision) === "deny";
}
