import { describe, expect, it } from 'vitest';
import { bodyDigest, canonicalRequest, type CartRequestParts } from '../../../../domain/node/cart-auth/canonical.js';
import {
  cartAuthHeaders,
  exportPrivateKey,
  generateCartKeys,
  importCartKeys,
  parsePublicKey,
  signCartRequest,
  verifyCartRequest,
} from '../../../../domain/node/cart-auth/keys.js';

const keys = generateCartKeys();
const publicKey = (() => {
  const parsed = parsePublicKey(keys.publicKey);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
const request: CartRequestParts = {
  cartId: 'cart_abc',
  method: 'POST',
  path: '/api/cart/trips',
  body: '{"signInToken":"x"}',
  timestamp: 1_795_000_000_000,
  nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
};

describe('cart request signing', () => {
  it('verifies what it signed', () => {
    expect(verifyCartRequest(publicKey, request, signCartRequest(keys.privateKey, request))).toBe(true);
  });

  it.each<[string, Partial<CartRequestParts>]>([
    ['method', { method: 'GET' }],
    ['path', { path: '/api/cart/trips?x=1' }],
    ['body', { body: '{"signInToken":"y"}' }],
    ['timestamp', { timestamp: request.timestamp + 1 }],
    ['nonce', { nonce: 'BAAAAAAAAAAAAAAAAAAAAA' }],
    ['cart', { cartId: 'cart_abd' }],
  ])('refuses the signature when the %s changes', (_what, change) => {
    const signature = signCartRequest(keys.privateKey, request);
    expect(verifyCartRequest(publicKey, { ...request, ...change }, signature)).toBe(false);
  });

  it('refuses another key, and garbage, without throwing', () => {
    const other = generateCartKeys();
    expect(verifyCartRequest(publicKey, request, signCartRequest(other.privateKey, request))).toBe(false);
    for (const junk of ['', 'not base64!', 'A'.repeat(86), 'A'.repeat(500)]) expect(verifyCartRequest(publicKey, request, junk)).toBe(false);
  });

  it('hashes bytes and text alike, and never leaves a body unsigned', () => {
    expect(bodyDigest(Buffer.from('{}'))).toBe(bodyDigest('{}'));
    expect(canonicalRequest({ ...request, body: '' })).toContain(bodyDigest(''));
    expect(canonicalRequest({ ...request, method: 'post' }).split('\n')[1]).toBe('POST');
  });

  it('builds the four headers, with a fresh nonce each time', () => {
    const { nonce: _given, ...unsigned } = request;
    const a = cartAuthHeaders(keys, unsigned);
    const b = cartAuthHeaders(keys, unsigned);
    expect(Object.keys(a).sort()).toEqual(['x-tally-cart', 'x-tally-nonce', 'x-tally-signature', 'x-tally-timestamp']);
    expect(a['x-tally-nonce']).not.toBe(b['x-tally-nonce']);
  });

  it('keeps a key across a save and load', () => {
    const loaded = importCartKeys(exportPrivateKey(keys));
    expect(loaded.publicKey).toBe(keys.publicKey);
    expect(verifyCartRequest(publicKey, request, signCartRequest(loaded.privateKey, request))).toBe(true);
  });

  it('says what is wrong with a public key', () => {
    expect(parsePublicKey('../../etc/passwd')).toEqual({ ok: false, error: 'not-base64url' });
    expect(parsePublicKey('AAAA')).toEqual({ ok: false, error: 'wrong-length' });
    expect(keys.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
