// A cart's identity: an Ed25519 key pair it makes itself. The store only ever sees the public
// half (raw 32 bytes, base64url); the private half never leaves the cart's disk.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../common/result.js';
import { CART_AUTH_HEADERS, canonicalRequest, type CartRequestParts } from './canonical.js';

export interface CartKeys {
  /** Raw Ed25519 public key, base64url (43 characters): what the store stores. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

export function generateCartKeys(): CartKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: exportPublicKey(publicKey), privateKey };
}

function exportPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return jwk.x;
}

/** PKCS#8 PEM, for the cart to keep on its disk (mode 0600). */
export const exportPrivateKey = (keys: CartKeys): string => keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Reads back a key pair saved with exportPrivateKey. */
export function importCartKeys(pem: string): CartKeys {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, found ${privateKey.asymmetricKeyType ?? 'a secret key'}`);
  return { publicKey: exportPublicKey(createPublicKey(privateKey)), privateKey };
}

/** Why a public key text was refused. */
export type PublicKeyProblem = 'not-base64url' | 'wrong-length' | 'not-a-key';

/** Parses the base64url public key a cart presented. */
export function parsePublicKey(text: string): Result<KeyObject, PublicKeyProblem> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return err('not-base64url');
  if (Buffer.from(text, 'base64url').length !== 32) return err('wrong-length');
  try {
    return ok(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' }));
  } catch {
    return err('not-a-key');
  }
}

/** A fresh nonce: 16 random bytes, base64url. */
export const newNonce = (): string => randomBytes(16).toString('base64url');

/** The signature (base64url) over the canonical request. */
export const signCartRequest = (privateKey: KeyObject, parts: CartRequestParts): string =>
  sign(null, Buffer.from(canonicalRequest(parts)), privateKey).toString('base64url');

/** The four headers to send with a request, signed now with a fresh nonce unless given. */
export function cartAuthHeaders(keys: CartKeys, parts: Omit<CartRequestParts, 'nonce'> & { nonce?: string }): Record<string, string> {
  const full: CartRequestParts = { ...parts, nonce: parts.nonce ?? newNonce() };
  return {
    [CART_AUTH_HEADERS.cartId]: full.cartId,
    [CART_AUTH_HEADERS.timestamp]: String(full.timestamp),
    [CART_AUTH_HEADERS.nonce]: full.nonce,
    [CART_AUTH_HEADERS.signature]: signCartRequest(keys.privateKey, full),
  };
}

/** True when `signature` (base64url) is this key's signature over the request; never throws. */
export function verifyCartRequest(publicKey: KeyObject, parts: CartRequestParts, signature: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  try {
    return verify(null, Buffer.from(canonicalRequest(parts)), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
