import { beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { encodeLaneManufacturerData, parseLaneManufacturerData } from '../../../../payments/common/lane/advertisement.js';
import { LaneConfigError, type LaneTokenRefusal } from '../../../../payments/common/lane/errors.js';
import { toHex } from '../../../../payments/common/lane/hex.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';
import { laneMac } from '../../../../payments/node/lane/mac.js';
import { LaneTokenVerifier } from '../../../../payments/node/lane/verifier.js';

const random = seededRandom(6);
const secretOf = () => Uint8Array.from({ length: 32 }, () => random.int(0, 255));
const secrets = new Map([
  [1, secretOf()],
  [2, secretOf()],
]);
const START = 1_764_000_000_000;

let clock: SimulatedClock;
let verifier: LaneTokenVerifier;
let lane1: LaneBeacon;
let lane2: LaneBeacon;

beforeEach(() => {
  clock = new SimulatedClock(START);
  verifier = new LaneTokenVerifier({ clock, secrets });
  lane1 = new LaneBeacon({ laneId: 1, secret: secrets.get(1) as Uint8Array, clock, measuredPower: -59 });
  lane2 = new LaneBeacon({ laneId: 2, secret: secrets.get(2) as Uint8Array, clock, measuredPower: -59 });
});

function refusal(r: ReturnType<LaneTokenVerifier['verify']>): LaneTokenRefusal['kind'] {
  if (r.ok) throw new Error('expected the token to be refused');
  return r.error.kind;
}

describe('LaneTokenVerifier', () => {
  it('accepts a fresh token from the right lane, as bytes or as forwarded hex', () => {
    const r = verifier.verify({ laneId: 1, frame: lane1.manufacturerData(), tripId: 't1' });
    expect(r).toMatchObject({ ok: true, value: { agePeriods: 0, repeat: false, token: { laneId: 1 } } });
    const hex = verifier.verify({ laneId: 2, frame: toHex(lane2.manufacturerData()).toUpperCase(), tripId: 't2' });
    expect(hex.ok).toBe(true);
  });

  it('rotates the token every 4 seconds', () => {
    const a = toHex(lane1.manufacturerData());
    clock.advance(3_999 - (START % 4_000));
    expect(toHex(lane1.manufacturerData())).toBe(a);
    clock.advance(1);
    expect(toHex(lane1.manufacturerData())).not.toBe(a);
  });

  it('lets several carts leaving in one period spend the same token, up to the bound', () => {
    const frame = lane1.manufacturerData();
    for (let i = 1; i <= 8; i++) expect(verifier.verify({ laneId: 1, frame, tripId: `t${i}` })).toMatchObject({ ok: true, value: { repeat: false } });
    expect(refusal(verifier.verify({ laneId: 1, frame, tripId: 't9' }))).toBe('replayed');
    // The next period's token is a new one: the ninth cart pays with it.
    clock.advance(4_000);
    expect(verifier.verify({ laneId: 1, frame: lane1.manufacturerData(), tripId: 't9' }).ok).toBe(true);
  });

  it('counts a trip presenting its token again as a retry, never as another spend', () => {
    const one = new LaneTokenVerifier({ clock, secrets, maxTripsPerToken: 1 });
    const frame = lane1.manufacturerData();
    expect(one.verify({ laneId: 1, frame, tripId: 't1' })).toMatchObject({ ok: true, value: { repeat: false } });
    for (let i = 0; i < 5; i++) expect(one.verify({ laneId: 1, frame, tripId: 't1' })).toMatchObject({ ok: true, value: { repeat: true } });
    expect(refusal(one.verify({ laneId: 1, frame, tripId: 't2' }))).toBe('replayed');
    expect(one.rememberedTokens).toBe(1);
  });

  it('refuses a bound on trips per token that is not 1-64', () => {
    for (const maxTripsPerToken of [0, -1, 1.5, 65, Number.NaN]) expect(() => new LaneTokenVerifier({ clock, secrets, maxTripsPerToken })).toThrow(LaneConfigError);
  });

  it('refuses a token recorded earlier once its window has passed', () => {
    const frame = lane1.manufacturerData();
    clock.advance(8_000);
    expect(verifier.verify({ laneId: 1, frame, tripId: 't1' }).ok).toBe(true);
    clock.advance(4_000);
    expect(refusal(verifier.verify({ laneId: 1, frame, tripId: 't2' }))).toBe('stale');
  });

  it('refuses a token from a beacon clock too far ahead', () => {
    const ahead = new SimulatedClock(START + 8_000);
    const beacon = new LaneBeacon({ laneId: 1, secret: secrets.get(1) as Uint8Array, clock: ahead, measuredPower: -59 });
    expect(refusal(verifier.verify({ laneId: 1, frame: beacon.manufacturerData(), tripId: 't1' }))).toBe('from-the-future');
  });

  it('refuses a token from another lane than the checkout, and lanes it has no secret for', () => {
    expect(refusal(verifier.verify({ laneId: 1, frame: lane2.manufacturerData(), tripId: 't1' }))).toBe('wrong-lane');
    const stranger = new LaneBeacon({ laneId: 9, secret: secretOf(), clock, measuredPower: -59 });
    expect(refusal(verifier.verify({ laneId: 9, frame: stranger.manufacturerData(), tripId: 't1' }))).toBe('unknown-lane');
  });

  it('refuses forged tokens: a flipped MAC bit, another secret, a lane id changed in transit', () => {
    const frame = lane1.manufacturerData();
    for (let bit = 0; bit < 96; bit += 7) {
      const bad = Uint8Array.from(frame);
      bad[12 + (bit >> 3)] = (bad[12 + (bit >> 3)] as number) ^ (1 << (bit & 7));
      expect(refusal(verifier.verify({ laneId: 1, frame: bad, tripId: `f${bit}` }))).toBe('forged');
    }
    const impostor = new LaneBeacon({ laneId: 1, secret: secretOf(), clock, measuredPower: -59 });
    expect(refusal(verifier.verify({ laneId: 1, frame: impostor.manufacturerData(), tripId: 'f' }))).toBe('forged');
    const relabelled = Uint8Array.from(lane2.manufacturerData());
    relabelled[7] = 1; // lane 2 -> lane 1, MAC kept
    expect(refusal(verifier.verify({ laneId: 1, frame: relabelled, tripId: 'f' }))).toBe('forged');
    // A forger who bumps the counter to revive an old token breaks the MAC too.
    const bumped = Uint8Array.from(frame);
    bumped[11] = (bumped[11] as number) ^ 1;
    expect(refusal(verifier.verify({ laneId: 1, frame: bumped, tripId: 'f' }))).toBe('forged');
  });

  it('refuses malformed frames with the parser reason', () => {
    const r = verifier.verify({ laneId: 1, frame: new Uint8Array(5), tripId: 't' });
    expect(refusal(r)).toBe('malformed');
    expect(r.ok ? undefined : r.error.frameError?.kind).toBe('not-a-lane-frame');
    expect(refusal(verifier.verify({ laneId: 1, frame: 'not hex', tripId: 't' }))).toBe('malformed');
    expect(refusal(verifier.verify({ laneId: 1, frame: 'ab'.repeat(40), tripId: 't' }))).toBe('malformed');
  });

  it('refuses a beacon that rotates at another rate', () => {
    const slow = new LaneBeacon({ laneId: 1, secret: secrets.get(1) as Uint8Array, clock, rotationExponent: 5, measuredPower: -59 });
    expect(refusal(verifier.verify({ laneId: 1, frame: slow.manufacturerData(), tripId: 't' }))).toBe('wrong-rotation');
  });

  it('forgets spent tokens once they could no longer be fresh', () => {
    for (let i = 0; i < 50; i++) {
      verifier.verify({ laneId: 1, frame: lane1.manufacturerData(), tripId: `t${i}` });
      clock.advance(4_000);
    }
    expect(verifier.rememberedTokens).toBeLessThanOrEqual(3);
  });

  it('computes the MAC the beacon sends from the secret alone', () => {
    const parsed = parseLaneManufacturerData(lane1.manufacturerData());
    if (!parsed.ok) throw parsed.error;
    const { token } = parsed.value;
    expect(toHex(laneMac(secrets.get(1) as Uint8Array, 1, token.rotationExponent, token.counter))).toBe(toHex(token.mac));
    // The encoder is the beacon's: a hand-built frame with that MAC is byte-identical.
    expect(toHex(encodeLaneManufacturerData(parsed.value))).toBe(toHex(lane1.manufacturerData()));
  });

  it('rejects bad configuration at start-up', () => {
    expect(() => new LaneTokenVerifier({ clock, secrets: new Map([[1, new Uint8Array(8)]]) })).toThrow(LaneConfigError);
    expect(() => new LaneTokenVerifier({ clock, secrets: new Map([[70_000, secretOf()]]) })).toThrow(LaneConfigError);
    expect(() => new LaneTokenVerifier({ clock, secrets, rotationExponent: 16 })).toThrow(LaneConfigError);
    expect(() => new LaneTokenVerifier({ clock, secrets, maxAgePeriods: -1 })).toThrow(LaneConfigError);
    expect(() => new LaneBeacon({ laneId: -1, secret: secretOf(), clock, measuredPower: -59 })).toThrow(LaneConfigError);
    expect(() => new LaneBeacon({ laneId: 1, secret: secretOf(), clock, measuredPower: 200 })).toThrow(LaneConfigError);
  });
});
