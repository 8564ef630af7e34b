// Numbers as the panel shows them: grams with one decimal, signed steps, the cart's clock.

export const grams = (g: number): string => `${g.toFixed(1)} g`;
export const signedGrams = (g: number): string => `${g > 0 ? '+' : g < 0 ? '−' : ''}${Math.abs(g).toFixed(1)} g`;
/** The emulated cart's clock (ms since the epoch) as a wall time of day. */
export const clockTime = (at: number): string => new Date(at).toLocaleTimeString('en-GB', { hour12: false });
