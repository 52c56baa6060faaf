import { BridgeError } from "@presence/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLink } from "../repositories/links.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { classified, classifyDbError } from "./classify-db-error.ts";

const TENANT = "11111111-1111-4111-8111-111111111111";
const entra = (n: number) => `22222222-2222-4222-8222-${String(n).padStart(12, "0")}`;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof BridgeError ? error.code : `not a BridgeError: ${String(error)}`),
  );

describe("store errors as BridgeErrors", () => {
  it("two callers linking the same Slack account at once: one link, the other a conflict (not a 500)", async () => {
    const attempts = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        codeOf(
          createLink(t.db, {
            slackTeamId: "T0RACE",
            slackUserId: "U0RACE",
            tenantId: TENANT,
            entraUserId: entra(n),
          }),
        ),
      ),
    );
    expect(attempts.filter((a) => a === "resolved")).toHaveLength(1);
    expect(attempts.filter((a) => a === "conflict")).toHaveLength(3);
    expect(await t.db.link.count({ where: { slackUserId: "U0RACE" } })).toBe(1);
  });

  it("a unique violation from a raw query is a conflict, a missing record not_found, anything else internal", async () => {
    await t.db
      .$executeRaw`INSERT INTO "AdminPrincipal" ("id", "kind", "value", "addedBy") VALUES ('dup', 'email', 'a@b.test', 'test')`;
    const duplicate = classified(
      "Adding",
      () =>
        t.db
          .$executeRaw`INSERT INTO "AdminPrincipal" ("id", "kind", "value", "addedBy") VALUES ('dup', 'email', 'c@d.test', 'test')`,
    );
    expect(await codeOf(duplicate)).toBe("conflict");
    const missing = classified("Renaming", () =>
      t.db.link.update({ where: { id: "00000000-0000-4000-8000-000000000000" }, data: { displayName: "x" } }),
    );
    expect(await codeOf(missing)).toBe("not_found");
    expect(classifyDbError(new Error("boom"), "Anything").code).toBe("internal");
    const mine = new BridgeError("invalid_input", "kept");
    expect(classifyDbError(mine, "Anything")).toBe(mine);
  });
});
