import { createHash } from "node:crypto";

/** Queues the jobs of one link are spread over (per kind): enough to keep every worker busy. */
export const SHARED_QUEUES = 64;

/**
 * A graphile-worker queue shared by many links: jobs in one queue run one at a time, so every job of a
 * link (hashed to one of SHARED_QUEUES queues) still runs one at a time. A queue per link would be
 * simpler, but graphile-worker keeps a row per queue and its job fetch locks every available one: with
 * 10,000 people each fetch took 25 ms (docs/performance.md).
 */
export function sharedQueue(prefix: string, key: string): string {
  const bucket = createHash("sha1").update(key).digest().readUInt32BE(0) % SHARED_QUEUES;
  return `${prefix}:${bucket}`;
}
