/** PROPERTY_RUNS (default 1000), never fewer than 100: an empty or mistyped value must not test nothing. */
export function propertyRuns(raw: string | undefined): number {
  if (raw === undefined) return 1000;
  const runs = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(runs) || runs < 100)
    throw new Error(`PROPERTY_RUNS must be a whole number of at least 100 (got "${raw}")`);
  return runs;
}
