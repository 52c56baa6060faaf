import express, { type Router } from "express";
import type { Registry } from "prom-client";

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/**
 * /healthz (the process is alive), /readyz (every dependency answers: 503 naming the failing
 * check — not its error — otherwise) and /metrics (Prometheus text format).
 */
export function createOpsRouter(options: {
  registry: Registry;
  checks: readonly ReadinessCheck[];
  /** Told each failing check and its error (for the logs). */
  onFailure?: (check: string, error: string) => void;
}): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const results = await runReadinessChecks(options.checks);
    const ready = results.every((r) => r.ok);
    // Which check failed, never its error text: /readyz is unauthenticated, and error texts can carry hosts,
    // users and other details (the logs have them).
    for (const r of results) if (!r.ok) options.onFailure?.(r.name, r.error);
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not_ready",
      checks: results.map((r) => ({ name: r.name, ok: r.ok })),
    });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
  return router;
}

export type ReadinessResult = { name: string; ok: true } | { name: string; ok: false; error: string };

/** Runs every readiness check at once; a failing one reports its error instead of throwing. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<ReadinessResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }): Promise<ReadinessResult> => {
      try {
        await check();
        return { name, ok: true };
      } catch (error) {
        return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
