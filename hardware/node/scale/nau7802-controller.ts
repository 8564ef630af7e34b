import type { Result } from '../../../domain/common/result.js';
import { err, ok } from '../../../domain/common/result.js';
import type { Nau7802Gain, Nau7802Rate } from '../../common/nau7802.js';
import {
  ADC_MAX,
  ADC_MIN,
  CTRL1_VLDO_SHIFT,
  Ctrl2,
  DEVICE_REV_ID,
  NAU7802_ADDRESS,
  Nau7802Reg,
  PGA_PWR_CAP_EN,
  PuCtrl,
  RATE_CODES,
  VLDO_3V3,
  decodeSample,
  gainCode,
} from '../../common/nau7802.js';
import type { AdcController, AdcReply, AdcSession, AdcStartFailure } from './adc.js';
import { pause, readRegister } from './adc.js';

const GAINS: readonly Nau7802Gain[] = [1, 2, 4, 8, 16, 32, 64, 128];
const RATES: readonly Nau7802Rate[] = [10, 20, 40, 80, 320];

/** Continuous reads this driver started, per io and address, so a restart replaces one instead of stacking. */
const running = new WeakMap<object, Set<number>>();

const fail = (code: AdcStartFailure['code'], message: string): Result<void, AdcStartFailure> => err({ code, message });

/** Polls a register until `done` says so, every 2 ms up to `timeoutMs`; the last value read, or undefined. */
async function pollRegister(session: AdcSession, register: number, done: (value: number) => boolean, timeoutMs: number): Promise<number | undefined> {
  const giveUpAt = session.clock.now() + timeoutMs;
  for (;;) {
    const bytes = await readRegister(session, register, 1);
    const value = bytes?.[0];
    if (value !== undefined && done(value)) return value;
    if (session.clock.now() >= giveUpAt) return value;
    await pause(session, 2);
  }
}

/**
 * The NAU7802 (Nuvoton, on SparkFun's Qwiic Scale and Adafruit's breakout) through johnny-five's
 * I2C API, following the datasheet's power-on sequence as SparkFun's library does: reset (RR),
 * power up digital and analog (PUD, PUA) and wait for PUR, LDO 3.3 V on, gain, rate, chopper
 * clock off, channel-2 decoupling cap, cycle start (CS), internal offset calibration (CALS until
 * it clears, CAL_ERR must be 0). Firmata does not report a NACKed write, so the configuration is
 * read back before conversions are trusted. Results are read continuously from ADCO_B2..B0.
 */
export const nau7802: AdcController = {
  part: 'NAU7802',
  defaultAddress: NAU7802_ADDRESS,
  gains: GAINS,
  samplesPerSecond: RATES,
  minCounts: ADC_MIN,
  maxCounts: ADC_MAX,

  async start(session, onReply) {
    const { io, address } = session;
    const gain = session.gain as Nau7802Gain;
    const rate = session.samplesPerSecond as Nau7802Rate;
    if (!GAINS.includes(gain)) return fail('i2c-error', `the NAU7802 has no gain ${session.gain}`);
    if (!RATES.includes(rate)) return fail('i2c-error', `the NAU7802 has no rate of ${session.samplesPerSecond} samples/s`);
    this.stop(session);
    io.i2cConfig({ address });

    const rev = await readRegister(session, Nau7802Reg.DEVICE_REV, 1);
    if (!rev) return fail('no-answer', `no NAU7802 answers at 0x${address.toString(16)}: check the scale's I2C cable`);
    if (((rev[0] ?? 0) & 0x0f) !== DEVICE_REV_ID) {
      return fail('wrong-device', `the chip at 0x${address.toString(16)} reports revision 0x${(rev[0] ?? 0).toString(16)}, not a NAU7802`);
    }

    const write = (register: number, value: number): void => void io.i2cWrite(address, [register, value]);
    write(Nau7802Reg.PU_CTRL, PuCtrl.RR);
    write(Nau7802Reg.PU_CTRL, 0);
    write(Nau7802Reg.PU_CTRL, PuCtrl.PUD | PuCtrl.PUA);
    const pu = await pollRegister(session, Nau7802Reg.PU_CTRL, (v) => (v & PuCtrl.PUR) !== 0, 100);
    if (pu === undefined || !(pu & PuCtrl.PUR)) return fail('no-answer', 'the NAU7802 did not report power-up ready (PUR)');

    const ctrl1 = gainCode(gain) | (VLDO_3V3 << CTRL1_VLDO_SHIFT);
    const ctrl2 = RATE_CODES[rate] << Ctrl2.CRS_SHIFT;
    const converting = PuCtrl.PUD | PuCtrl.PUA | PuCtrl.AVDDS | PuCtrl.CS;
    write(Nau7802Reg.CTRL1, ctrl1);
    write(Nau7802Reg.CTRL2, ctrl2);
    write(Nau7802Reg.ADC, 0x30);
    write(Nau7802Reg.PGA_PWR, PGA_PWR_CAP_EN);
    write(Nau7802Reg.PU_CTRL, converting);
    // Internal offset calibration (CALMOD 00); re-run whenever gain, rate or channel change.
    write(Nau7802Reg.CTRL2, ctrl2 | Ctrl2.CALS);
    const cal = await pollRegister(session, Nau7802Reg.CTRL2, (v) => (v & Ctrl2.CALS) === 0, 1000);
    if (cal === undefined || cal & Ctrl2.CALS) return fail('no-answer', 'the NAU7802 offset calibration did not finish');
    if (cal & Ctrl2.CAL_ERR) return fail('i2c-error', 'the NAU7802 reported a calibration error (CAL_ERR)');

    const check = await readRegister(session, Nau7802Reg.PU_CTRL, 3);
    const [puNow = 0, c1 = -1, c2 = -1] = check ?? [];
    if (!check || (puNow & converting) !== converting || c1 !== ctrl1 || (c2 & ~(Ctrl2.CALS | Ctrl2.CAL_ERR)) !== ctrl2) {
      return fail('i2c-error', 'the NAU7802 did not take its configuration (writes lost on the bus)');
    }

    const listener = (bytes: number[]): void => {
      const [b2, b1, b0] = bytes;
      if (session.errors.takeFailure(address, Nau7802Reg.ADCO_B2) || b2 === undefined || b1 === undefined || b0 === undefined) {
        onReply({ ok: false } satisfies AdcReply);
        return;
      }
      onReply({ ok: true, counts: decodeSample(b2, b1, b0) });
    };
    const started = running.get(io) ?? new Set<number>();
    started.add(address);
    running.set(io, started);
    io.i2cRead(address, Nau7802Reg.ADCO_B2, 3, listener);
    return ok(undefined);
  },

  stop(session) {
    // Only stop what was started: StandardFirmata's STOP_READING drops its only query (or its
    // first) whatever the address, so a stray stop would end another chip's continuous read.
    if (!running.get(session.io)?.delete(session.address)) return;
    // Also removes firmata.js's reply listeners for the address.
    session.io.i2cStop({ address: session.address });
  },
};
