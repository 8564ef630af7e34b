// Lane frames travel from the cart to the store as hex in JSON; this is the boundary check.
import { z } from 'zod';

/** Hex text of a lane frame as the cart forwards it (even length, at most a full advertisement). */
export const laneFrameHexSchema = z
  .string()
  .max(62)
  .regex(/^(?:[0-9a-f]{2})+$/i, 'lane frame must be hex, two digits a byte');

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Bytes of already validated hex (see laneFrameHexSchema). */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
