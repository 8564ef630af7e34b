// The code a new cart shows on its staff screen: 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), written XXXX-XXXX, drawn without modulo bias.
import type { SecureRandom } from '../secure-random.js';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LIMIT = 256 - (256 % ALPHABET.length);

export function newPairingCode(random: SecureRandom): string {
  let code = '';
  while (code.length < 8) {
    for (const byte of random.bytes(16)) {
      if (byte < LIMIT && code.length < 8) code += ALPHABET[byte % ALPHABET.length];
    }
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const pairingCodePattern = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;
