// Seeded pseudo-random numbers (mulberry32). The sandbox never uses Math.random, so the same
// seed always gives the same demo data and the same sequence of random faults.

export type Prng = () => number;

/** A generator of floats in [0, 1) determined entirely by `seed`. */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max] inclusive. */
export function randInt(rand: Prng, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(rand: Prng, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}
