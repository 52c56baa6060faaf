import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { fileURLToPath } from "node:url";

import { generateEncryptionKey } from "@presence/db";

export type BridgeApp = "slack-bridge" | "teams-bridge";

/**
 * One bridge process (`node --import tsx apps/<app>/src/main.ts`, or the built app) that the fault suite starts, kills with
 * SIGKILL and starts again. Like compose's `restart: unless-stopped`, a process that exits on its own
 * is counted and started again: the suite reports how often that happened.
 */
export class Replica {
  readonly name: string;
  readonly url: string;
  #child: ChildProcess | null = null;
  #expectingExit = false;
  #log: WriteStream;
  /** Exits nobody asked for (crashes), each followed by a restart. */
  unexpectedExits = 0;

  constructor(
    readonly app: BridgeApp,
    index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
    logFile: string,
    private readonly launch: {
      /** Run the built app (`node --conditions=compiled dist/main.js`, as the image does) instead of the sources. */
      compiled?: boolean;
      /** Further flags for node (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
      nodeArgs?: string[];
    } = {},
  ) {
    this.name = `${app}-${index + 1}`;
    this.url = `http://127.0.0.1:${port}`;
    this.#log = createWriteStream(logFile, { flags: "a" });
  }

  /** The running process's id, or null. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  start(): void {
    if (this.#child) return;
    const cwd = fileURLToPath(new URL(`../../${this.app}/`, import.meta.url));
    const args = [
      ...(this.launch.nodeArgs ?? []),
      ...(this.launch.compiled
        ? ["--conditions=compiled", "dist/main.js"]
        : ["--import", "tsx", "src/main.ts"]),
    ];
    const child = spawn(process.execPath, args, {
      cwd,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#log.write(`\n=== ${new Date().toISOString()} start (pid ${child.pid})\n`);
    child.stdout.pipe(this.#log, { end: false });
    child.stderr.pipe(this.#log, { end: false });
    this.#expectingExit = false;
    this.#child = child;
    child.once("exit", (code, signal) => {
      this.#log.write(`=== ${new Date().toISOString()} exit code=${code} signal=${signal}\n`);
      this.#child = null;
      if (this.#expectingExit) return;
      this.unexpectedExits += 1;
      setTimeout(() => this.start(), 1_000).unref();
    });
  }

  /** Until /readyz answers 200 (database reachable, the app's checks pass). */
  async ready(timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const ok = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `${this.name} did not become ready within ${timeoutMs / 1000} s (log: ${this.#log.path})`,
    );
  }

  /** kill -9: no drain, no goodbye; its jobs stay locked until a live replica releases them. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#expectingExit = true;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** A clean stop (SIGTERM: the process drains its jobs), for the end of the run. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#expectingExit = true;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    this.#log.end();
  }
}

/**
 * What every bridge process of a run shares: its own database and key, no .env file, no migrations at
 * start (the run's database is migrated), the address the emulators call back.
 */
export function replicaBaseEnv(
  databaseUrl: string,
  publicBaseUrl: string,
): Record<string, string> & { TOKEN_ENCRYPTION_KEY: string } {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    PRESENCE_DOTENV: "off",
    DATABASE_URL: databaseUrl,
    TOKEN_ENCRYPTION_KEY: generateEncryptionKey(),
    MIGRATE_ON_START: "false",
    PUBLIC_BASE_URL: publicBaseUrl,
  };
}
