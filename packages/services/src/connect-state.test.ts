import { generateEncryptionKey, parseKeyRing } from "@presence/db";
import { describe, expect, it } from "vitest";

import {
  createConnectState,
  issueConnectLink,
  readConnectState,
  redeemConnectLink,
} from "./connect-state.ts";

const ring = parseKeyRing(generateEncryptionKey());

describe("connect links", () => {
  it("round-trips who the person is", () => {
    const token = createConnectState(
      ring,
      { connect: "microsoft", slack: { teamId: "T1", userId: "U1" } },
      60_000,
      1000,
    );
    expect(readConnectState(ring, token, 2000)).toMatchObject({
      connect: "microsoft",
      slack: { teamId: "T1", userId: "U1" },
      exp: 61_000,
    });
  });
  it("refuses a tampered, foreign-key or expired token", () => {
    const token = createConnectState(ring, { connect: "slack" }, 60_000, 1000);
    const [body, mac] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ connect: "slack", exp: 9e15, slack: { teamId: "T1", userId: "UEVIL" } }),
    ).toString("base64url");
    expect(() => readConnectState(ring, `${forged}.${mac}`, 2000)).toThrow(/not valid/);
    expect(() => readConnectState(parseKeyRing(generateEncryptionKey()), token, 2000)).toThrow(/not valid/);
    expect(() => readConnectState(ring, token, 70_000)).toThrow(/expired/);
    expect(() => readConnectState(ring, `${body}`, 2000)).toThrow(/Malformed/);
  });
});

describe("single-use connect links", () => {
  it("work once: the nonce is kept server-side and taken when the link is opened", async () => {
    const { createTestDatabase } = await import("@presence/db/testing");
    const t = await createTestDatabase();
    try {
      const token = await issueConnectLink(t.db, ring, { connect: "slack" });
      expect((await redeemConnectLink(t.db, ring, token)).connect).toBe("slack");
      await expect(redeemConnectLink(t.db, ring, token)).rejects.toThrow(/already used/);
      const neverIssued = createConnectState(ring, { connect: "slack", nonce: "x".repeat(32) });
      await expect(redeemConnectLink(t.db, ring, neverIssued)).rejects.toThrow(/already used/);
    } finally {
      await t.drop();
    }
  });
});
