import type { Benchmark } from './benchmark.js';

/** Every benchmark by name, loaded only when run. */
export const benchmarks: Record<string, () => Promise<{ default: Benchmark }>> = {
  pricing: () => import('./pricing.js'),
  session: () => import('./session.js'),
  scale: () => import('./scale.js'),
};
