import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { ZAdminEnv } from "@presence/admin";
import { ZSlackBridgeEnv } from "@presence/slack-bridge";
import { ZTeamsBridgeEnv } from "@presence/teams-bridge";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { ZAllInOneEnv } from "./env.ts";

// Docker cannot run on the project's machines; these static checks keep docker-compose.yml, the Dockerfile and
// .env.example true to the code: services, commands, variable names, ports and health checks.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");

interface Service {
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
}
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service> };

const APPS = {
  "slack-bridge": { pkg: "@presence/slack-bridge", schema: ZSlackBridgeEnv, portVar: "SLACK_BRIDGE_PORT" },
  "teams-bridge": { pkg: "@presence/teams-bridge", schema: ZTeamsBridgeEnv, portVar: "TEAMS_BRIDGE_PORT" },
  admin: { pkg: "@presence/admin", schema: ZAdminEnv, portVar: "ADMIN_PORT" },
} as const;

describe("docker-compose.yml", () => {
  it("has Postgres with a health check, and the three apps", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "admin",
      "postgres",
      "slack-bridge",
      "teams-bridge",
    ]);
    expect(compose.services.postgres?.image).toMatch(/^postgres:1[5-9]/);
    expect(compose.services.postgres?.healthcheck?.test.join(" ")).toContain("pg_isready");
  });

  it.each(Object.entries(APPS))(
    "%s: builds this repository, runs its app, knows every variable it sets",
    (name, app) => {
      const service = compose.services[name];
      if (!service) throw new Error(`service ${name} missing`);
      expect(service.build).toEqual({ context: ".", dockerfile: "Dockerfile" });
      expect(existsSync(`${ROOT}Dockerfile`)).toBe(true);
      expect(service.command).toEqual(["pnpm", "--filter", app.pkg, "start"]);
      const pkg = JSON.parse(read(`apps/${name}/package.json`)) as {
        name: string;
        scripts: Record<string, string>;
      };
      expect(pkg.name).toBe(app.pkg);
      expect(pkg.scripts.start).toBeDefined();
      const known = Object.keys(app.schema.shape);
      for (const variable of Object.keys(service.environment ?? {}))
        expect(known, `${name} sets ${variable}`).toContain(variable);
      expect(service.environment).toHaveProperty("DATABASE_URL");
      expect(service.environment?.TOKEN_ENCRYPTION_KEY).toMatch(/:\?/);
      expect(service.depends_on?.postgres?.condition).toBe("service_healthy");
      const port = service.environment?.[app.portVar];
      expect(port).toMatch(/^\d+$/);
      expect(service.healthcheck?.test.join(" ")).toContain(`http://127.0.0.1:${port}/readyz`);
      expect(service.ports?.some((p) => p.endsWith(`:${port}`))).toBe(true);
    },
  );

  it("keeps the admin app off public interfaces", () => {
    expect(compose.services.admin?.ports).toEqual(["127.0.0.1:3000:3000"]);
  });
});

describe("Dockerfile", () => {
  it("copies every workspace and installs from the lockfile, on a Node LTS image", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:(22|24)/m);
    for (const dir of ["apps", "packages", "tooling", "prisma"]) expect(dockerfile).toContain(`./${dir}`);
    expect(dockerfile).toContain("pnpm install --frozen-lockfile");
    const pnpmVersion = (JSON.parse(read("package.json")) as { packageManager: string }).packageManager.split(
      "@",
    )[1];
    expect(dockerfile).toContain(`pnpm@${pnpmVersion}`);
  });
});

describe(".env.example", () => {
  it("lists only variables some app understands", () => {
    const known = new Set([
      ...Object.keys(ZAllInOneEnv.shape),
      ...Object.values(APPS).flatMap((a) => Object.keys(a.schema.shape)),
      "POSTGRES_PASSWORD",
    ]);
    const names = [...read(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(known, name ?? "").toContain(name);
  });
});
