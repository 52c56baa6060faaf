import { z } from "zod";
import { passwordMatches } from "../world/passwords.ts";
import type { User, Workspace } from "../world/types.ts";
import type { SlackWorld } from "../world/world.ts";

/** The sign-in page's own fields; every other field of its form is an original authorize parameter. */
export const SIGN_IN_FIELDS = ["email", "password"] as const;

/** What the person typed. Anything malformed (too long) reads as empty, which no account matches. */
export const signInFields = z.object({
  email: z.string().trim().max(320).catch(""),
  password: z.string().max(256).catch(""),
});
export type SignInFields = z.output<typeof signInFields>;

/** The page's alerts (Slack's wording where it has one). */
export const SIGN_IN_REFUSALS = {
  unknownEmail: "We couldn't find that e-mail address",
  wrongPassword: "Wrong password",
  deactivated: "This account has been deactivated",
} as const;

export type EmailSignIn =
  { kind: "signed_in"; user: User } | { kind: "refused"; message: string; field: "email" | "password" };

/**
 * Signs a person in by e-mail address (case-insensitive) in `workspace` (every workspace when null; the
 * first match in creation order wins), checking the password only if they have one. Bots and
 * deactivated people cannot sign in.
 */
export function emailSignIn(
  world: SlackWorld,
  workspace: Workspace | null,
  fields: SignInFields,
): EmailSignIn {
  const email = fields.email.toLowerCase();
  const matches = [...world.users.values()].filter(
    (user) =>
      !user.isBot &&
      user.email?.toLowerCase() === email &&
      (workspace === null || user.teamId === workspace.id),
  );
  if (email === "" || matches.length === 0)
    return { kind: "refused", message: SIGN_IN_REFUSALS.unknownEmail, field: "email" };
  const user = matches.find((match) => !match.deleted);
  if (!user) return { kind: "refused", message: SIGN_IN_REFUSALS.deactivated, field: "email" };
  if (!passwordMatches(world, user.id, fields.password))
    return { kind: "refused", message: SIGN_IN_REFUSALS.wrongPassword, field: "password" };
  return { kind: "signed_in", user };
}
