import type { BarcodeFormat } from './formats.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Where a symbol lies in the image, corner by corner in the symbol's own orientation. */
export interface Quad {
  readonly topLeft: Point;
  readonly topRight: Point;
  readonly bottomRight: Point;
  readonly bottomLeft: Point;
}

/**
 * One symbol as an engine read it, already in ZXing's (Java) conventions whichever engine it was:
 * EAN-13 13 digits, UPC-A 12, UPC-E 8 (not expanded), EAN-8 8, RSS_14 the bare 14-digit GTIN,
 * RSS_EXPANDED "(AI)value" form, everything else the text as encoded. Nothing here is checked
 * against GS1 rules yet; read.ts does that.
 */
export interface DecodedSymbol {
  readonly format: BarcodeFormat;
  readonly text: string;
  readonly position: Quad;
  /** The AIM symbology identifier ("]C1" says GS1-128, "]E0" EAN/UPC), when the engine reports it. */
  readonly symbologyIdentifier?: string;
  /** A 2- or 5-digit EAN/UPC add-on (magazine issue, book price); ZXing reports it beside the text. */
  readonly addOn?: string;
}

/** The axis-aligned box around a quad, in whole pixels. */
export function boundingBox(q: Quad): { x: number; y: number; width: number; height: number } {
  const xs = [q.topLeft.x, q.topRight.x, q.bottomRight.x, q.bottomLeft.x];
  const ys = [q.topLeft.y, q.topRight.y, q.bottomRight.y, q.bottomLeft.y];
  const x = Math.floor(Math.min(...xs));
  const y = Math.floor(Math.min(...ys));
  return { x, y, width: Math.ceil(Math.max(...xs)) - x, height: Math.ceil(Math.max(...ys)) - y };
}

/** Maps a quad found in a transformed image back to the original's coordinates. */
export function mapQuad(q: Quad, f: (p: Point) => Point): Quad {
  return { topLeft: f(q.topLeft), topRight: f(q.topRight), bottomRight: f(q.bottomRight), bottomLeft: f(q.bottomLeft) };
}
