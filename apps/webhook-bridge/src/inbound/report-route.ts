import { ZConnectionId, formatIssues } from "@presence/core";
import { getWebhookConnection, getWebhookSecret } from "@presence/db";
import { enqueueObservation } from "@presence/pipeline";
import express, { type Response, type Router } from "express";

import { reportTimes, ZInboundReport } from "../contract/inbound-report.ts";
import type { WebhookContext } from "../webhook-context.ts";
import { checkSignature, idempotencyKey, type Refusal } from "./check-request.ts";
import { reportAsObservation } from "./report-as-observation.ts";

/** The largest body taken in (a report is a few hundred bytes). */
export const MAX_REPORT_BYTES = 64 * 1024;

/**
 * POST /webhooks/<connectionId>: a system reports a person's state (docs/webhook-spoke.md). Nothing is
 * stored unless every check passes (connection, timestamp, signature, idempotency key, body); then the
 * report becomes an `observe` job and is acknowledged 202 — 200 for an idempotency key already taken
 * in, 503 when it could not be stored (the system retries).
 */
export function reportRoutes(context: WebhookContext): Router {
  const router = express.Router();
  const rawBody = express.raw({ type: () => true, limit: MAX_REPORT_BYTES });
  const logger = context.logger.child({ component: "webhook-inbound" });

  router.post(
    "/webhooks/:connectionId",
    (_req, res, next) => {
      res.on("finish", () => context.metrics.reports.inc({ status: String(res.statusCode) }));
      next();
    },
    (req, res, next) =>
      rawBody(req, res, (error?: unknown) => {
        if (error === undefined) return next();
        const tooLarge = (error as { type?: unknown }).type === "entity.too.large";
        refuse(res, {
          status: tooLarge ? 413 : 400,
          error: "invalid_input",
          message: tooLarge
            ? `The body is larger than ${MAX_REPORT_BYTES} bytes`
            : "The body could not be read",
        });
      }),
    async (req, res) => {
      const connectionId = ZConnectionId.safeParse(req.params.connectionId);
      const log = logger.child({ connectionId: connectionId.data });
      try {
        const connection = connectionId.success
          ? await getWebhookConnection(context.db, connectionId.data)
          : null;
        if (!connection || connection.status !== "active" || connection.direction === "out") {
          refuse(res, {
            status: 404,
            error: "not_found",
            message: "No active connection takes reports here",
          });
          return;
        }
        const secret = await getWebhookSecret(context.db, context.ring, connection.id);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const now = context.now();
        const refusal = secret
          ? checkSignature(req.headers, body, secret, now, context.config.WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS)
          : { status: 401 as const, error: "unauthorized" as const, message: "The connection has no secret" };
        if (refusal) {
          log.warn({ reason: refusal.message }, "webhook report refused");
          refuse(res, refusal);
          return;
        }
        const key = idempotencyKey(req.headers);
        if ("status" in key) return refuse(res, key);
        const parsed = parseReport(body, now, context.config.WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS * 1000);
        if ("status" in parsed) {
          log.info({ reason: parsed.message }, "webhook report malformed");
          return refuse(res, parsed);
        }
        const result = await enqueueObservation(
          context.db,
          reportAsObservation(connection.id, key.key, parsed, now, body),
        );
        res
          .status(result === "duplicate" ? 200 : 202)
          .json({ status: result === "duplicate" ? "duplicate" : "accepted" });
      } catch (error) {
        log.error({ err: error }, "a webhook report could not be stored; the system will send it again");
        res.setHeader("retry-after", "10");
        res
          .status(503)
          .json({ error: "unavailable", message: "The report could not be stored; send it again" });
      }
    },
  );
  return router;
}

type ParsedReport = Exclude<ReturnType<typeof reportTimes>, { problem: string }> & { email: string };

function parseReport(body: Buffer, now: number, toleranceMs: number): ParsedReport | Refusal {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return invalid("The body is not valid JSON");
  }
  const report = ZInboundReport.safeParse(json);
  if (!report.success) return invalid(`Invalid report: ${formatIssues(report.error)}`);
  const times = reportTimes(report.data, now, toleranceMs);
  if ("problem" in times) return invalid(`Invalid report: ${times.problem}`);
  return { ...times, email: report.data.person.email };
}

function invalid(message: string): Refusal {
  return { status: 400, error: "invalid_input", message };
}

function refuse(res: Response, refusal: { status: number; error: string; message: string }): void {
  res.status(refusal.status).json({ error: refusal.error, message: refusal.message });
}
