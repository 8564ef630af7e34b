// Pixel work for the harder attempts on a frame the engine missed (attempts.ts). Each operation
// returns a new image and a function that maps a point found in it back to the input, so a
// symbol's position is always reported in the camera's coordinates.
import type { GrayImage } from './gray-image.js';
import type { Point } from './symbol.js';

export interface Transformed {
  readonly image: GrayImage;
  readonly toInput: (p: Point) => Point;
}

const same = (p: Point): Point => p;

/**
 * Resizes by `factor`: bilinear when enlarging (a small code gets more pixels per module for the
 * binariser), box-averaging when shrinking (it also averages away sensor noise).
 */
export function rescale(src: GrayImage, factor: number): Transformed {
  if (!(factor > 0)) throw new RangeError(`scale factor must be positive, not ${factor}`);
  const width = Math.max(1, Math.round(src.width * factor));
  const height = Math.max(1, Math.round(src.height * factor));
  const out = new Uint8Array(width * height);
  const s = src.data;
  const sx = src.width / width;
  const sy = src.height / height;
  if (factor >= 1) {
    for (let y = 0; y < height; y++) {
      const fy = Math.min(src.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(src.height - 1, y0 + 1);
      const wy = fy - y0;
      for (let x = 0; x < width; x++) {
        const fx = Math.min(src.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(src.width - 1, x0 + 1);
        const wx = fx - x0;
        const top = (s[y0 * src.width + x0] as number) * (1 - wx) + (s[y0 * src.width + x1] as number) * wx;
        const bottom = (s[y1 * src.width + x0] as number) * (1 - wx) + (s[y1 * src.width + x1] as number) * wx;
        out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  } else {
    for (let y = 0; y < height; y++) {
      const ya = Math.floor(y * sy);
      const yb = Math.max(ya + 1, Math.min(src.height, Math.floor((y + 1) * sy)));
      for (let x = 0; x < width; x++) {
        const xa = Math.floor(x * sx);
        const xb = Math.max(xa + 1, Math.min(src.width, Math.floor((x + 1) * sx)));
        let sum = 0;
        for (let yy = ya; yy < yb; yy++) for (let xx = xa; xx < xb; xx++) sum += s[yy * src.width + xx] as number;
        out[y * width + x] = Math.round(sum / ((yb - ya) * (xb - xa)));
      }
    }
  }
  return { image: { width, height, data: out }, toInput: (p) => ({ x: p.x * sx, y: p.y * sy }) };
}

/**
 * Maps the darkest `clip` and brightest `clip` fraction of pixels to black and white and spreads
 * the rest linearly: a label under glare or in a dim basket corner gets the contrast the
 * binariser needs.
 */
export function stretchContrast(src: GrayImage, clip = 0.01): Transformed {
  const histogram = new Uint32Array(256);
  for (const v of src.data) histogram[v] = (histogram[v] as number) + 1;
  const cut = Math.floor(src.data.length * clip);
  let low = 0;
  for (let seen = 0; low < 255 && seen + (histogram[low] as number) <= cut; low++) seen += histogram[low] as number;
  let high = 255;
  for (let seen = 0; high > 0 && seen + (histogram[high] as number) <= cut; high--) seen += histogram[high] as number;
  const out = new Uint8Array(src.data.length);
  if (high <= low) {
    out.set(src.data);
  } else {
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - low) * 255) / (high - low))));
    for (let i = 0; i < src.data.length; i++) out[i] = lut[src.data[i] as number] as number;
  }
  return { image: { width: src.width, height: src.height, data: out }, toInput: same };
}

/**
 * Unsharp mask over a 3×3 box blur: out = v + amount × (v − blur). Restores some edge contrast on
 * a slightly defocused or motion-blurred code (cart cameras focus at a fixed distance).
 */
export function sharpen(src: GrayImage, amount = 1): Transformed {
  const { width, height, data: s } = src;
  const out = new Uint8Array(s.length);
  for (let y = 0; y < height; y++) {
    const ym = y > 0 ? y - 1 : y;
    const yp = y < height - 1 ? y + 1 : y;
    for (let x = 0; x < width; x++) {
      const xm = x > 0 ? x - 1 : x;
      const xp = x < width - 1 ? x + 1 : x;
      const sum =
        (s[ym * width + xm] as number) + (s[ym * width + x] as number) + (s[ym * width + xp] as number) +
        (s[y * width + xm] as number) + (s[y * width + x] as number) + (s[y * width + xp] as number) +
        (s[yp * width + xm] as number) + (s[yp * width + x] as number) + (s[yp * width + xp] as number);
      const v = s[y * width + x] as number;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(v + amount * (v - sum / 9))));
    }
  }
  return { image: { width, height, data: out }, toInput: same };
}

