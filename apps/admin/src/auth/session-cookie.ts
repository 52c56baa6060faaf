import type { CookieOptions, Request, Response } from "express";

export const SESSION_COOKIE = "presence_session";
/** Holds the id of a sign-in in progress (OAuth state), only on the /auth path. */
export const FLOW_COOKIE = "presence_sign_in";

export function readCookie(req: Request, name: string): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** HttpOnly, SameSite=Lax, Secure whenever the admin UI is served over https. */
export function cookieOptions(baseUrl: string, path: string, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: baseUrl.startsWith("https:"), path, maxAge: maxAgeMs };
}

export function clearCookie(res: Response, baseUrl: string, name: string, path: string): void {
  const { maxAge: _unused, ...options } = cookieOptions(baseUrl, path, 0);
  res.clearCookie(name, options);
}
