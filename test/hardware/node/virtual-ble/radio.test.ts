import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { meanRssi, RadioLink, STORE_RADIO, type RadioModel } from '../../../../hardware/node/virtual-ble/radio.js';

const noiseless: RadioModel = { ...STORE_RADIO, shadowingSigmaDb: 0, fastSigmaDb: 0, packetLoss: 0, sensitivityDbm: -200 };

describe('log-distance path loss', () => {
  it('loses 10·n dB per decade of distance', () => {
    expect(meanRssi(1, -59, STORE_RADIO)).toBe(-59);
    expect(meanRssi(10, -59, STORE_RADIO)).toBeCloseTo(-59 - 27, 9);
    expect(meanRssi(100, -59, { ...STORE_RADIO, exponent: 2 })).toBeCloseTo(-99, 9);
  });

  it('does not blow up at zero distance', () => {
    expect(meanRssi(0, -59, STORE_RADIO)).toBeCloseTo(-59 + 27, 9);
  });

  it('without noise, a link reports the model exactly (rounded to whole dBm)', () => {
    const link = new RadioLink(noiseless, seededRandom(1));
    expect(link.receive([0, 0, 0], [4, 3, 0], -59)).toBe(Math.round(-59 - 27 * Math.log10(5)));
  });

  it('averages to the model, spreads by the shadowing and fading sigmas when the cart moves', () => {
    const link = new RadioLink({ ...STORE_RADIO, packetLoss: 0, sensitivityDbm: -200 }, seededRandom(7));
    const samples: number[] = [];
    // The cart moves 10 m between packets: shadowing decorrelates, samples are independent.
    for (let i = 0; i < 4000; i++) samples.push(link.receive([0, 0, 0], [i * 10, 5, 0], -59) as number);
    const expected = samples.map((_, i) => meanRssi(Math.hypot(i * 10, 5), -59, STORE_RADIO));
    const residuals = samples.map((s, i) => s - (expected[i] as number));
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    const sd = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / residuals.length);
    expect(Math.abs(mean)).toBeLessThan(0.4);
    expect(sd).toBeGreaterThan(5);
    expect(sd).toBeLessThan(5.8); // sqrt(5² + 2²) ≈ 5.4, plus rounding
  });

  it('keeps shadowing correlated while the cart stands still', () => {
    const link = new RadioLink({ ...STORE_RADIO, fastSigmaDb: 0, packetLoss: 0, sensitivityDbm: -200 }, seededRandom(3));
    const still = Array.from({ length: 50 }, () => link.receive([0, 0, 0], [5, 0, 0], -59));
    expect(new Set(still).size).toBe(1);
  });

  it('drops packets below sensitivity and at the loss rate', () => {
    const far = new RadioLink(noiseless, seededRandom(1));
    expect(far.receive([0, 0, 0], [1000, 0, 0], -59)).toBe(-59 - 81);
    const deaf = new RadioLink({ ...noiseless, sensitivityDbm: -90 }, seededRandom(1));
    expect(deaf.receive([0, 0, 0], [100, 0, 0], -59)).toBeNull();
    const lossy = new RadioLink({ ...noiseless, packetLoss: 0.3 }, seededRandom(9));
    const got = Array.from({ length: 5000 }, () => lossy.receive([0, 0, 0], [1, 0, 0], -59)).filter((r) => r !== null).length;
    expect(got / 5000).toBeGreaterThan(0.67);
    expect(got / 5000).toBeLessThan(0.73);
  });
});
