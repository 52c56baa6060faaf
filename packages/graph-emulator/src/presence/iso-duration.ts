/**
 * ISO 8601 durations as Graph uses them for `expirationDuration` (e.g. `PT5M`, `PT1H`, `PT4H`, `P1D`).
 * Years and months are refused: their length is not fixed.
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === "P" || text.trim().toUpperCase().endsWith("T"))
    return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const part = (v: string | undefined, ms: number): number => (v === undefined ? 0 : Number(v) * ms);
  return Math.round(
    part(weeks, 7 * 86_400_000) +
      part(days, 86_400_000) +
      part(hours, 3_600_000) +
      part(minutes, 60_000) +
      part(seconds, 1000),
  );
}
