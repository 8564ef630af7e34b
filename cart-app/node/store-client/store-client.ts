// The cart's side of the store's HTTP API (docs/store-server.md): every request signed with the
// cart's Ed25519 key, every answer checked before the cart acts on it. The store is
// authoritative for money, so the checkout's receipt comes back from here, not from the cart.
import { z } from 'zod';
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import { cartAuthHeaders, type CartKeys } from '../../../domain/node/cart-auth/keys.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';

/** Why a call to the store did not do what the cart asked: the store's error code and words, or the network's. */
export interface StoreCallError {
  /** The store's `error` code (`sign-in-refused`, `payment-declined` …), or `network` / `bad-answer`. */
  readonly code: string;
  readonly message: string;
  readonly status: number | null;
}

const storeError = z.object({ error: z.string(), message: z.string() });
const pairingAnswer = z.object({ cartId: z.string(), code: z.string(), expiresAt: z.number() });
const statusAnswer = z.object({ cartId: z.string(), name: z.string(), state: z.enum(['pending', 'paired', 'unpaired']), locked: z.boolean(), lockReason: z.string().nullable() });
const tripAnswer = z.object({ tripId: z.string(), shopper: z.object({ id: z.string(), name: z.string(), member: z.boolean() }).nullable() });
const holdAnswer = z.union([z.object({ tripId: z.string(), state: z.literal('held'), amount: z.number(), currency: z.string() }), z.object({ tripId: z.string(), state: z.literal('checked-out') })]);
/** The receipt is the store's own pricing output; the cart shows it as it came. */
const paidAnswer = z.object({ tripId: z.string(), state: z.literal('paid'), receiptId: z.string(), currency: z.string(), total: z.int(), laneId: z.int(), receipt: z.looseObject({ total: z.int(), lines: z.array(z.unknown()) }) });

export type PaidAnswer = Omit<z.output<typeof paidAnswer>, 'receipt'> & { readonly receipt: Receipt };

const badgeAnswer = z.object({ staffId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/), name: z.string(), role: z.enum(['associate', 'manager']) });

const snapshotAnswer = z.object({ tripId: z.string(), snapshotId: z.string(), contentType: z.enum(['image/jpeg', 'image/png']), width: z.int(), height: z.int(), duplicate: z.literal(true).optional() });

/** A camera picture taken as evidence for an alert (or another log event) of the trip. */
export interface TripSnapshot {
  /** Chosen by the cart (8-64 of A-Z a-z 0-9 _ -) and kept for retries: the store stores one id once. */
  readonly snapshotId: string;
  readonly alertId?: string;
  readonly eventSeq?: number;
  /** Which camera took it (`top`, `left` …). */
  readonly camera: string;
  readonly takenAt: number;
  /** JPEG or PNG bytes, at most 512 KiB. */
  readonly image: Uint8Array;
}

export class StoreClient {
  readonly #base: string;
  readonly #keys: CartKeys;
  readonly #clock: Clock;
  #cartId: string;

  /** `cartId` is "pairing" until the store has given the cart its id. */
  constructor(options: { readonly baseUrl: string; readonly keys: CartKeys; readonly clock: Clock; readonly cartId?: string }) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#keys = options.keys;
    this.#clock = options.clock;
    this.#cartId = options.cartId ?? 'pairing';
  }

  get cartId(): string {
    return this.#cartId;
  }

  /** Asks to be paired; the code goes on the staff screen for someone to approve. */
  async requestPairing(name: string): Promise<Result<z.output<typeof pairingAnswer>, StoreCallError>> {
    const asked = await this.#send('POST', '/api/pairing', { publicKey: this.#keys.publicKey, name }, pairingAnswer);
    if (asked.ok) this.#cartId = asked.value.cartId;
    return asked;
  }

  /** The cart as the store sees it: pending until staff approve its pairing code. */
  status(): Promise<Result<z.output<typeof statusAnswer>, StoreCallError>> {
    return this.#send('GET', '/api/cart/status', undefined, statusAnswer);
  }

  /** Redeems the code the shopper's QR carried; the store opens a trip. */
  startTrip(signInToken: string): Promise<Result<z.output<typeof tripAnswer>, StoreCallError>> {
    return this.#send('POST', '/api/cart/trips', { signInToken }, tripAnswer);
  }

  hold(tripId: string): Promise<Result<z.output<typeof holdAnswer>, StoreCallError>> {
    return this.#send('POST', `/api/cart/trips/${encodeURIComponent(tripId)}/hold`, undefined, holdAnswer);
  }

  async checkout(tripId: string, body: { readonly laneId: number; readonly laneFrame: string; readonly events: readonly SessionEvent[]; readonly cartTotal: number; readonly leftAt?: number }): Promise<Result<PaidAnswer, StoreCallError>> {
    const paid = await this.#send('POST', `/api/cart/trips/${encodeURIComponent(tripId)}/checkout`, body, paidAnswer);
    // The receipt's shape is the pricing engine's own (payments/), which the store ran.
    return paid.ok ? ok({ ...paid.value, receipt: paid.value.receipt as unknown as Receipt }) : paid;
  }

  /**
   * Hands in a camera snapshot for one of this cart's trips. Safe to retry with the same id: a
   * picture the store already has comes back with `duplicate: true` and is not stored again.
   */
  uploadSnapshot(tripId: string, snapshot: TripSnapshot): Promise<Result<z.output<typeof snapshotAnswer>, StoreCallError>> {
    const { image, ...header } = snapshot;
    return this.#send('POST', `/api/cart/trips/${encodeURIComponent(tripId)}/snapshots`, { ...header, image: Buffer.from(image).toString('base64') }, snapshotAnswer);
  }

  /**
   * Asks the store whose badge the camera read. The store answers `unknown-badge`,
   * `badge-revoked` or `staff-inactive` for one that must not sign anyone in.
   */
  checkStaffBadge(badge: string): Promise<Result<z.output<typeof badgeAnswer>, StoreCallError>> {
    return this.#send('POST', '/api/cart/staff-badge', { badge }, badgeAnswer);
  }

  async #send<T>(method: 'GET' | 'POST', url: string, body: unknown, answer: z.ZodType<T>): Promise<Result<T, StoreCallError>> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers = cartAuthHeaders(this.#keys, { cartId: this.#cartId, method, path: url, body: payload, timestamp: this.#clock.now() });
    let response: Response;
    try {
      response = await fetch(`${this.#base}${url}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: payload }) });
    } catch (error) {
      return err({ code: 'network', message: `the store did not answer: ${error instanceof Error ? error.message : String(error)}`, status: null });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return err({ code: 'bad-answer', message: `the store answered ${response.status} with something that is not JSON`, status: response.status });
    }
    if (!response.ok) {
      const problem = storeError.safeParse(json);
      return err(problem.success ? { code: problem.data.error, message: problem.data.message, status: response.status } : { code: 'bad-answer', message: `the store answered ${response.status}`, status: response.status });
    }
    const parsed = answer.safeParse(json);
    return parsed.success ? ok(parsed.data) : err({ code: 'bad-answer', message: `the store's answer to ${method} ${url} was not what the cart expects`, status: response.status });
  }
}
