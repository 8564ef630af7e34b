import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { Ctrl2, Nau7802Reg, PuCtrl, RATE_CODES, decodeSample, encodeSample } from '../../../../hardware/common/nau7802.js';
import { I2cFault } from '../../../../hardware/node/virtual-board/i2c-device.js';
import { VirtualNau7802 } from '../../../../hardware/node/virtual-devices/nau7802.js';

function chip(input: (t: number) => number = () => 0.0001) {
  const clock = new SimulatedClock(0);
  const adc = new VirtualNau7802({ clock, random: seededRandom(3), input });
  const w = (reg: number, v: number): void => adc.write(Uint8Array.of(reg, v));
  const r = (reg: number, n = 1): number[] => {
    const got = adc.read(reg, n);
    if (got instanceof I2cFault) throw new Error(`read failed: ${got.kind}`);
    return [...got];
  };
  const counts = (): number => {
    const [b2 = 0, b1 = 0, b0 = 0] = r(Nau7802Reg.ADCO_B2, 3);
    return decodeSample(b2, b1, b0);
  };
  /** SparkFun's begin(): reset, power up, gain 128, 80 SPS, cycle start, internal calibration. */
  const begin = (rate: keyof typeof RATE_CODES = 80): void => {
    w(Nau7802Reg.PU_CTRL, PuCtrl.RR);
    w(Nau7802Reg.PU_CTRL, 0);
    w(Nau7802Reg.PU_CTRL, PuCtrl.PUD | PuCtrl.PUA);
    clock.advance(1);
    w(Nau7802Reg.CTRL1, 0b111);
    w(Nau7802Reg.CTRL2, RATE_CODES[rate] << Ctrl2.CRS_SHIFT);
    w(Nau7802Reg.PU_CTRL, PuCtrl.PUD | PuCtrl.PUA | PuCtrl.CS);
    w(Nau7802Reg.CTRL2, (RATE_CODES[rate] << Ctrl2.CRS_SHIFT) | Ctrl2.CALS);
    clock.advance(1000);
    r(Nau7802Reg.CTRL2);
  };
  return { clock, adc, w, r, counts, begin };
}

describe('virtual NAU7802', () => {
  it('starts powered down with revision 0xF and raises PUR only after PUD and PUA', () => {
    const { clock, w, r } = chip();
    expect(r(Nau7802Reg.DEVICE_REV)[0]! & 0x0f).toBe(0x0f);
    expect(r(Nau7802Reg.PU_CTRL)[0]).toBe(0);
    w(Nau7802Reg.PU_CTRL, PuCtrl.PUD | PuCtrl.PUA);
    expect(r(Nau7802Reg.PU_CTRL)[0]! & PuCtrl.PUR).toBe(0);
    clock.advance(1);
    expect(r(Nau7802Reg.PU_CTRL)[0]! & PuCtrl.PUR).toBe(PuCtrl.PUR);
  });

  it('converts at the selected rate and clears CR when the result is read', () => {
    const { clock, r, counts, begin } = chip();
    begin(80);
    const cr = (): number => r(Nau7802Reg.PU_CTRL)[0]! & PuCtrl.CR;
    counts();
    expect(cr()).toBe(0);
    clock.advance(12.5);
    expect(cr()).toBe(PuCtrl.CR);
    counts();
    expect(cr()).toBe(0);
    let fresh = 0;
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      if (cr()) {
        fresh++;
        counts();
      }
    }
    expect(fresh).toBe(80);
  });

  it('gives gain × input × 2^23 after calibration, as 24-bit two’s complement', () => {
    let input = 0.001;
    const { clock, counts, begin } = chip((t) => (t >= 0 ? input : 0));
    begin();
    clock.advance(20);
    expect(counts()).toBe(Math.round(128 * 0.001 * 0x800000));
    input = -0.002;
    clock.advance(20);
    expect(counts()).toBe(Math.round(-128 * 0.002 * 0x800000));
    input = 1;
    clock.advance(20);
    expect(counts()).toBe(0x7fffff);
    expect(decodeSample(...encodeSample(-1))).toBe(-1);
    expect(encodeSample(-0x800000)).toEqual([0x80, 0, 0]);
  });

  it('carries an input offset of its own until its internal calibration has run', () => {
    const { clock, w, r, counts } = chip(() => 0);
    w(Nau7802Reg.PU_CTRL, PuCtrl.PUD | PuCtrl.PUA | PuCtrl.CS);
    // Power-on rate is 10 samples/s: the first result after 100 ms.
    clock.advance(50);
    expect(counts()).toBe(0);
    clock.advance(100);
    const raw = counts();
    expect(raw).not.toBe(0);
    w(Nau7802Reg.CTRL2, (RATE_CODES[80] << Ctrl2.CRS_SHIFT) | Ctrl2.CALS);
    expect(r(Nau7802Reg.CTRL2)[0]! & Ctrl2.CALS).toBe(Ctrl2.CALS);
    clock.advance(30);
    expect(r(Nau7802Reg.CTRL2)[0]! & Ctrl2.CALS).toBe(Ctrl2.CALS);
    clock.advance(30);
    expect(r(Nau7802Reg.CTRL2)[0]! & Ctrl2.CALS).toBe(0);
    clock.advance(20);
    expect(counts()).toBe(0);
  });

  it('forgets everything on a register reset (RR)', () => {
    const { w, r, begin } = chip();
    begin();
    w(Nau7802Reg.PU_CTRL, PuCtrl.RR);
    expect(r(Nau7802Reg.CTRL1)[0]).toBe(0);
    expect(r(Nau7802Reg.PU_CTRL)[0]).toBe(PuCtrl.RR);
  });

  it('reads registers in sequence with an auto-incrementing pointer', () => {
    const { w, r } = chip();
    w(Nau7802Reg.CTRL1, 0x27);
    expect(r(Nau7802Reg.PU_CTRL, 2)).toEqual([0, 0x27]);
  });

  it('injects faults: no acknowledge, frozen converter, open bridge, broken reads', () => {
    const { clock, adc, counts, begin } = chip(() => 0.0001);
    begin();
    clock.advance(20);
    const before = counts();
    adc.inject('frozen');
    clock.advance(100);
    expect(counts()).toBe(before);
    adc.inject('open-bridge');
    clock.advance(20);
    expect(counts()).toBe(0x7fffff);
    adc.inject('not-answering');
    expect(adc.read(Nau7802Reg.ADCO_B2, 3)).toBeInstanceOf(I2cFault);
    adc.inject('bus-error');
    const broken = adc.read(Nau7802Reg.ADCO_B2, 3);
    expect(broken).toBeInstanceOf(I2cFault);
    expect((broken as I2cFault).received).toHaveLength(1);
  });
});
