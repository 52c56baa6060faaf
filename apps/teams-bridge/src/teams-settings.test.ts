import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseEnv } from "@presence/config";
import { startGraphEmulator } from "@presence/graph-emulator";
import { generateAppCertificate } from "@presence/graph-emulator/testing";
import { createLogger } from "@presence/telemetry";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";

import { ZTeamsBridgeConfig } from "./env.ts";
import { GraphAccess } from "./client/graph-access.ts";
import { createGraphMetrics } from "./client/graph-metrics.ts";
import { hasMicrosoftIdentity, resolveTeamsSettings } from "./teams-settings.ts";

const identity = {
  AZURE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
  AZURE_CLIENT_ID: "22222222-2222-4222-8222-222222222222",
  AZURE_CLIENT_SECRET: "secret",
};
const config = (env: Record<string, string>) => parseEnv(ZTeamsBridgeConfig, env);

describe("Teams bridge settings", () => {
  it("has production-safe defaults for every timing", () => {
    const settings = resolveTeamsSettings(config(identity));
    expect(settings).toMatchObject({
      authorityHost: "https://login.microsoftonline.com",
      graphBaseUrl: "https://graph.microsoft.com",
      defaultReadMode: "poll",
      cloud: { name: "Global", presence: true },
    });
    expect(settings.timing).toEqual({
      pollIntervalMs: 15_000,
      reconcileIntervalMs: 30_000,
      readBudgetPer30s: 600,
      subscriptionLifetimeMinutes: 60,
      subscriptionRenewFraction: 0.5,
      subscriptionCheckIntervalMs: 300_000,
      sessionExpiryMinutes: 60,
      sessionRefreshMs: 2_700_000,
      keepAliveIntervalMs: 270_000,
      holdRefreshTickMs: 30_000,
      directorySyncMs: 21_600_000,
      outlookReadIntervalMs: 900_000,
      outlookLookAheadMs: 86_400_000,
    });
  });

  it("names every missing or inconsistent setting", () => {
    expect(() => resolveTeamsSettings(config({ AZURE_TENANT_ID: identity.AZURE_TENANT_ID }))).toThrow(
      /AZURE_CLIENT_ID: is required[\s\S]*AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/,
    );
    expect(() =>
      resolveTeamsSettings(
        config({ ...identity, GRAPH_SESSION_EXPIRY_MINUTES: "10", GRAPH_SESSION_REFRESH_SECONDS: "600" }),
      ),
    ).toThrow(/GRAPH_SESSION_REFRESH_SECONDS: must be less than/);
    expect(() => config({ ...identity, GRAPH_RECONCILE_INTERVAL_SECONDS: "60" })).toThrow(
      /GRAPH_RECONCILE_INTERVAL_SECONDS/,
    );
    expect(() => config({ ...identity, GRAPH_KEEPALIVE_INTERVAL_SECONDS: "300" })).toThrow(
      /GRAPH_KEEPALIVE_INTERVAL_SECONDS/,
    );
    expect(() => config({ ...identity, GRAPH_BASE_URL: "http://graph.example" })).toThrow(
      /GRAPH_BASE_URL: must be an https URL/,
    );
  });

  it("knows the national clouds, and refuses China, which has no presence APIs", () => {
    const gcc = resolveTeamsSettings(
      config({
        ...identity,
        AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us",
        GRAPH_BASE_URL: "https://graph.microsoft.us",
      }),
    );
    expect(gcc.cloud.name).toBe("US Government L4 (GCC High)");
    expect(
      resolveTeamsSettings(
        config({
          ...identity,
          AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us",
          GRAPH_BASE_URL: "https://dod-graph.microsoft.us/",
        }),
      ).cloud.name,
    ).toBe("US Government L5 (DoD)");
    expect(() =>
      resolveTeamsSettings(
        config({
          ...identity,
          AZURE_AUTHORITY_HOST: "https://login.chinacloudapi.cn",
          GRAPH_BASE_URL: "https://microsoftgraph.chinacloudapi.cn",
        }),
      ),
    ).toThrow(/China \(21Vianet\) has no presence APIs/);
  });

  it("runs the demo only when no Microsoft identity is configured at all", () => {
    expect(hasMicrosoftIdentity(config({}))).toBe(false);
    expect(hasMicrosoftIdentity(config({ AZURE_CLIENT_ID: identity.AZURE_CLIENT_ID }))).toBe(true);
  });
});

