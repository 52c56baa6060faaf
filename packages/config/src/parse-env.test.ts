import { describe, expect, it } from "vitest";
import { z } from "zod";

import { azureEnv, commonEnv, slackEnv } from "./fragments.ts";
import { parseEnv } from "./parse-env.ts";

const schema = z.object({ ...commonEnv, ...slackEnv, ...azureEnv, PORT: z.coerce.number().int().min(1) });

describe("parseEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv(schema, { PORT: "3000", DATABASE_URL: "", SLACK_API_URL: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SLACK_API_URL).toBe("https://slack.com/api/");
    expect(env.GRAPH_BASE_URL).toBe("https://graph.microsoft.com");
    expect(env.EMBEDDED_DATABASE_PORT).toBe(54_329);
    expect(env.TOKEN_ENCRYPTION_OLD_KEYS).toEqual([]);
  });

  it("names every missing or invalid variable", () => {
    expect(() =>
      parseEnv(schema, {
        DATABASE_URL: "mysql://db",
        SLACK_APP_TOKEN: "xoxb-not-app-level",
        GRAPH_BASE_URL: "http://graph.example",
        LOG_LEVEL: "loud",
      }),
    ).toThrow(
      /Invalid configuration:\n(?=[\s\S]*DATABASE_URL: must be a postgres:\/\/ URL)(?=[\s\S]*SLACK_APP_TOKEN: must be an app-level token)(?=[\s\S]*GRAPH_BASE_URL: must be an https URL)(?=[\s\S]*LOG_LEVEL)(?=[\s\S]*PORT: is required but not set)/,
    );
  });

  it("reads per-method Slack rate limits and names a malformed entry", () => {
    expect(
      parseEnv(schema, { PORT: "1", SLACK_METHOD_RATE_LIMITS: "users.profile.set=100, dnd.setSnooze=5" })
        .SLACK_METHOD_RATE_LIMITS,
    ).toEqual({ "users.profile.set": 100, "dnd.setSnooze": 5 });
    expect(parseEnv(schema, { PORT: "1" }).SLACK_METHOD_RATE_LIMITS).toEqual({});
    expect(() => parseEnv(schema, { PORT: "1", SLACK_METHOD_RATE_LIMITS: "users.profile.set=0" })).toThrow(
      /SLACK_METHOD_RATE_LIMITS: "users.profile.set=0" is not method=calls/,
    );
  });

  it("splits the old-keys list", () => {
    expect(
      parseEnv(schema, { PORT: "1", TOKEN_ENCRYPTION_OLD_KEYS: "a, b,,c" }).TOKEN_ENCRYPTION_OLD_KEYS,
    ).toEqual(["a", "b", "c"]);
  });
});
