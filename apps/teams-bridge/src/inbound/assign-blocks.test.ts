import { describe, expect, it } from "vitest";

import { assignBlocks, sameMembers } from "./assign-blocks.ts";

const people = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `p${String(from + i).padStart(5, "0")}`);

describe("assigning people to service accounts", () => {
  it("fills accounts in order, 650 each, and leaves the rest to polling", () => {
    const accounts = ["a", "b", "c", "d"].map((userId) => ({ userId, userIds: [] }));
    const { blocks, fallback } = assignBlocks(accounts, people(1500));
    expect([...blocks.values()].map((b) => b.length)).toEqual([650, 650, 200, 0]);
    expect(fallback).toEqual([]);
    const full = assignBlocks(accounts.slice(0, 2), people(1400));
    expect(full.fallback).toHaveLength(100);
  });

  it("keeps everyone where they were, drops the unlinked, and puts newcomers where there is room", () => {
    const a = { userId: "a", userIds: people(650) };
    const b = { userId: "b", userIds: people(100, 650) };
    const linked = [...people(649, 1), ...people(100, 650), ...people(10, 5000)];
    const { blocks } = assignBlocks([a, b], linked);
    expect(blocks.get("a")?.slice(0, 649)).toEqual(people(649, 1));
    expect(blocks.get("a")).toHaveLength(650);
    expect(blocks.get("b")?.slice(0, 100)).toEqual(people(100, 650));
    expect(blocks.get("b")).toHaveLength(109);
  });

  it("compares blocks as sets", () => {
    expect(sameMembers(["a", "b"], ["B", "a"])).toBe(true);
    expect(sameMembers(["a"], ["a", "b"])).toBe(false);
  });
});
