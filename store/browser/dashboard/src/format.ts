// How times and weights read on the dashboard. Times are the store's clock as sent, shown as
// clock times (not "5 s ago": the tablet's clock may disagree with the store's).

export const clockTime = (at: number): string => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const dateTime = (at: number): string => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Milligrams as a person reads a scale: grams below a kilo, kilos above, with a sign. */
export function mass(mg: number): string {
  const g = mg / 1000;
  const sign = g > 0 ? '+' : g < 0 ? '−' : '';
  const size = Math.abs(g);
  return size >= 1000 ? `${sign}${(size / 1000).toFixed(2)} kg` : `${sign}${Math.round(size)} g`;
}
