import type { Benchmark } from './benchmark.js';

/** Every benchmark by name, loaded only when run. */
export const benchmarks: Record<string, () => Promise<{ default: Benchmark }>> = {
  lane: () => import('./lane.js'),
  checkout: () => import('./checkout.js'),
  store: () => import('./store.js'),
  decode: () => import('./decode.js'),
  pipeline: () => import('./pipeline.js'),
  pricing: () => import('./pricing.js'),
  session: () => import('./session.js'),
  scale: () => import('./scale.js'),
  recognize: () => import('./recognize.js'),
  'loss-prevention': () => import('./loss-prevention.js'),
  ui: () => import('./ui.js'),
};
