import { z } from "zod";

/** Slack workspace id (T…) — Enterprise Grid org ids (E…) are accepted where a team id may be an org. */
export const ZSlackTeamId = z.string().regex(/^[TE][A-Z0-9]{2,20}$/, "a Slack team id looks like T0123ABCD");
/** Slack user id (U… or, on Enterprise Grid, W…). */
export const ZSlackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,20}$/, "a Slack user id looks like U0123ABCD or W0123ABCD");
/** Entra tenant and object ids are GUIDs. */
export const ZEntraId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    "an Entra id is a GUID like 00000000-0000-0000-0000-000000000000",
  )
  .transform((id) => id.toLowerCase());
export const ZEmail = z.string().trim().toLowerCase().pipe(z.email("not an e-mail address"));
