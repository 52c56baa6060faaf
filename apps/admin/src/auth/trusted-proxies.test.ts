import { afterEach, describe, expect, it } from "vitest";

import { resolveAdminSettings } from "../admin-settings.ts";
import { startAdminWorld, type AdminWorld } from "../testing/admin-world.ts";

let w: AdminWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** The statuses of `count` sign-in starts claiming to come from `client` through a proxy. */
async function attempts(world: AdminWorld, client: string, count: number): Promise<number[]> {
  const browser = world.browser();
  const statuses: number[] = [];
  for (let i = 0; i < count; i++)
    statuses.push(
      (await browser.request("GET", "/auth/microsoft", { headers: { "x-forwarded-for": client } })).status,
    );
  return statuses;
}

describe("the sign-in rate limit behind a reverse proxy (ADMIN_TRUSTED_PROXIES)", () => {
  it("counts per browser when the proxy is trusted: one client's attempts never lock the others out", async () => {
    w = await startAdminWorld({ config: { ADMIN_TRUSTED_PROXIES: ["loopback"] } });
    const first = await attempts(w, "203.0.113.7", 31);
    expect(first.slice(0, 30).every((status) => status === 302)).toBe(true);
    expect(first[30]).toBe(429);
    expect(await attempts(w, "198.51.100.9", 1)).toEqual([302]);
  });

  it("ignores X-Forwarded-For from a peer that is not trusted: spoofed addresses do not reset the count", async () => {
    w = await startAdminWorld();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push(...(await attempts(w, `203.0.113.${i + 1}`, 1)));
    expect(statuses.slice(0, 30).every((status) => status === 302)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("names the variable when an entry is no address, range or known name", () => {
    const config = {
      ADMIN_ALLOWED_HOSTS: [],
      ADMIN_TRUSTED_PROXIES: ["10.0.0.0/8", "not-an-address"],
      ADMIN_SESSION_HOURS: 12,
      ADMIN_SESSION_IDLE_MINUTES: 120,
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.com",
      SLACK_API_URL: "https://slack.com/api/",
      SLACK_AUTHORIZE_URL: "https://slack.com/oauth/v2/authorize",
    };
    expect(() => resolveAdminSettings(config, "http://127.0.0.1:3000", false)).toThrow(
      /ADMIN_TRUSTED_PROXIES: .*not-an-address/,
    );
    expect(
      resolveAdminSettings(
        { ...config, ADMIN_TRUSTED_PROXIES: ["loopback", "10.0.0.0/8"] },
        "http://127.0.0.1:3000",
        false,
      ).trustedProxies,
    ).toEqual(["loopback", "10.0.0.0/8"]);
  });
});
