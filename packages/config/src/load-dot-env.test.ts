import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, expect, it } from "vitest";

import { loadDotEnv } from "./load-dot-env.ts";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

it("reads .env unless PRESENCE_DOTENV=off; variables already set win", () => {
  const file = join(mkdtempSync(join(tmpdir(), "dotenv-")), ".env");
  writeFileSync(file, "PRESENCE_TEST_A=from-file\nPRESENCE_TEST_B=from-file\n");
  process.env.PRESENCE_TEST_B = "already-set";
  process.env.PRESENCE_DOTENV = "off";
  loadDotEnv(file);
  expect(process.env.PRESENCE_TEST_A).toBeUndefined();
  delete process.env.PRESENCE_DOTENV;
  loadDotEnv(file);
  expect(process.env.PRESENCE_TEST_A).toBe("from-file");
  expect(process.env.PRESENCE_TEST_B).toBe("already-set");
});
