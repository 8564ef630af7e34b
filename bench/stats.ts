import { performance } from 'node:perf_hooks';

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of already sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Times `fn` `iterations` times after `warmup` untimed calls; returns milliseconds per call. */
export function timeEach(fn: (i: number) => unknown, iterations: number, warmup = Math.min(50, iterations)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    samples[i] = performance.now() - t0;
  }
  return samples;
}

/** Async variant of timeEach, one call at a time. */
export async function timeEachAsync(fn: (i: number) => Promise<unknown>, iterations: number, warmup = Math.min(20, iterations)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = new Array<number>(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    samples[i] = performance.now() - t0;
  }
  return samples;
}

export const fmt = (ms: number): string => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);

/** One line a summary: `label  p50 … p95 … p99 … (n)`. */
export function line(label: string, s: Summary): string {
  return `${label.padEnd(34)} p50 ${fmt(s.p50).padStart(11)}  p95 ${fmt(s.p95).padStart(11)}  p99 ${fmt(s.p99).padStart(11)}  (n=${s.n})`;
}
