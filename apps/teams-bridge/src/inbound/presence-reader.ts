import type { DbClient } from "@presence/db";
import { enqueueObservations } from "@presence/pipeline";
import type { Logger } from "@presence/telemetry";

import type { GraphAccess } from "../client/graph-access.ts";
import { ZGraphPresenceCollection, toTeamsView, type GraphPresence } from "./graph-presence.ts";

/** getPresencesByUserId takes at most 650 ids (and so does a bulk presence subscription). */
export const MAX_IDS_PER_REQUEST = 650;

/** Chunks read at once (each is one request). */
const READ_CONCURRENCY = 4;

export type ReadSource = "graph:poll" | "graph:reconcile" | "graph:notification";

export interface ReadResult {
  requests: number;
  read: number;
  changed: number;
}

/**
 * Reads people's presence with getPresencesByUserId (≤ 650 ids a request) and takes every change
 * into the pipeline as an observation whose version is Graph's sequenceNumber. A change is a
 * sequenceNumber this process has not taken in yet for that person (kept in memory: after a restart
 * the first read takes everyone in once, and the pipeline drops what did not change); the
 * observation's event id (person + sequenceNumber) also makes a poll and a notification that saw the
 * same version — on any replica — one observation. Nothing is filtered beyond that: echoes and order
 * are the pipeline's business.
 */
export class PresenceReader {
  readonly #seen = new Map<string, string>();

  constructor(
    private readonly graph: GraphAccess,
    private readonly db: DbClient,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async read(tenantId: string, userIds: readonly string[], source: ReadSource): Promise<ReadResult> {
    const chunks = chunk([...new Set(userIds.map((id) => id.toLowerCase()))], MAX_IDS_PER_REQUEST);
    const result: ReadResult = { requests: 0, read: 0, changed: 0 };
    await eachLimited(chunks, READ_CONCURRENCY, async (ids) => {
      result.requests += 1;
      const presences = await this.fetch(ids);
      result.read += presences.length;
      result.changed += await this.takeIn(tenantId, presences, source);
    });
    return result;
  }

  private async fetch(ids: readonly string[]): Promise<GraphPresence[]> {
    const body = await this.graph.appCall(`getPresencesByUserId (${ids.length} people)`, (client) =>
      client.api("/communications/getPresencesByUserId").post({ ids }),
    );
    const parsed = ZGraphPresenceCollection.safeParse(body);
    if (!parsed.success) {
      this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "unexpected getPresencesByUserId answer");
      return [];
    }
    return parsed.data.value;
  }

  /** Stores the presences whose sequenceNumber is new here, in one transaction. */
  private async takeIn(
    tenantId: string,
    presences: readonly GraphPresence[],
    source: ReadSource,
  ): Promise<number> {
    const observedAt = this.now();
    const fresh = presences.filter((p) => {
      const version = p.sequenceNumber ?? "";
      return version === "" || this.#seen.get(key(tenantId, p.id)) !== version;
    });
    const jobs = fresh.map((presence) => {
      const userId = presence.id.toLowerCase();
      const version = presence.sequenceNumber ?? "";
      return {
        subject: { side: "teams" as const, tenantId, userId },
        facets: toTeamsView(presence),
        version,
        observedAt,
        source,
        ...(version === "" ? {} : { eventId: `presence:${tenantId}:${userId}:${version}` }),
      };
    });
    const results = await enqueueObservations(this.db, jobs);
    for (const job of jobs)
      if (job.version !== "") this.#seen.set(key(tenantId, job.subject.userId), job.version);
    const changed = results.filter((r) => r === "enqueued").length;
    if (changed > 0) this.graph.metrics.observed.inc({ source }, changed);
    if (results.length > changed)
      this.graph.metrics.observed.inc({ source: `${source}:duplicate` }, results.length - changed);
    return changed;
  }
}

function key(tenantId: string, userId: string): string {
  return `${tenantId}:${userId.toLowerCase()}`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure is rethrown once all settled. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(lanes);
  if (failure) throw failure.error;
}
