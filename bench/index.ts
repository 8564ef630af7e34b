import type { Benchmark } from './benchmark.js';

/** Every benchmark by name, loaded only when run. */
export const benchmarks: Record<string, () => Promise<{ default: Benchmark }>> = {};
