import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import {
  APP_INSTANCE_ALIVE_WITHIN_MS,
  claimOutage,
  releaseOrphanedJobs,
  reportAppInstance,
} from "./app-instances.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function report(id: string, workerIds: string[]) {
  return reportAppInstance(t.db, {
    id,
    service: "db-test",
    apps: ["probe"],
    hostname: "host",
    pid: 1,
    startedAt: new Date(),
    checks: { database: "ok" },
    workerIds,
  });
}

/** A queued job, locked by `workerId` `secondsAgo` seconds ago (as by a worker that took it then). */
async function lockedJob(workerId: string, secondsAgo: number): Promise<bigint> {
  const [job] = await t.db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.add_job('db_test', '{}'::json)`;
  if (!job) throw new Error("add_job returned nothing");
  await t.db.$executeRaw`
    UPDATE graphile_worker._private_jobs
    SET locked_by = ${workerId}, locked_at = now() - ${secondsAgo}::int * interval '1 second'
    WHERE id = ${job.id}`;
  return job.id;
}

async function lockedBy(id: bigint): Promise<string | null> {
  const [job] = await t.db.$queryRaw<{ locked_by: string | null }[]>`
    SELECT locked_by FROM graphile_worker.jobs WHERE id = ${id}`;
  return job?.locked_by ?? null;
}

describe("app instances and the jobs of dead ones", () => {
  it("stores the process's worker ids, seen at the database's time", async () => {
    await report("instance-stored", ["worker-a", "worker-b"]);
    await report("instance-stored", ["worker-a", "worker-c"]);
    const stored = await t.db.appInstance.findUniqueOrThrow({ where: { id: "instance-stored" } });
    expect(stored.workerIds).toEqual(["worker-a", "worker-c"]);
    expect(stored.checks).toEqual({ database: "ok" });
    const [db] = await t.db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    expect(Math.abs((db?.now.getTime() ?? 0) - stored.lastSeenAt.getTime())).toBeLessThan(5_000);
  });

  it("releases jobs held by workers of no live instance, and only those locked long enough", async () => {
    await report("instance-alive", ["worker-alive"]);
    await report("instance-dead", ["worker-dead"]);
    await t.db.$executeRaw`
      UPDATE "AppInstance" SET "lastSeenAt" = now() - interval '1 minute' WHERE "id" = 'instance-dead'`;
    const alive = await lockedJob("worker-alive", 60);
    const dead = await lockedJob("worker-dead", 60);
    const unknown = await lockedJob("worker-unknown", 60);
    const recent = await lockedJob("worker-recent", 2);

    const options = { aliveWithinMs: APP_INSTANCE_ALIVE_WITHIN_MS, lockedForMs: 15_000 };
    expect((await releaseOrphanedJobs(t.db, options)).sort()).toEqual(["worker-dead", "worker-unknown"]);
    expect(await lockedBy(alive)).toBe("worker-alive");
    expect(await lockedBy(dead)).toBeNull();
    expect(await lockedBy(unknown)).toBeNull();
    expect(await lockedBy(recent)).toBe("worker-recent");
    expect(await releaseOrphanedJobs(t.db, options)).toEqual([]);
  });

  it("claims an outage once: only when killed processes left their rows and no process alive lived through", async () => {
    const seen = (id: string, apps: string[], startedSecondsAgo: number, seenSecondsAgo: number) =>
      t.db.$executeRaw`
        INSERT INTO "AppInstance" ("id", "service", "apps", "hostname", "pid", "startedAt", "lastSeenAt")
        VALUES (${id}, 'db-test', ${apps}::text[], 'host', 1,
                now() - ${startedSecondsAgo}::int * interval '1 second',
                now() - ${seenSecondsAgo}::int * interval '1 second')`;
    const claim = () => claimOutage(t.db, "outage-app", { startedWithinMs: 30_000 });
    // Nothing left behind (clean stops): no outage.
    expect(await claim()).toBe(0);
    // A killed replica while another, up for an hour, is alive: it received everything.
    await seen("killed-1", ["outage-app"], 3600, 60);
    await seen("veteran", ["outage-app", "other"], 3600, 1);
    expect(await claim()).toBe(0);
    // Every old replica gone; the ones alive started after (a restart): the first caller claims the dead rows.
    await t.db
      .$executeRaw`UPDATE "AppInstance" SET "lastSeenAt" = now() - interval '1 minute' WHERE id = 'veteran'`;
    await seen("restarted", ["outage-app"], 20, 1);
    await seen("unrelated", ["other"], 3600, 60);
    const claims = await Promise.all([claim(), claim()]);
    expect(claims.sort()).toEqual([0, 2]);
    expect((await t.db.appInstance.findMany({ orderBy: { id: "asc" } })).map((i) => i.id)).toContain(
      "unrelated",
    );
    expect(await t.db.appInstance.count({ where: { id: { in: ["killed-1", "veteran"] } } })).toBe(0);
  });
});
