import { z } from "zod";

/**
 * Shapes of JSON-carrying arguments that the spec only types as "string" (zod, since the spec has no
 * schema for them). From the method docs: a profile is "a URL-encoded JSON hash… At most 50 fields may be
 * set. Each field name is limited to 255 characters."
 */
export const profileArgument = z
  .record(
    z.string().min(1).max(255),
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), z.unknown())]),
  )
  .refine((profile) => Object.keys(profile).length <= 50, "at most 50 fields");

/** A Home tab view (views.publish): type "home", up to 100 blocks, each with a `type`. */
export const homeViewArgument = z
  .object({
    type: z.literal("home"),
    blocks: z.array(z.object({ type: z.string().min(1) }).loose()).max(100),
    private_metadata: z.string().max(3000).optional(),
    callback_id: z.string().max(255).optional(),
    external_id: z.string().max(255).optional(),
  })
  .loose();
