import { BridgeError } from "@presence/core";

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30m", "2h", "1d" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([mhd])$/.exec(text.trim());
  const unit = match?.[2] ? UNITS[match[2]] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new BridgeError(
      "invalid_input",
      `“${text}” is not a duration: use minutes, hours or days, e.g. 30m, 2h, 1d`,
    );
  }
  return Number(match[1]) * unit;
}
