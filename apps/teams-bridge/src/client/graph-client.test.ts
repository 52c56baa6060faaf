import { startGraphEmulator } from "@presence/graph-emulator";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";

import { createGraphClient, operationOf } from "./graph-client.ts";
import { createGraphMetrics } from "./graph-metrics.ts";
import { createDispatcher } from "@presence/entra";

describe("the Graph client", () => {
  it("never sends a request (or its token) outside GRAPH_BASE_URL, and does not retry", async () => {
    const emulator = await startGraphEmulator();
    const dispatcher = createDispatcher(emulator.ca);
    let tokens = 0;
    const metrics = createGraphMetrics(new Registry());
    const client = createGraphClient({
      graphBaseUrl: emulator.url,
      getAccessToken: async () => {
        tokens += 1;
        return "not-a-real-token";
      },
      dispatcher,
      metrics,
      principal: "app",
    });
    try {
      const elsewhere = new URL(emulator.url);
      elsewhere.hostname = "localhost"; // the same server under another name: still not the configured origin
      await expect(client.api(`${elsewhere.origin}/v1.0/users`).get()).rejects.toThrow(/outside/);
      expect(tokens).toBe(0);
      expect(emulator.control.requests()).toEqual([]);

      emulator.control.injectFault({ target: "users", status: 503, count: 5 });
      await expect(client.api("/users").get()).rejects.toMatchObject({ statusCode: 503 });
      expect(emulator.control.requests({ surface: "graph" })).toHaveLength(1); // no RetryHandler
      expect(tokens).toBe(1);
      const counted = await metrics.requests.get();
      expect(counted.values).toContainEqual(
        expect.objectContaining({
          labels: { operation: "users", principal: "app", status: "503" },
          value: 1,
        }),
      );
    } finally {
      await dispatcher.close();
      await emulator.close();
    }
  });

  it("names operations without ids", () => {
    expect(operationOf("/v1.0/users/fa8bf3dc-eca7-46b7-bad1-db199b62afc3/presence/setPresence")).toBe(
      "users/{id}/presence/setPresence",
    );
    expect(operationOf("/v1.0/communications/getPresencesByUserId")).toBe(
      "communications/getPresencesByUserId",
    );
  });
});
