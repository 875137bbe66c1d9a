// A small seeded pseudo-random generator. Fault injection draws from it so that the same seed
// and the same order of requests give the same faults, run after run; it is not for secrets.

/** Returns numbers in [0, 1), the same sequence for the same seed. */
export type Prng = () => number;

/** Creates a mulberry32 generator (32-bit state, fast, good enough for test schedules). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
