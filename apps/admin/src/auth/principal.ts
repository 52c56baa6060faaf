import type { WebSession } from "@presence/db";
import type { Actor } from "@presence/services";
import type { Response } from "express";

/** Who is calling the admin app, as `authenticate` found out. */
export type Principal =
  /** A script with ADMIN_API_TOKEN. */
  | { via: "token"; admin: true; actor: Actor }
  /** A local caller of the zero-config demo (both sides emulated). */
  | { via: "local-demo"; admin: true; actor: Actor }
  /** A signed-in browser: an admin when the allow-list admits them, else an employee (self-service only). */
  | { via: "session"; admin: boolean; actor: Actor; session: WebSession };

export function principalOf(res: Response): Principal | null {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/** Who made a change, for the audit trail. */
export function actorOf(res: Response): Actor {
  return principalOf(res)?.actor ?? { name: "anonymous" };
}

/** The name a signed-in person carries in the audit trail: e-mail (or name) and how they signed in. */
export function sessionActor(session: Pick<WebSession, "email" | "name" | "provider" | "userId">): Actor {
  return { name: `${session.email ?? (session.name || session.userId)} (${session.provider})` };
}
