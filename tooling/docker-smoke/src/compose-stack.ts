import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { sh, succeeds } from "./shell.ts";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const PROJECT = "presence-smoke";
export const IMAGE = "presence-bridge:smoke";

/** `docker compose` (v2) where there is one, else Debian's `docker-compose` (v1): the same file works on both. */
export async function composeCommand(): Promise<string[]> {
  return (await succeeds("docker", ["compose", "version"])) ? ["docker", "compose"] : ["docker-compose"];
}

/**
 * The base images: the official ones when they can be pulled, else local ones made from Debian's packages
 * (tooling/docker/make-base-images.sh).
 */
export async function baseImages(): Promise<{ node: string; postgres: string; local: boolean }> {
  const official = { node: "node:22-bookworm-slim", postgres: "postgres:16-alpine" };
  const pulled =
    (await succeeds("docker", ["image", "inspect", official.node])) ||
    (await succeeds("docker", ["pull", official.node], 60_000));
  const pulledPg =
    (await succeeds("docker", ["image", "inspect", official.postgres])) ||
    (await succeeds("docker", ["pull", official.postgres], 60_000));
  if (pulled && pulledPg) return { ...official, local: false };
  await sh("bash", [join(ROOT, "tooling/docker/make-base-images.sh")], { timeoutMs: 900_000 });
  return { node: "presence-local/node:bookworm", postgres: "presence-local/postgres:bookworm", local: true };
}

export interface Stack {
  envFile: string;
  adminToken: string;
  compose(...args: string[]): Promise<string>;
  /** The container id of a service. */
  container(service: string): Promise<string>;
}

/** The compose project of the smoke test: the demo profile, with fresh secrets in an env file of its own. */
export async function smokeStack(bases: { node: string; postgres: string }): Promise<Stack> {
  const command = await composeCommand();
  const adminToken = randomBytes(24).toString("hex");
  const envFile = join(tmpdir(), `presence-smoke-${process.pid}.env`);
  writeFileSync(
    envFile,
    [
      readFileSync(join(ROOT, "tooling/docker/demo.env"), "utf8"),
      `POSTGRES_PASSWORD=${randomBytes(12).toString("hex")}`,
      `TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`,
      `ADMIN_API_TOKEN=${adminToken}`,
      `NODE_BASE_IMAGE=${bases.node}`,
      `POSTGRES_IMAGE=${bases.postgres}`,
      `PRESENCE_IMAGE=${IMAGE}`,
      "BUILD_NETWORK=host",
      "",
    ].join("\n"),
  );
  const compose = (...args: string[]) =>
    sh(
      command[0] ?? "docker",
      [...command.slice(1), "-p", PROJECT, "--env-file", envFile, "--profile", "demo", ...args],
      {
        cwd: ROOT,
        timeoutMs: 900_000,
      },
    );
  return {
    envFile,
    adminToken,
    compose,
    async container(service) {
      const id = (await compose("ps", "-q", service)).trim();
      if (!id) throw new Error(`no container for ${service}`);
      return id;
    },
  };
}
