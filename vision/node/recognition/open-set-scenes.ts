// Pictures of things a basket camera sees that are not products: an empty basket, a shopper's
// hand, a handbag, the bare floor. Drawn (seeded) rather than photographed, so the project ships
// no photos; they check that the recognizer answers "unknown" instead of naming a product.
import sharp from 'sharp';
import type { Random } from '../../../domain/common/random.js';

export type SceneKind = 'empty-basket' | 'hand' | 'handbag' | 'floor';
export const sceneKinds: readonly SceneKind[] = ['empty-basket', 'hand', 'handbag', 'floor'];

export interface Scene {
  readonly kind: SceneKind;
  /** PNG bytes, size × size. */
  readonly png: Buffer;
}

const pick = <T>(rng: Random, items: readonly T[]): T => items[rng.int(0, items.length - 1)] as T;
const hsl = (h: number, s: number, l: number): string => `hsl(${h.toFixed(0)},${s.toFixed(0)}%,${l.toFixed(0)}%)`;

/** Film grain and uneven light, so the drawings are not flat colour. */
function texture(rng: Random, id: string): string {
  return `<filter id="${id}"><feTurbulence type="fractalNoise" baseFrequency="${(0.5 + rng.next()).toFixed(2)}" numOctaves="2" seed="${rng.int(1, 9999)}"/>
    <feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncA type="linear" slope="0.18"/></feComponentTransfer></filter>`;
}

function basket(rng: Random, s: number): string {
  const colour = hsl(pick(rng, [0, 210, 120, 30]), 60 + rng.int(0, 30), 25 + rng.int(0, 25));
  const step = rng.int(18, 34);
  const bars: string[] = [];
  for (let x = -s; x < 2 * s; x += step) bars.push(`<line x1="${x}" y1="0" x2="${x + rng.int(-20, 20)}" y2="${s}" stroke="${colour}" stroke-width="${rng.int(4, 9)}"/>`);
  for (let y = 0; y < s; y += step) bars.push(`<line x1="0" y1="${y}" x2="${s}" y2="${y + rng.int(-10, 10)}" stroke="${colour}" stroke-width="${rng.int(4, 9)}"/>`);
  const floor = hsl(rng.int(20, 50), rng.int(5, 25), rng.int(55, 80));
  return `<rect width="${s}" height="${s}" fill="${floor}"/>${bars.join('')}
    <rect x="${rng.int(0, 30)}" y="${rng.int(0, 30)}" width="${s - rng.int(30, 80)}" height="${s - rng.int(30, 80)}" fill="none" stroke="${colour}" stroke-width="${rng.int(12, 24)}" rx="16"/>`;
}

function hand(rng: Random, s: number): string {
  const skin = hsl(rng.int(15, 35), rng.int(30, 60), rng.int(35, 80));
  const cx = s / 2 + rng.int(-40, 40);
  const cy = s / 2 + rng.int(0, 60);
  const fingers = [0, 1, 2, 3]
    .map((i) => `<rect x="${cx - 70 + i * 36}" y="${cy - 150 + Math.abs(i - 1.5) * 18}" width="30" height="${110 - Math.abs(i - 1.5) * 15}" rx="15" fill="${skin}"/>`)
    .join('');
  const bg = hsl(rng.int(0, 360), rng.int(0, 30), rng.int(30, 85));
  return `<rect width="${s}" height="${s}" fill="${bg}"/>
    <g transform="rotate(${rng.int(-50, 50)} ${cx} ${cy})">${fingers}
    <ellipse cx="${cx}" cy="${cy}" rx="80" ry="95" fill="${skin}"/>
    <rect x="${cx + 55}" y="${cy - 40}" width="28" height="90" rx="14" fill="${skin}" transform="rotate(-35 ${cx + 69} ${cy})"/>
    <rect x="${cx - 60}" y="${cy + 60}" width="120" height="${s}" fill="${skin}"/></g>`;
}

function handbag(rng: Random, s: number): string {
  const leather = hsl(pick(rng, [20, 0, 30, 220, 300]), rng.int(20, 70), rng.int(10, 45));
  const bg = hsl(rng.int(0, 360), rng.int(0, 20), rng.int(50, 85));
  const w = rng.int(180, 260);
  const h = rng.int(140, 200);
  const x = (s - w) / 2 + rng.int(-30, 30);
  const y = s - h - rng.int(10, 60);
  return `<rect width="${s}" height="${s}" fill="${bg}"/>
    <path d="M ${x + 40} ${y} Q ${x + w / 2} ${y - rng.int(90, 150)} ${x + w - 40} ${y}" stroke="${leather}" stroke-width="14" fill="none"/>
    <path d="M ${x} ${y + h} L ${x + 20} ${y} L ${x + w - 20} ${y} L ${x + w} ${y + h} Z" fill="${leather}"/>
    <rect x="${x + w / 2 - 18}" y="${y + 30}" width="36" height="22" fill="${hsl(45, 60, 60)}"/>`;
}

function floor(rng: Random, s: number): string {
  const tile = rng.int(40, 110);
  const a = hsl(rng.int(0, 60), rng.int(0, 20), rng.int(55, 85));
  const b = hsl(rng.int(0, 60), rng.int(0, 20), rng.int(40, 70));
  return `<defs><pattern id="t" width="${tile * 2}" height="${tile * 2}" patternUnits="userSpaceOnUse" patternTransform="rotate(${rng.int(0, 45)})">
    <rect width="${tile * 2}" height="${tile * 2}" fill="${a}"/><rect width="${tile}" height="${tile}" fill="${b}"/><rect x="${tile}" y="${tile}" width="${tile}" height="${tile}" fill="${b}"/></pattern></defs>
    <rect width="${s}" height="${s}" fill="url(#t)"/>`;
}

const draw: Record<SceneKind, (rng: Random, s: number) => string> = { 'empty-basket': basket, hand, handbag, floor };

/** `perKind` scenes of every kind, the same ones for the same generator state. */
export async function openSetScenes(rng: Random, perKind: number, size = 348): Promise<Scene[]> {
  const scenes: Scene[] = [];
  for (const kind of sceneKinds) {
    for (let i = 0; i < perKind; i++) {
      const body = draw[kind](rng, size);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${texture(rng, 'g')}${body}
        <rect width="${size}" height="${size}" filter="url(#g)"/></svg>`;
      scenes.push({ kind, png: await sharp(Buffer.from(svg)).png().toBuffer() });
    }
  }
  return scenes;
}
