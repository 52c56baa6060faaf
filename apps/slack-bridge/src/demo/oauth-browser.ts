/**
 * Walks Slack's OAuth flow the way a browser does, against the Slack emulator: the bridge's start URL
 * (/slack/install or /slack/connect) sets the state cookie and redirects to Slack's authorize page,
 * the emulator's consent (as `userId`, `_emulator_user`) redirects back to /slack/oauth_redirect,
 * which is called with the cookie. Returns the final answer of the bridge.
 */
export async function completeSlackOAuth(
  startUrl: string,
  userId: string,
  options: { orgWide?: boolean; deny?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const start = await fetch(startUrl, { redirect: "manual" });
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize) {
    return { status: start.status, body: await start.text() };
  }
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const consentUrl = new URL(authorize);
  consentUrl.searchParams.set("_emulator_user", userId);
  if (options.orgWide) consentUrl.searchParams.set("_emulator_org_install", "1");
  if (options.deny) consentUrl.searchParams.set("_emulator_decision", "deny");
  const consent = await fetch(consentUrl, { redirect: "manual" });
  const callback = consent.headers.get("location");
  if (consent.status !== 302 || !callback) return { status: consent.status, body: await consent.text() };
  const done = await fetch(callback, { headers: { cookie }, redirect: "manual" });
  return { status: done.status, body: await done.text() };
}
