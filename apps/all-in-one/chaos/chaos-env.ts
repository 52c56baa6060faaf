import { parseEnv } from "@presence/config";
import { z } from "zod";

/** The fault suite's settings (docs/runbooks/chaos.md); anything invalid is refused by name. */
export const ZChaosEnv = z.object({
  /** Times the whole fault catalogue runs; each cycle kills bridge processes 8 times. */
  CHAOS_CYCLES: z.coerce.number().int().min(1).max(100).default(3),
  /** Linked people: half change in Teams only, half in Slack only. */
  CHAOS_PEOPLE: z.coerce.number().int().min(4).max(100).default(12),
  /** After a fault ends, every mirrored state must be right within this. */
  CHAOS_CONVERGE_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  /** How the Teams bridge reads Graph: notify adds the subscription and notification faults. */
  CHAOS_GRAPH_READ_MODE: z.enum(["notify", "poll"]).default("notify"),
  /** Shell command that restarts the Postgres server; "skip" leaves the fault out (then reported). */
  CHAOS_PG_RESTART: z.string().min(1).optional(),
  /** Only the faults whose name contains this text (case-insensitive), e.g. "kill" or "Slack events". */
  CHAOS_ONLY: z.string().min(1).optional(),
  /** Seed of the random choices (which person, which state, when to kill): a run can be repeated. */
  CHAOS_SEED: z.coerce.number().int().min(0).optional(),
  /** Where the JSON report and the processes' logs go. */
  CHAOS_OUT_DIR: z.string().min(1).default(".chaos"),
});
export type ChaosEnv = z.infer<typeof ZChaosEnv>;

export function loadChaosEnv(env: NodeJS.ProcessEnv = process.env): ChaosEnv {
  return parseEnv(ZChaosEnv, env);
}
