/** The cookie that keeps a browser signed in to the emulated Slack after the sign-in page. */
export const SESSION_COOKIE = "slack_emulator_session";

/** Every `slack_emulator_session` value in a `Cookie` header (a browser may send more than one). */
export function sessionIdsFrom(cookieHeader: string | undefined): string[] {
  return (cookieHeader ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    .map((pair) => pair.slice(SESSION_COOKIE.length + 1))
    .filter((value) => value.length > 0);
}

/** `Set-Cookie` for a session: HttpOnly, SameSite=Lax, whole site, until the browser closes. */
export function sessionCookie(sessionId: string): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
}
