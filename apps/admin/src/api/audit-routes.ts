import { parseInput } from "@presence/core";
import { listSyncEvents, type DbClient, type ListSyncEventsOptions, type SyncEvent } from "@presence/db";
import { resolvePerson } from "@presence/services";
import express, { type Response, type Router } from "express";
import type { z } from "zod";

import { ZAuditExportQuery, ZAuditQuery } from "./api-schemas.ts";

const PAGE = 1000;

/** /api/audit: every decision, write and admin action, filtered; exported as CSV or JSON for a date range. */
export function auditRoutes(db: DbClient): Router {
  const router = express.Router();

  router.get("/audit", async (req, res) => {
    const query = parseInput(ZAuditQuery, req.query, "Invalid query");
    const events = await listSyncEvents(db, {
      ...(await filters(db, query)),
      limit: query.limit,
      ...(query.beforeId ? { beforeId: BigInt(query.beforeId) } : {}),
    });
    res.json({ events });
  });

  router.get("/audit/export", async (req, res) => {
    const query = parseInput(ZAuditExportQuery, req.query, "Invalid query");
    const base = await filters(db, query);
    const name = `presence-audit-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.${query.format}`;
    res
      .status(200)
      .type(query.format === "csv" ? "text/csv; charset=utf-8" : "application/json")
      .set("Content-Disposition", `attachment; filename="${name}"`)
      .set("Cache-Control", "no-store");
    await exportEvents(db, base, query.format, res);
  });

  return router;
}

async function filters(
  db: DbClient,
  query: Pick<z.infer<typeof ZAuditQuery>, "kind" | "from" | "to" | "actor" | "person">,
): Promise<ListSyncEventsOptions> {
  const link = query.person ? await resolvePerson(db, query.person) : null;
  return {
    ...(query.kind ? { kinds: query.kind } : {}),
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    ...(link ? { linkId: link.id } : {}),
  };
}

/** Streams every matching event, oldest first, a page at a time (a year of events never sits in memory). */
async function exportEvents(
  db: DbClient,
  base: ListSyncEventsOptions,
  format: "csv" | "json",
  res: Response,
): Promise<void> {
  res.write(format === "csv" ? `${CSV_COLUMNS.join(",")}\r\n` : "[");
  let afterId: bigint | undefined;
  let first = true;
  for (;;) {
    const page = await listSyncEvents(db, {
      ...base,
      order: "asc",
      limit: PAGE,
      ...(afterId ? { afterId } : {}),
    });
    for (const event of page) {
      if (format === "csv") res.write(`${csvRow(event)}\r\n`);
      else {
        res.write(`${first ? "" : ","}\n${JSON.stringify({ ...event, id: event.id.toString() })}`);
        first = false;
      }
    }
    if (page.length < PAGE) break;
    afterId = page.at(-1)?.id;
  }
  res.end(format === "csv" ? "" : "\n]\n");
}

const CSV_COLUMNS = ["id", "at", "kind", "side", "linkId", "actor", "message", "detail"];

function csvRow(event: SyncEvent): string {
  return [
    event.id.toString(),
    event.at.toISOString(),
    event.kind,
    event.side ?? "",
    event.linkId ?? "",
    event.correlationId ?? "",
    event.message,
    JSON.stringify(event.detail),
  ]
    .map(csvCell)
    .join(",");
}

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula starts with an apostrophe. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