describe("app credential", () => {
  it("signs in with a certificate (client assertion) read from AZURE_CLIENT_CERTIFICATE_PATH", async () => {
    const emulator = await startGraphEmulator();
    try {
      const certificate = await generateAppCertificate();
      const tenant = emulator.control.createTenant({ domain: "fabrikam.onmicrosoft.com" });
      const app = emulator.control.createApp({
        tenantId: tenant.id,
        certificatePem: certificate.certPem,
        applicationPermissions: ["Presence.Read.All"],
      });
      const path = join(mkdtempSync(join(tmpdir(), "teams-bridge-")), "app.pem");
      writeFileSync(path, `${certificate.privateKeyPem}\n${certificate.certPem}`);
      const settings = resolveTeamsSettings(
        config({
          AZURE_TENANT_ID: tenant.id,
          AZURE_CLIENT_ID: app.clientId,
          AZURE_CLIENT_CERTIFICATE_PATH: path,
          AZURE_AUTHORITY_HOST: emulator.url,
          GRAPH_BASE_URL: emulator.url,
        }),
      );
      expect(settings.cloud.name).toBe("custom");
      const graph = new GraphAccess(
        settings,
        createLogger({ service: "test", level: "silent" }),
        createGraphMetrics(new Registry()),
        emulator.ca,
      );
      expect(await graph.appToken()).toMatch(/^eyJ/);
      const token = emulator.control.requests({ surface: "entra" }).find((r) => r.path.endsWith("/token"));
      expect(token).toMatchObject({ status: 200, appId: app.clientId });
      // msal asked nothing of the public cloud (knownAuthorities = the configured authority host).
      expect(emulator.control.requests().every((r) => r.host.startsWith("127.0.0.1"))).toBe(true);
      await graph.close();
    } finally {
      await emulator.close();
    }
  });

  it("refuses a certificate file without its private key, and a wrong client secret as a configuration error", async () => {
    const certificate = await generateAppCertificate();
    const path = join(mkdtempSync(join(tmpdir(), "teams-bridge-")), "cert-only.pem");
    writeFileSync(path, certificate.certPem);
    expect(() =>
      resolveTeamsSettings(
        config({ ...identity, AZURE_CLIENT_SECRET: "", AZURE_CLIENT_CERTIFICATE_PATH: path }),
      ),
    ).toThrow(/must hold a PEM certificate and its unencrypted private key/);
    const emulator = await startGraphEmulator();
    try {
      const tenant = emulator.control.createTenant({});
      const app = emulator.control.createApp({
        tenantId: tenant.id,
        clientSecret: "right",
        applicationPermissions: ["Presence.Read.All"],
      });
      const settings = resolveTeamsSettings(
        config({
          AZURE_TENANT_ID: tenant.id,
          AZURE_CLIENT_ID: app.clientId,
          AZURE_CLIENT_SECRET: "wrong",
          AZURE_AUTHORITY_HOST: emulator.url,
          GRAPH_BASE_URL: emulator.url,
        }),
      );
      const graph = new GraphAccess(
        settings,
        createLogger({ service: "test", level: "silent" }),
        createGraphMetrics(new Registry()),
        emulator.ca,
      );
      await expect(graph.appToken()).rejects.toMatchObject({ code: "config" });
      await graph.close();
    } finally {
      await emulator.close();
    }
  });
});
