// The IPC channels between the cart's Electron main process and its screen. preload.cts repeats
// these names (a sandboxed preload cannot import a module); a test checks the two agree.
export const CHANNELS = {
  /** Screen → main (invoke): one intent; answers the runtime's IntentResult. */
  intent: 'tally:intent',
  /** Screen → main (invoke): a product search; answers ProductHit[]. */
  search: 'tally:search',
  /** Screen → main (invoke): the current snapshot, for a screen that just loaded. */
  snapshot: 'tally:snapshot',
  /** Main → screen (send): every new snapshot. */
  snapshots: 'tally:snapshots',
} as const;
