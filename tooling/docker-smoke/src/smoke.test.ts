import { join } from "node:path";

import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { baseImages, IMAGE, ROOT, smokeStack, type Stack } from "./compose-stack.ts";
import { sh, until } from "./shell.ts";

/**
 * The self-hosting path for real (docs/self-hosting.md): the production image built from the Dockerfile,
 * docker-compose.yml brought up with the demo profile (Postgres, the one-shot migration, the four apps,
 * the emulators standing in for Slack and Microsoft), a change mirrored each way, a clean stop, and data
 * that survive `down` and `up`. Containers talk over the compose network; only 127.0.0.1 is published.
 */
const APPS = ["slack-bridge", "teams-bridge", "webhook-bridge", "admin"];
let stack: Stack;
let graph: Agent;
const figures: Record<string, string> = {};

interface LinkJson {
  email: string;
  slackUserId: string;
  entraUserId: string;
}

async function health(service: string): Promise<string> {
  const id = await stack.container(service);
  return (
    await sh("docker", [
      "inspect",
      "-f",
      "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}",
      id,
    ])
  ).trim();
}

async function allHealthy(): Promise<boolean> {
  const states = await Promise.all([...APPS, "emulators", "postgres"].map(health));
  return states.every((s) => s === "healthy");
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:3000${path}`, {
    headers: { authorization: `Bearer ${stack.adminToken}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function links(): Promise<LinkJson[]> {
  return (await api<{ links: LinkJson[] }>("/api/links")).links;
}

async function slack(operation: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:3101/_emulator/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function graphControl(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await undiciFetch(`https://127.0.0.1:3102/_emulator${path}`, {
    method,
    dispatcher: graph,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function bringUp(): Promise<number> {
  const started = Date.now();
  await stack.compose("up", "-d", "--no-build");
  await until("every container healthy", async () => ((await allHealthy()) ? true : undefined), 240_000);
  return (Date.now() - started) / 1000;
}

beforeAll(async () => {
  await sh("bash", [join(ROOT, "tooling/docker/ensure-docker.sh")], { timeoutMs: 600_000 });
  const bases = await baseImages();
  figures.baseImages = bases.local ? "made locally from Debian's packages" : "official";
  const buildStarted = Date.now();
  await sh(
    "docker",
    ["build", "--network", "host", "--build-arg", `BASE_IMAGE=${bases.node}`, "-t", IMAGE, ROOT],
    {
      env: { DOCKER_BUILDKIT: "0" },
      timeoutMs: 1_200_000,
    },
  );
  figures.build = `${((Date.now() - buildStarted) / 1000).toFixed(0)} s`;
  figures.imageSize = (await sh("docker", ["image", "inspect", "-f", "{{.Size}}", IMAGE])).trim();
  stack = await smokeStack(bases);
  await stack.compose("down", "-v", "--remove-orphans").catch(() => "");
  figures.upToHealthy = `${(await bringUp()).toFixed(1)} s`;
  const ca = await sh("docker", [
    "exec",
    await stack.container("emulators"),
    "cat",
    "/demo/graph-emulator-ca.pem",
  ]);
  graph = new Agent({ connect: { ca } });
}, 1_500_000);

// A failed test shows what the containers said (CI keeps no containers to look into afterwards).
afterEach(async (context) => {
  if (context.task.result?.state !== "fail" || !stack) return;
  for (const service of [...APPS, "emulators"]) {
    const logs = await stack
      .compose("logs", "--no-color", "--tail", "40", service)
      .catch((e: Error) => e.message);
    console.error(`--- ${service}: last 40 log lines\n${logs}`);
  }
});

afterAll(async () => {
  console.info(`docker smoke figures: ${JSON.stringify(figures)}`);
  if (stack && !process.env.KEEP_SMOKE_STACK)
    await stack.compose("down", "-v", "--remove-orphans").catch(() => "");
  await graph?.close();
});

describe("docker compose with the demo profile", () => {
  it("every app is healthy, and the migrations were applied once, by the migrate service", async () => {
    for (const service of [...APPS, "emulators", "postgres"])
      expect(await health(service), service).toBe("healthy");
    const migrate = await stack.container("migrate");
    expect((await sh("docker", ["inspect", "-f", "{{.State.ExitCode}}", migrate])).trim()).toBe("0");
    expect(await sh("docker", ["logs", migrate])).toMatch(/Applied \d+ migration\(s\)/);
    const applied = await sh("docker", [
      "exec",
      await stack.container("postgres"),
      "psql",
      "-U",
      "presence",
      "-d",
      "presence",
      "-At",
      "-c",
      "SELECT count(*), count(DISTINCT migration_name), max(applied_steps_count) FROM _prisma_migrations",
    ]);
    const [rows, distinct] = applied.trim().split("|");
    expect(rows).toBe(distinct);
    // Images hold compiled JavaScript and no development tools.
    const app = await stack.container("slack-bridge");
    expect(
      (
        await sh("docker", [
          "exec",
          app,
          "sh",
          "-c",
          "ls node_modules/.pnpm | grep -cE '^(vitest|eslint|tsx|typescript-eslint)@' || true",
        ])
      ).trim(),
    ).toBe("0");
    expect((await sh("docker", ["exec", app, "id", "-u"])).trim()).toBe("1000");
  });

  it("a Teams meeting set in the Graph emulator shows as a Slack status", async () => {
    // The demo links people once both bridges have read their directories (it waits up to 3 min for them).
    const people = await until(
      "four linked people",
      async () => {
        const all = await links();
        return all.length === 4 ? all : undefined;
      },
      200_000,
    );
    const ada = people.find((p) => p.email === "ada@demo-company.test");
    if (!ada) throw new Error("Ada is not linked");
    await graphControl("POST", `/users/${ada.entraUserId}/sessions`, {
      availability: "Busy",
      activity: "InAMeeting",
    });
    const started = Date.now();
    await until(
      "Ada's Slack status",
      async () =>
        (await slack("getProfile", { userId: ada.slackUserId })).status_text === "In a meeting (via Teams)"
          ? true
          : undefined,
      60_000,
    );
    figures.teamsToSlack = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  }, 300_000);

  it("a Slack huddle shows in Teams", async () => {
    const grace = (await links()).find((p) => p.email === "grace@demo-company.test");
    if (!grace) throw new Error("Grace is not linked");
    await slack("joinHuddle", { userId: grace.slackUserId });
    const started = Date.now();
    await until(
      "Grace's Teams presence",
      async () => {
        const presence = await graphControl("GET", `/users/${grace.entraUserId}/presence`);
        return presence.availability === "Busy" && presence.activity === "InACall" ? true : undefined;
      },
      60_000,
    );
    figures.slackToTeams = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  });

  it("`down` stops every app within 10 s with its jobs drained; the data survive `down` and `up`", async () => {
    const ids = Object.fromEntries(
      await Promise.all(APPS.map(async (s) => [s, await stack.container(s)] as const)),
    );
    const started = Date.now();
    await stack.compose("stop", "-t", "10");
    const seconds = (Date.now() - started) / 1000;
    figures.stop = `${seconds.toFixed(1)} s`;
    expect(seconds).toBeLessThan(10);
    for (const [service, id] of Object.entries(ids)) {
      expect((await sh("docker", ["inspect", "-f", "{{.State.ExitCode}}", id])).trim(), service).toBe("0");
      expect(await sh("docker", ["logs", "--tail", "5", id]), service).toMatch(
        /stopped: running jobs drained/,
      );
    }
    await stack.compose("down");
    figures.secondUpToHealthy = `${(await bringUp()).toFixed(1)} s`;
    const again = await links();
    expect(again.map((l) => l.email).sort()).toEqual([
      "ada@demo-company.test",
      "alan@demo-company.test",
      "grace@demo-company.test",
      "katherine@demo-company.test",
    ]);
    expect(await sh("docker", ["logs", await stack.container("migrate")])).toMatch(/up to date/);
  });
});
