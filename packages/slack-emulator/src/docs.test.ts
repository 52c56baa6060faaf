import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operations } from "./control/slack-control.ts";
import { SPEC_DEVIATIONS } from "./spec/spec-deviations.ts";

const doc = (path: string): string => readFileSync(new URL(`../../../docs/${path}`, import.meta.url), "utf8");

describe("documentation stays in step with the code", () => {
  it("the ADR lists every spec deviation", () => {
    const adr = doc("adr/0005-slack-emulator.md");
    for (const deviation of SPEC_DEVIATIONS) expect(adr, deviation.id).toContain(`\`${deviation.id}\``);
  });

  it("the usage guide documents every control operation", () => {
    const guide = doc("emulators/slack.md");
    for (const name of Object.keys(operations)) expect(guide, name).toContain(`\`${name}\``);
  });
});
