import type { Spoke } from "./vocabulary.ts";

/**
 * Compares two source versions of the same side: negative when `a` is older than `b`.
 * Slack versions are event_ts values ("1700000000.000200"), compared as decimals.
 * Graph sequenceNumbers are documented as lexicographically sortable strings: plain string order.
 * An empty version (a poll with no version) is never older or newer than anything.
 */
export function compareVersions(side: Spoke, a: string, b: string): number {
  if (a === "" || b === "") return 0;
  if (side === "slack") return compareDecimalStrings(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDecimalStrings(a: string, b: string): number {
  const [ai = "", af = ""] = a.split(".");
  const [bi = "", bf = ""] = b.split(".");
  const intCmp = ai.length !== bi.length ? ai.length - bi.length : ai < bi ? -1 : ai > bi ? 1 : 0;
  if (intCmp !== 0) return intCmp;
  const width = Math.max(af.length, bf.length);
  const ap = af.padEnd(width, "0");
  const bp = bf.padEnd(width, "0");
  return ap < bp ? -1 : ap > bp ? 1 : 0;
}
