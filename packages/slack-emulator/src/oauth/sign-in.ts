/**
 * Who is "signed in" to the emulated Slack when a browser reaches /oauth/v2/authorize, and what they
 * answer on the consent screen. A request may override each with `_emulator_user`, `_emulator_decision`
 * and `_emulator_org_install`; there is no login UI.
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
