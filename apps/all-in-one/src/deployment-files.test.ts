import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { ZAdminEnv } from "@presence/admin";
import { BRIDGE_NODE_FLAGS } from "@presence/runtime";
import { ZSlackBridgeEnv } from "@presence/slack-bridge";
import { ZTeamsBridgeEnv } from "@presence/teams-bridge";
import { ZWebhookBridgeEnv } from "@presence/webhook-bridge";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { ZAllInOneEnv, ZDemoEmulatorsEnv } from "./env.ts";

// Docker cannot run on the project's machines; these static checks keep docker-compose.yml, the Dockerfile and
// .env.example true to the code: services, commands, variable names, ports and health checks.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");

interface Service {
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
  profiles?: string[];
  init?: boolean;
}
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service> };

const APPS = {
  "slack-bridge": { pkg: "@presence/slack-bridge", schema: ZSlackBridgeEnv, portVar: "SLACK_BRIDGE_PORT" },
  "teams-bridge": { pkg: "@presence/teams-bridge", schema: ZTeamsBridgeEnv, portVar: "TEAMS_BRIDGE_PORT" },
  "webhook-bridge": {
    pkg: "@presence/webhook-bridge",
    schema: ZWebhookBridgeEnv,
    portVar: "WEBHOOK_BRIDGE_PORT",
  },
  admin: { pkg: "@presence/admin", schema: ZAdminEnv, portVar: "ADMIN_PORT" },
} as const;

describe("docker-compose.yml", () => {
  it("has Postgres with a health check, a one-shot migration, the four apps, and the demo's emulators", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "admin",
      "emulators",
      "migrate",
      "postgres",
      "slack-bridge",
      "teams-bridge",
      "webhook-bridge",
    ]);
    expect(compose.services.postgres?.image).toMatch(/^\$\{POSTGRES_IMAGE:-postgres:1[5-9]/);
    expect(compose.services.postgres?.healthcheck?.test.join(" ")).toContain("pg_isready");
    const migrate = compose.services.migrate;
    expect(migrate?.command).toEqual(["presence", "migrate"]);
    expect(migrate?.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(compose.services.emulators?.profiles).toEqual(["demo"]);
    const known = Object.keys(ZDemoEmulatorsEnv.shape);
    for (const variable of Object.keys(compose.services.emulators?.environment ?? {}))
      expect(known, `emulators set ${variable}`).toContain(variable);
  });

  it.each(Object.entries(APPS))(
    "%s: runs its compiled app after the migration, knows every variable it sets, is published on 127.0.0.1 only",
    (name, app) => {
      const service = compose.services[name];
      if (!service) throw new Error(`service ${name} missing`);
      expect(service.build).toMatchObject({ context: ".", dockerfile: "Dockerfile" });
      // A bridge runs with the V8 flags that keep its memory down (@presence/runtime's BRIDGE_NODE_FLAGS).
      const flags = name.endsWith("-bridge") ? BRIDGE_NODE_FLAGS : [];
      expect(service.command).toEqual(["node", ...flags, `apps/${name}/dist/main.js`]);
      const pkg = JSON.parse(read(`apps/${name}/package.json`)) as {
        name: string;
        scripts: Record<string, string>;
      };
      expect(pkg.name).toBe(app.pkg);
      expect(pkg.scripts.build).toContain("tsc -p tsconfig.build.json");
      const known = Object.keys(app.schema.shape);
      for (const variable of Object.keys(service.environment ?? {}))
        expect(known, `${name} sets ${variable}`).toContain(variable);
      expect(service.environment).toHaveProperty("DATABASE_URL");
      expect(service.environment?.TOKEN_ENCRYPTION_KEY).toMatch(/:\?/);
      expect(service.environment?.MIGRATE_ON_START).toBe("false");
      expect(service.depends_on?.migrate?.condition).toBe("service_completed_successfully");
      expect(service.init).toBe(true);
      const port = service.environment?.[app.portVar];
      expect(port).toMatch(/^\d+$/);
      expect(service.healthcheck?.test.join(" ")).toContain(`http://127.0.0.1:${port}/readyz`);
      expect(service.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    },
  );
});

describe("Dockerfile", () => {
  it("builds on a Node LTS base given as an argument, ships compiled code and production dependencies, runs as node", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=node:(22|24)-/m);
    expect(dockerfile.match(/^FROM \$\{BASE_IMAGE\}/gm)).toHaveLength(2);
    for (const dir of ["apps", "packages", "tooling", "prisma"]) expect(dockerfile).toContain(`./${dir}`);
    expect(dockerfile).toContain("pnpm install --frozen-lockfile");
    expect(dockerfile).toContain("pnpm install --prod --frozen-lockfile");
    expect(dockerfile).toContain("turbo run build");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain("--conditions=compiled");
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
      "COMPOSE_PROJECT_NAME",
    ]);
    const names = [...read(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(known, name ?? "").toContain(name);
  });
});
