/**
 * A small seeded generator (mulberry32: one 32-bit state, period 2^32; not for cryptography), so a
 * run's choices can be repeated from its seed (the chaos suite's CHAOS_SEED, the day trace's seed).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
