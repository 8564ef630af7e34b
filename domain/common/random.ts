/**
 * Seeded randomness. Simulations, emulated hardware noise and property tests draw from a Random
 * made from a seed, so every run with the same seed is the same run.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Standard normal deviate (mean 0, sd 1). */
  normal(): number;
  /** An independent generator derived from this one (for sub-systems that must not interfere). */
  fork(): Random;
}

/** mulberry32: tiny, fast and good enough for simulation (not for cryptography). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal() {
      // Box-Muller, keeping the second deviate for the next call.
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork: () => seededRandom(Math.floor(next() * 4294967296)),
  };
}
