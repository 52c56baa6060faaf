export interface FlapCheck {
  /** Writes already recorded for the link inside the window. */
  recentWrites: number;
  maxWrites: number;
}

/** True when one more write would exceed the flap breaker's limit: the link must pause instead. */
export function isFlapping({ recentWrites, maxWrites }: FlapCheck): boolean {
  return recentWrites + 1 > maxWrites;
}
