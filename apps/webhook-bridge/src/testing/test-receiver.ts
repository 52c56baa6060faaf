import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import express from "express";

import { verifyWebhookSignature } from "../contract/signature.ts";

/** One delivery as a third-party system saw it, after checking its signature as the contract says. */
export interface Received {
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
  at: number;
}

export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number };

/** A third-party system: verifies every delivery's signature and answers as scripted (then 200). */
export interface TestReceiver {
  url: string;
  received: Received[];
  /** The answers to give, in order; once used up, 200. */
  answers: Answer[];
  /** Called when a delivery arrives, before it is answered. */
  onDelivery?: (received: Received) => Promise<void>;
  close(): Promise<void>;
}

/** `secret` may be a function: a connection's secret is known only once it is created with the receiver's URL. */
export async function startTestReceiver(secret: string | (() => string)): Promise<TestReceiver> {
  const secretOf = typeof secret === "string" ? () => secret : secret;
  const app = express();
  const receiver: TestReceiver = {
    url: "",
    received: [],
    answers: [],
    close: async () => undefined,
  };
  app.post("/hook", express.raw({ type: () => true }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const timestamp = String(req.headers["x-presence-timestamp"] ?? "");
    const received: Received = {
      body: JSON.parse(raw.toString("utf8")) as Record<string, unknown>,
      headers: req.headers,
      signatureValid: verifyWebhookSignature(
        secretOf(),
        timestamp,
        raw,
        String(req.headers["x-presence-signature"] ?? ""),
      ),
      at: Date.now(),
    };
    receiver.received.push(received);
    await receiver.onDelivery?.(received);
    const answer = receiver.answers.shift() ?? { status: 200 };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    res
      .status(answer.status)
      .set(answer.headers ?? {})
      .json({ ok: answer.status < 300 });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return receiver;
}
