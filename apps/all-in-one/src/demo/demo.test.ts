import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `pnpm start` as a newcomer runs it: no DATABASE_URL, no credentials. The process starts the embedded
 * Postgres and both emulators, links the demo people, and mirrors a change each way.
 */
const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
// PORT to PORT + 3 (web, the two emulators, the embedded Postgres) stay below Linux's ephemeral range
// (32768+): there, an outgoing connection of another test may hold the port by the time the demo listens.
const PORT = 21_000 + Math.floor(Math.random() * 3_000) * 3;
const BASE = `http://127.0.0.1:${PORT}`;
let child: ChildProcess;
let output = "";

interface LinkJson {
  email: string;
  slackUserId: string;
  entraUserId: string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function links(): Promise<LinkJson[]> {
  const res = await fetch(`${BASE}/api/links`);
  return ((await res.json()) as { links: LinkJson[] }).links;
}

beforeAll(async () => {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(DATABASE_URL|SLACK_|AZURE_|GRAPH_|TOKEN_ENCRYPTION|PUBLIC_BASE_URL)/.test(name)) delete env[name];
  child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      EMBEDDED_DATABASE_DIR: join(mkdtempSync(join(tmpdir(), "presence-demo-")), "postgres"),
      EMBEDDED_DATABASE_PORT: String(PORT + 3),
      GRAPH_POLL_INTERVAL_SECONDS: "2",
      // A developer's .env (DATABASE_URL, credentials) must not turn the demo into something else.
      PRESENCE_DOTENV: "off",
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await until(
    "four linked demo people",
    async () => ((await links()).length === 4 ? true : undefined),
    150_000,
  );
}, 180_000);

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
});

describe("the zero-config demo (pnpm start)", () => {
  it("is ready, with the embedded database and the emulated Microsoft side", async () => {
    const ready = (await (await fetch(`${BASE}/readyz`)).json()) as { status: string };
    expect(ready.status).toBe("ready");
    expect(output).toContain("using the embedded Postgres");
    expect(output).toContain("running against the built-in Slack emulator");
  });

  it("mirrors a Teams meeting to Slack", async () => {
    const ada = (await links()).find((l) => l.email.startsWith("ada@"));
    if (!ada) throw new Error("ada is not linked");
    // The demo's Graph emulator has a certificate made at its start; this test talks to it directly.
    const session = await undiciFetch(
      `https://127.0.0.1:${PORT + 2}/_emulator/users/${ada.entraUserId}/sessions`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ availability: "Busy", activity: "InAMeeting" }),
        dispatcher: new Agent({ connect: { rejectUnauthorized: false } }),
      },
    );
    expect(session.status).toBe(201);
    const status = await until("Ada's Slack status", async () => {
      const res = await fetch(`http://127.0.0.1:${PORT + 1}/_emulator/getProfile`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ userId: ada.slackUserId }),
      });
      const profile = (await res.json()) as { status_text: string };
      return profile.status_text.startsWith("In a meeting") ? profile.status_text : undefined;
    });
    expect(status).toBe("In a meeting (via Teams)");
  }, 120_000);

  it("mirrors a Slack huddle to Teams", async () => {
    const grace = (await links()).find((l) => l.email.startsWith("grace@"));
    if (!grace) throw new Error("grace is not linked");
    await fetch(`http://127.0.0.1:${PORT + 1}/_emulator/joinHuddle`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: grace.slackUserId }),
    });
    const events = await until("the huddle mirrored to Teams", async () => {
      const res = await fetch(`${BASE}/api/links/${encodeURIComponent(grace.email)}/events`);
      const list = ((await res.json()) as { events: { kind: string; side: string; message: string }[] })
        .events;
      return list.some((e) => e.kind === "written" && e.side === "teams") ? list : undefined;
    });
    expect(events.find((e) => e.kind === "written" && e.side === "teams")?.message).toBe(
      "Wrote to Teams: set presence Busy/InACall",
    );
  }, 120_000);

  it("logs no token in the whole run (every line of the process's output, debug level included)", () => {
    // Slack tokens, JWTs (Entra tokens, ID tokens), bearer/basic credentials: only their masked prefix may appear.
    const shapes = [
      /xox[abcposer]-[\w-]{6,}/i,
      /xoxe\.[\w.-]{6,}/,
      /xapp-[\w-]{6,}/,
      /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]+/,
      /(Bearer|Basic)\s+[\w.~+/=-]{6,}/i,
      /"(access_token|refresh_token|client_secret|id_token)":"(?!\[redacted\])/,
    ];
    const lines = output.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) for (const shape of shapes) expect(line, line.slice(0, 300)).not.toMatch(shape);
  });
});
