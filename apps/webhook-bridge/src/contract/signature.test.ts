import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { signWebhook, verifyWebhookSignature } from "./signature.ts";

// The worked example of docs/webhook-spoke.md ("Signatures"): the doc must show exactly these values.
const EXAMPLE = {
  secret: "3c5a7e9b1d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a2c",
  timestamp: "1796397344",
  body: '{"person":{"email":"ada@contoso.com"},"state":{"availability":"busy","activity":"inACall","until":null},"occurredAt":"2026-12-04T15:15:44Z"}',
  signature: "v1=2924b38da9aa966c4022fbed9ac4332a3e17aa7f276418992cfec29912379502",
};

describe("the webhook signature", () => {
  it("computes the documented worked example", () => {
    expect(signWebhook(EXAMPLE.secret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
    const doc = readFileSync(new URL("../../../../docs/webhook-spoke.md", import.meta.url), "utf8");
    for (const value of Object.values(EXAMPLE)) expect(doc).toContain(value);
  });

  it("verifies only the same secret, timestamp and bytes", () => {
    const { secret, timestamp, body, signature } = EXAMPLE;
    expect(verifyWebhookSignature(secret, timestamp, body, signature)).toBe(true);
    expect(
      verifyWebhookSignature(
        secret,
        timestamp,
        Buffer.from(body),
        signature.toUpperCase().replace("V1=", "v1="),
      ),
    ).toBe(true);
    expect(verifyWebhookSignature(`${secret}x`, timestamp, body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, "1796397345", body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, body, signature.slice(0, -2))).toBe(false);
    expect(verifyWebhookSignature(secret, timestamp, body, "")).toBe(false);
  });

  it("accepts any of several signatures (a sender changing secrets)", () => {
    const { secret, timestamp, body, signature } = EXAMPLE;
    const other = signWebhook("the-next-secret", timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, body, `${other}, ${signature}`)).toBe(true);
    expect(verifyWebhookSignature(secret, timestamp, body, other)).toBe(false);
  });
});
