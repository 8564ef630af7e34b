// Decode only where the picture changed. A cart camera mostly watches an empty scan zone or a
// code held still; decoding every frame in full would spend both cores on pixels that say nothing
// new. A coarse grid of cell means, compared with the last decoded frame, finds the cells that
// moved; the decoder gets their bounding box (with a margin), or nothing when no cell moved.
import type { GrayImage } from './gray-image.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ScanZoneOptions {
  /** Cell edge in pixels. */
  readonly cell: number;
  /** Mean grey-level change of a cell that counts as movement (sensor noise stays below it). */
  readonly threshold: number;
  /** Pixels added around the changed cells, so a code crossing a cell edge is decoded whole. */
  readonly margin: number;
}

export const DEFAULT_SCAN_ZONE: ScanZoneOptions = { cell: 32, threshold: 6, margin: 64 };

function cellMeans(image: GrayImage, cell: number): Float32Array {
  const cols = Math.ceil(image.width / cell);
  const rows = Math.ceil(image.height / cell);
  const sums = new Float32Array(cols * rows);
  const counts = new Uint32Array(cols * rows);
  // Every other row and column: plenty for a mean, half the memory traffic.
  for (let y = 0; y < image.height; y += 2) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < image.width; x += 2) {
      const c = row + Math.floor(x / cell);
      sums[c] = (sums[c] as number) + (image.data[y * image.width + x] as number);
      counts[c] = (counts[c] as number) + 1;
    }
  }
  for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] as number) / Math.max(1, counts[i] as number);
  return sums;
}

/** What changed in a frame: the part to decode, and the frame's summary to commit once decoded. */
export interface ZoneChange {
  readonly rect: Rect;
  readonly summary: Float32Array;
}

/**
 * One camera's memory of the last frame it decoded. The caller commits a frame's summary only
 * when that frame is actually decoded: a frame dropped for a newer one must not become the
 * baseline, or a code that appeared in it and then held still would never be decoded.
 */
export class ScanZone {
  #previous: Float32Array | undefined;
  #size = '';
  readonly #options: ScanZoneOptions;

  constructor(options: Partial<ScanZoneOptions> = {}) {
    this.#options = { ...DEFAULT_SCAN_ZONE, ...options };
  }

  /**
   * The part of `image` to decode, or undefined when nothing moved since the last decoded frame.
   * `also` (with the margin) is decoded regardless: a code still waiting for its confirming frame.
   */
  changed(image: GrayImage, also?: Rect): ZoneChange | undefined {
    const { cell, threshold, margin } = this.#options;
    const means = cellMeans(image, cell);
    const previous = this.#previous;
    if (!previous || this.#size !== `${image.width}x${image.height}`) {
      return { rect: { x: 0, y: 0, width: image.width, height: image.height }, summary: means };
    }
    const cols = Math.ceil(image.width / cell);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    if (also) {
      x0 = also.x;
      y0 = also.y;
      x1 = also.x + also.width;
      y1 = also.y + also.height;
    }
    for (let i = 0; i < means.length; i++) {
      if (Math.abs((means[i] as number) - (previous[i] as number)) < threshold) continue;
      const cx = (i % cols) * cell;
      const cy = Math.floor(i / cols) * cell;
      x0 = Math.min(x0, cx);
      y0 = Math.min(y0, cy);
      x1 = Math.max(x1, cx + cell);
      y1 = Math.max(y1, cy + cell);
    }
    // Nothing moved: later frames are still compared with the last one decoded, so slow drift adds up.
    if (x1 === -Infinity) return undefined;
    const x = Math.max(0, Math.min(image.width - 1, x0 - margin));
    const y = Math.max(0, Math.min(image.height - 1, y0 - margin));
    return { rect: { x, y, width: Math.max(1, Math.min(image.width, x1 + margin) - x), height: Math.max(1, Math.min(image.height, y1 + margin) - y) }, summary: means };
  }

  /** The frame summarised by `change` was decoded: later frames are compared with it. */
  commit(change: ZoneChange, width: number, height: number): void {
    this.#previous = change.summary;
    this.#size = `${width}x${height}`;
  }
}

/** A copy of one rectangle of an image. */
export function crop(image: GrayImage, r: Rect): GrayImage {
  if (r.x === 0 && r.y === 0 && r.width === image.width && r.height === image.height) return image;
  const out = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) out.set(image.data.subarray((r.y + y) * image.width + r.x, (r.y + y) * image.width + r.x + r.width), y * r.width);
  return { width: r.width, height: r.height, data: out };
}

/** The smallest rectangle holding every one of `rects` (a zero rectangle at the origin for none). */
export function enclosing(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}
