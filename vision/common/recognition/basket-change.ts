// Where the basket camera's picture changed between two frames: the region a new item occupies.
// Frames are compared on a coarse grid of cells, so sensor noise and JPEG-like speckle do not
// count, only a cell whose average brightness moved.
import { channels, type Frame } from '../../../hardware/common/camera/frame.js';

export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ChangeOptions {
  /** Cell side in pixels (default 8). */
  readonly cell?: number;
  /** A cell changed when its mean brightness moved by more than this, 0..255 (default 20). */
  readonly threshold?: number;
  /** Fewer changed cells than this is noise, not an item (default 3). */
  readonly minCells?: number;
  /** Only this part of the frame is the basket (default: the whole frame). */
  readonly basket?: Region;
}

/** Tightly packed RGB pixels: what the recognizer takes from a camera. */
export interface RgbPicture {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

function luma(frame: Frame, x: number, y: number): number {
  const c = channels(frame.format);
  const i = (y * frame.width + x) * c;
  const d = frame.data;
  return c === 1 ? (d[i] as number) : 0.299 * (d[i] as number) + 0.587 * (d[i + 1] as number) + 0.114 * (d[i + 2] as number);
}

function cellMeans(frame: Frame, area: Region, cell: number): Float64Array {
  const cols = Math.ceil(area.width / cell);
  const rows = Math.ceil(area.height / cell);
  const sums = new Float64Array(cols * rows);
  const counts = new Float64Array(cols * rows);
  for (let y = area.y; y < area.y + area.height; y++) {
    const r = Math.floor((y - area.y) / cell) * cols;
    for (let x = area.x; x < area.x + area.width; x++) {
      const k = r + Math.floor((x - area.x) / cell);
      sums[k] = (sums[k] as number) + luma(frame, x, y);
      counts[k] = (counts[k] as number) + 1;
    }
  }
  return sums.map((s, k) => s / (counts[k] as number));
}

function clampRegion(r: Region, width: number, height: number): Region {
  const x = Math.max(0, Math.min(width, Math.floor(r.x)));
  const y = Math.max(0, Math.min(height, Math.floor(r.y)));
  return { x, y, width: Math.max(0, Math.min(width - x, Math.ceil(r.width))), height: Math.max(0, Math.min(height - y, Math.ceil(r.height))) };
}

/**
 * The bounding box of what changed from `before` to `after` inside the basket, grown to a square
 * (the recognizer looks at the middle square of what it gets) and kept inside the frame; null
 * when nothing changed enough. Frames of different sizes or formats never match.
 */
export function changedRegion(before: Frame, after: Frame, options: ChangeOptions = {}): Region | null {
  if (before.width !== after.width || before.height !== after.height || before.format !== after.format) return null;
  const cell = Math.max(1, Math.floor(options.cell ?? 8));
  const area = clampRegion(options.basket ?? { x: 0, y: 0, width: after.width, height: after.height }, after.width, after.height);
  if (area.width === 0 || area.height === 0) return null;
  const a = cellMeans(before, area, cell);
  const b = cellMeans(after, area, cell);
  const cols = Math.ceil(area.width / cell);
  const threshold = options.threshold ?? 20;
  let changed = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < a.length; k++) {
    if (Math.abs((a[k] as number) - (b[k] as number)) <= threshold) continue;
    changed++;
    const cx = k % cols;
    const cy = Math.floor(k / cols);
    x0 = Math.min(x0, cx);
    y0 = Math.min(y0, cy);
    x1 = Math.max(x1, cx + 1);
    y1 = Math.max(y1, cy + 1);
  }
  if (changed < (options.minCells ?? 3)) return null;
  const box = { x: area.x + x0 * cell, y: area.y + y0 * cell, width: (x1 - x0) * cell, height: (y1 - y0) * cell };
  const side = Math.min(Math.max(box.width, box.height), after.width, after.height);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const x = Math.max(0, Math.min(after.width - side, cx - side / 2));
  const y = Math.max(0, Math.min(after.height - side, cy - side / 2));
  return clampRegion({ x, y, width: side, height: side }, after.width, after.height);
}

/** The region's pixels as packed RGB (grey frames are repeated into the three channels). */
export function cropRgb(frame: Frame, region: Region): RgbPicture {
  const r = clampRegion(region, frame.width, frame.height);
  const c = channels(frame.format);
  const data = new Uint8Array(r.width * r.height * 3);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const i = ((r.y + y) * frame.width + r.x + x) * c;
      const o = (y * r.width + x) * 3;
      data[o] = frame.data[i] as number;
      data[o + 1] = frame.data[c === 1 ? i : i + 1] as number;
      data[o + 2] = frame.data[c === 1 ? i : i + 2] as number;
    }
  }
  return { width: r.width, height: r.height, data };
}
