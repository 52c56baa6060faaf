import { createTestDatabase, type TestDatabase } from "@presence/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ObserveJob } from "../jobs.ts";
import { enqueueObservations } from "./enqueue.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const job = (userId: string, eventId?: string): ObserveJob => ({
  subject: { side: "teams", tenantId: "11111111-1111-4111-8111-111111111111", userId },
  facets: { presence: { availability: "Busy", activity: "InACall" } },
  version: "00000000000000000001",
  observedAt: Date.now(),
  source: "test",
  ...(eventId ? { eventId } : {}),
});

describe("enqueueObservations", () => {
  it("stores many observations in one transaction, dropping event ids already taken in", async () => {
    expect(await enqueueObservations(t.db, [job("a", "e1"), job("b", "e2"), job("c")])).toEqual([
      "enqueued",
      "enqueued",
      "enqueued",
    ]);
    expect(await enqueueObservations(t.db, [job("a", "e1"), job("d", "e4"), job("d", "e4")])).toEqual([
      "duplicate",
      "enqueued",
      "duplicate",
    ]);
    const [row] = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'observe'`;
    expect(row?.n).toBe(4n);
    expect(await enqueueObservations(t.db, [])).toEqual([]);
  });

  it("stores nothing when one observation is invalid", async () => {
    await expect(
      enqueueObservations(t.db, [job("x", "e9"), { ...job("y"), version: 7 as never }]),
    ).rejects.toThrow();
    expect(await t.db.inboundEvent.count({ where: { eventId: "e9" } })).toBe(0);
  });
});
