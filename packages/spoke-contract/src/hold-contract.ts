import { expect, it } from "vitest";

import type { HoldCase } from "./harness.ts";

/**
 * (e) Hold refresh: for a hold that lapses by itself, heldUntil names the facets to write again and
 * a deadline after the write and no later than the moment the spoke would drop it (the maintenance
 * job and the Teams refresher write again ahead of that deadline).
 */
export function holdContract<Hold>(
  heldUntil: () => (hold: Hold, writtenAt: number) => { at: number; facets: string[] } | null,
  cases: readonly HoldCase<Hold>[],
): void {
  for (const holdCase of cases) {
    it(`hold refresh: ${holdCase.name} is due before the spoke drops it`, () => {
      const writtenAt = Date.now();
      const due = heldUntil()(holdCase.hold(writtenAt), writtenAt);
      expect(due).not.toBeNull();
      expect(due?.facets.length).toBeGreaterThan(0);
      expect(due?.at).toBeGreaterThan(writtenAt);
      expect(due?.at).toBeLessThanOrEqual(holdCase.dropsAt(writtenAt));
    });
  }
}
