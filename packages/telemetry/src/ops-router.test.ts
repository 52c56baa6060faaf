import type { AddressInfo } from "node:net";

import express from "express";
import { Registry } from "prom-client";
import { expect, it } from "vitest";

import { createOpsRouter } from "./ops-router.ts";

it("/readyz names the failing check but never its error text (which goes to the logs)", async () => {
  const logged: string[] = [];
  const app = express().use(
    createOpsRouter({
      registry: new Registry(),
      checks: [
        { name: "database", check: async () => undefined },
        {
          name: "microsoft-entra",
          check: async () => {
            throw new Error("connect ECONNREFUSED 10.1.2.3:443 as user svc-bridge@contoso.com");
          },
        },
      ],
      onFailure: (check, error) => logged.push(`${check}: ${error}`),
    }),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      status: "not_ready",
      checks: [
        { name: "database", ok: true },
        { name: "microsoft-entra", ok: false },
      ],
    });
    expect(text).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|svc-bridge/);
    expect(logged).toEqual([
      "microsoft-entra: connect ECONNREFUSED 10.1.2.3:443 as user svc-bridge@contoso.com",
    ]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
