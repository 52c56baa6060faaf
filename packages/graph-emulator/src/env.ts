import { z } from "zod";

/** Settings of the stand-alone emulator (`pnpm --filter @presence/graph-emulator start`), from the environment. */
const schema = z.object({
  GRAPH_EMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  GRAPH_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  GRAPH_EMULATOR_HOSTNAMES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  GRAPH_EMULATOR_TIME_SCALE: z.coerce.number().positive().default(1),
  /** Where to write the CA certificate (PEM) for clients to trust, e.g. via NODE_EXTRA_CA_CERTS. */
  GRAPH_EMULATOR_CA_FILE: z.string().min(1).optional(),
});

export type EmulatorEnv = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): EmulatorEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid graph-emulator environment: ${problems}`);
  }
  return parsed.data;
}