/**
 * Rotates clockwise by `degrees` about the centre onto a canvas that holds the whole input,
 * filling the corners white (a quiet zone, never a bar). Engines scan rows and columns, so a 1D
 * code lying diagonally across the frame only reads once turned near level.
 */
export function rotate(src: GrayImage, degrees: number): Transformed {
  const quarter = (((degrees % 360) + 360) % 360) / 90;
  if (Number.isInteger(quarter)) return rotateQuarters(src, quarter);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  // The small epsilon keeps cos(90°) = 6e-17 from adding a whole pixel of canvas.
  const width = Math.ceil(Math.abs(src.width * cos) + Math.abs(src.height * sin) - 1e-6);
  const height = Math.ceil(Math.abs(src.width * sin) + Math.abs(src.height * cos) - 1e-6);
  const cx = src.width / 2;
  const cy = src.height / 2;
  const ox = width / 2;
  const oy = height / 2;
  const out = new Uint8Array(width * height).fill(255);
  const s = src.data;
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - oy;
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - ox;
      // Inverse rotation: where in the input does this output pixel come from?
      const fx = dx * cos + dy * sin + cx - 0.5;
      const fy = -dx * sin + dy * cos + cy - 0.5;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= src.width || y0 + 1 >= src.height) continue;
      const wx = fx - x0;
      const wy = fy - y0;
      const i = y0 * src.width + x0;
      const top = (s[i] as number) * (1 - wx) + (s[i + 1] as number) * wx;
      const bottom = (s[i + src.width] as number) * (1 - wx) + (s[i + src.width + 1] as number) * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return {
    image: { width, height, data: out },
    toInput: (p) => {
      const dx = p.x - ox;
      const dy = p.y - oy;
      return { x: dx * cos + dy * sin + cx, y: -dx * sin + dy * cos + cy };
    },
  };
}

/**
 * Local contrast normalisation: each pixel minus the mean of the `radius` window around it,
 * divided by that window's spread. Glare on a curved can or bottle leaves bars a few grey levels
 * apart on a bright sweep; after this they span the full range everywhere.
 */
export function normalizeLocal(src: GrayImage, radius = 12): Transformed {
  const { width, height, data: s } = src;
  const w1 = width + 1;
  // Integral images of values and squares (Float64: squares of a 8K frame overflow 32 bits).
  const sum = new Float64Array(w1 * (height + 1));
  const sq = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    let rowSq = 0;
    for (let x = 0; x < width; x++) {
      const v = s[y * width + x] as number;
      rowSum += v;
      rowSq += v * v;
      sum[(y + 1) * w1 + x + 1] = (sum[y * w1 + x + 1] as number) + rowSum;
      sq[(y + 1) * w1 + x + 1] = (sq[y * w1 + x + 1] as number) + rowSq;
    }
  }
  const out = new Uint8Array(s.length);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const n = (y1 - y0) * (x1 - x0);
      const a = y1 * w1 + x1;
      const b = y0 * w1 + x1;
      const c = y1 * w1 + x0;
      const d = y0 * w1 + x0;
      const mean = ((sum[a] as number) - (sum[b] as number) - (sum[c] as number) + (sum[d] as number)) / n;
      const meanSq = ((sq[a] as number) - (sq[b] as number) - (sq[c] as number) + (sq[d] as number)) / n;
      const sd = Math.sqrt(Math.max(0, meanSq - mean * mean));
      const v = s[y * width + x] as number;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(128 + (64 * (v - mean)) / (sd + 4))));
    }
  }
  return { image: { width, height, data: out }, toInput: same };
}

/** Rotation by whole quarter turns clockwise, pixel for pixel (no interpolation to soften 1-bit renders). */
function rotateQuarters(src: GrayImage, quarters: number): Transformed {
  const { width: w, height: h, data: s } = src;
  if (quarters === 0) return { image: src, toInput: same };
  const width = quarters === 2 ? w : h;
  const height = quarters === 2 ? h : w;
  const out = new Uint8Array(s.length);
  // Where output pixel (x, y) comes from in the input.
  const from: (x: number, y: number) => [number, number] =
    quarters === 1 ? (x, y) => [y, h - 1 - x] : quarters === 2 ? (x, y) => [w - 1 - x, h - 1 - y] : (x, y) => [w - 1 - y, x];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = from(x, y);
      out[y * width + x] = s[sy * w + sx] as number;
    }
  }
  // Points are continuous: pixel (x, y) spans [x, x+1), so the mapping uses the edges w and h.
  const toInput: (p: Point) => Point =
    quarters === 1 ? (p) => ({ x: p.y, y: h - p.x }) : quarters === 2 ? (p) => ({ x: w - p.x, y: h - p.y }) : (p) => ({ x: w - p.y, y: p.x });
  return { image: { width, height, data: out }, toInput };
}
