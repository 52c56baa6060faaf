import { describe, expect, it } from "vitest";

import { checkEnvironment } from "./environment-checks.ts";
import { checkSides } from "./side-checks.ts";

describe("checkEnvironment", () => {
  it("names each invalid variable in parseEnv's words, never its value, and keeps going with the rest", () => {
    const { results, config, invalid } = checkEnvironment({
      PORT: "abc",
      LOG_LEVEL: "chatty",
      ADMIN_API_TOKEN: "short-secret",
      DATABASE_URL: "mysql://db/x",
      SLACK_BRIDGE_PORT: "3101",
      GRAPH_READ_MODE: " ",
    });
    expect(results.map((r) => `${r.status} ${r.check}`).sort()).toEqual([
      "fail ADMIN_API_TOKEN",
      "fail DATABASE_URL",
      "fail LOG_LEVEL",
      "fail PORT",
    ]);
    expect(results.find((r) => r.check === "PORT")).toMatchObject({
      message: "Invalid input: expected number, received NaN",
      fix: expect.stringMatching(/unset it to use the default \(3000\)/),
    });
    expect(results.find((r) => r.check === "DATABASE_URL")?.message).toBe("must be a postgres:// URL");
    expect(JSON.stringify(results)).not.toContain("short-secret");
    expect([...invalid].sort()).toEqual(["ADMIN_API_TOKEN", "DATABASE_URL", "LOG_LEVEL", "PORT"]);
    // Invalid ones fall back to their defaults; valid ones are used; blank counts as unset.
    expect(config).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: "info",
      SLACK_BRIDGE_PORT: 3101,
      GRAPH_READ_MODE: "poll",
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("all valid: one ok line; a variable no app reads but spelled like ours: a warning", () => {
    const { results } = checkEnvironment({
      PORT: "3000",
      SLACK_CLIENTID: "x",
      GRAPH_EMULATOR_PORT: "1",
      HOME: "/",
    });
    expect(results.map((r) => [r.status, r.check])).toEqual([
      ["ok", "variables"],
      ["warn", "SLACK_CLIENTID"],
    ]);
  });
});

describe("checkSides", () => {
  const sides = (env: NodeJS.ProcessEnv) => checkSides(checkEnvironment(env).config);

  it("nothing set: neither side configured (the demo)", () => {
    const { results, slack, microsoft } = sides({});
    expect(slack).toBeNull();
    expect(microsoft).toBeNull();
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ["warn", expect.stringMatching(/^not configured: .*without Slack \(zero-config demo\)/)],
      ["warn", expect.stringMatching(/^not configured: .*without Microsoft \(zero-config demo\)/)],
    ]);
  });

  it("a side configured in part: every missing variable named", () => {
    const { results, microsoft } = sides({
      SLACK_CLIENT_ID: "1.2",
      AZURE_TENANT_ID: "t",
      GRAPH_SESSION_EXPIRY_MINUTES: "5",
      GRAPH_SESSION_REFRESH_SECONDS: "300",
    });
    expect(results[0]).toMatchObject({
      status: "fail",
      message:
        "configured only in part: SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode), PUBLIC_BASE_URL are required but not set",
    });
    expect(results[1]?.status).toBe("fail");
    expect(results[1]?.message).toContain("AZURE_CLIENT_ID is required but not set");
    expect(results[1]?.message).toContain(
      "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required",
    );
    expect(results[1]?.message).toContain("GRAPH_SESSION_REFRESH_SECONDS must be less than");
    expect(microsoft?.app).toBeNull();
  });

  it("an unreadable certificate is named; Socket Mode needs no signing secret", () => {
    const { results } = sides({
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "s",
      SLACK_APP_TOKEN: "xapp-1-abc",
      PUBLIC_BASE_URL: "https://bridge.example.com",
      AZURE_TENANT_ID: "t",
      AZURE_CLIENT_ID: "c",
      AZURE_CLIENT_CERTIFICATE_PATH: "/nonexistent/bridge.pem",
    });
    expect(results[0]).toMatchObject({ status: "ok", message: expect.stringMatching(/Socket Mode/) });
    expect(results[1]).toMatchObject({
      status: "fail",
      message: "AZURE_CLIENT_CERTIFICATE_PATH: cannot read /nonexistent/bridge.pem",
    });
  });
});
