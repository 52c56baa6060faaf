import { describe, expect, it } from "vitest";

import { hasNulCharacter, isStorableText, someText } from "./storable-text.ts";

describe("storable text", () => {
  it("refuses NUL characters and unpaired surrogates, keeps paired ones", () => {
    expect(isStorableText("plain 💥 text")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
    expect(isStorableText("x\udfff\ud800y")).toBe(false);
    expect(hasNulCharacter("\ud800")).toBe(false);
  });

  it("finds text in keys and values however deep, without recursing", () => {
    let deep: unknown = "fine";
    for (let i = 0; i < 50_000; i += 1) deep = [deep];
    expect(someText(deep, hasNulCharacter)).toBe(false);
    expect(someText({ a: [{ b: "x\u0000" }] }, hasNulCharacter)).toBe(true);
    expect(someText({ ["k\ud800"]: 1 }, (t) => !isStorableText(t))).toBe(true);
    expect(someText(42, hasNulCharacter)).toBe(false);
  });
});
