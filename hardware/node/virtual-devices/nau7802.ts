import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import {
  ADC_MAX,
  ADC_MIN,
  CTRL1_GAIN_MASK,
  Ctrl2,
  DEVICE_REV_ID,
  Nau7802Reg,
  PuCtrl,
  encodeSample,
  rateFromCode,
} from '../../common/nau7802.js';
import type { I2cDevice } from '../virtual-board/i2c-device.js';
import { I2cFault } from '../virtual-board/i2c-device.js';

/** What can go wrong with the chip, for fault drills. */
export type Nau7802Fault =
  /** Healthy. */
  | 'none'
  /** The chip does not acknowledge its address (loose connector, dead chip). */
  | 'not-answering'
  /** The converter has frozen: no new conversions, the last result stays in ADCO. */
  | 'frozen'
  /** A sense wire is open: the input sits on the positive rail. */
  | 'open-bridge'
  /** Reads break off after the first byte (a noisy bus). */
  | 'bus-error';

export interface VirtualNau7802Options {
  readonly clock: Clock;
  readonly random: Random;
  /** The differential input at time t as a fraction of the reference (V/V); sampled per conversion. */
  readonly input: (t: number) => number;
}

const REGISTER_COUNT = 0x20;
/** PUR rises about 200 µs after PUD and PUA; the clock has ms resolution, so the next ms. */
const POWER_UP_MS = 1;
/** Internal offset calibration takes a few conversion cycles. */
const CALIBRATION_CYCLES = 4;

/**
 * The NAU7802 at 0x2A, register for register: reset and power-up through PU_CTRL (RR, PUD, PUA,
 * PUR, CS, CR), gain in CTRL1, conversion rate and offset calibration in CTRL2 (CALS, CAL_ERR),
 * 24-bit two's complement results in ADCO_B2..B0 with the cycle-ready bit, revision 0xF in
 * DEVICE_REV. Conversions happen on the clock at the selected rate; the chip has an input offset
 * of its own until its internal calibration has run. Reads auto-increment the register pointer;
 * reading ADCO_B0 consumes the result (CR clears).
 */
export class VirtualNau7802 implements I2cDevice {
  readonly #clock: Clock;
  readonly #input: (t: number) => number;
  /** The chip's own input offset in counts before internal calibration removes it. */
  readonly #intrinsicOffset: number;
  readonly #regs = new Uint8Array(REGISTER_COUNT);
  #pointer = 0;
  #fault: Nau7802Fault = 'none';
  #readyAt: number | undefined;
  #cyclesFrom: number | undefined;
  #lastCycle = -1;
  #unread = false;
  #calibrationEndsAt: number | undefined;
  #offsetRemoved = false;

  constructor(options: VirtualNau7802Options) {
    this.#clock = options.clock;
    this.#input = options.input;
    this.#intrinsicOffset = Math.round(20_000 * options.random.normal());
    this.reset();
  }

  /** Power-on state: every register at its default, powered down. */
  reset(): void {
    this.#regs.fill(0);
    this.#regs[Nau7802Reg.DEVICE_REV] = DEVICE_REV_ID;
    this.#pointer = 0;
    this.#readyAt = undefined;
    this.#cyclesFrom = undefined;
    this.#lastCycle = -1;
    this.#unread = false;
    this.#calibrationEndsAt = undefined;
    this.#offsetRemoved = false;
  }

  inject(fault: Nau7802Fault): void {
    this.#fault = fault;
  }

  write(bytes: Uint8Array): void {
    if (this.#fault === 'not-answering' || bytes.length === 0) return;
    this.#pointer = (bytes[0] ?? 0) % REGISTER_COUNT;
    for (let i = 1; i < bytes.length; i++) {
      this.#writeRegister(this.#pointer, bytes[i] ?? 0);
      this.#pointer = (this.#pointer + 1) % REGISTER_COUNT;
    }
  }

  read(register: number | undefined, length: number): Uint8Array | I2cFault {
    if (this.#fault === 'not-answering') return new I2cFault('nack');
    if (register !== undefined) this.#pointer = register % REGISTER_COUNT;
    this.#update();
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const reg = this.#pointer;
      out[i] = this.#readRegister(reg);
      if (reg === Nau7802Reg.ADCO_B0) this.#unread = false;
      this.#pointer = (reg + 1) % REGISTER_COUNT;
    }
    return this.#fault === 'bus-error' ? new I2cFault('bus-error', out.subarray(0, 1)) : out;
  }

  #readRegister(reg: number): number {
    const value = this.#regs[reg] ?? 0;
    if (reg === Nau7802Reg.PU_CTRL) {
      let v = value & ~(PuCtrl.PUR | PuCtrl.CR);
      if (this.#poweredUp()) v |= PuCtrl.PUR;
      if (this.#unread) v |= PuCtrl.CR;
      return v;
    }
    if (reg === Nau7802Reg.CTRL2) return this.#calibrating() ? value | Ctrl2.CALS : value & ~Ctrl2.CALS;
    return value;
  }

  #writeRegister(reg: number, value: number): void {
    const now = this.#clock.now();
    switch (reg) {
      case Nau7802Reg.PU_CTRL: {
        if (value & PuCtrl.RR) {
          this.reset();
          this.#regs[Nau7802Reg.PU_CTRL] = PuCtrl.RR;
          return;
        }
        const before = this.#regs[reg] ?? 0;
        const stored = value & ~(PuCtrl.PUR | PuCtrl.CR);
        this.#regs[reg] = stored;
        const powered = (stored & (PuCtrl.PUD | PuCtrl.PUA)) === (PuCtrl.PUD | PuCtrl.PUA);
        if (!powered) {
          this.#readyAt = undefined;
          this.#cyclesFrom = undefined;
        } else if (this.#readyAt === undefined) {
          this.#readyAt = now + POWER_UP_MS;
        }
        if (powered && stored & PuCtrl.CS && !(before & PuCtrl.CS)) this.#restartConversions(now);
        if (!(stored & PuCtrl.CS)) this.#cyclesFrom = undefined;
        return;
      }
      case Nau7802Reg.CTRL1:
        this.#regs[reg] = value;
        this.#restartConversions(now);
        return;
      case Nau7802Reg.CTRL2: {
        this.#regs[reg] = value & ~(Ctrl2.CALS | Ctrl2.CAL_ERR);
        if (value & Ctrl2.CALS) {
          this.#calibrationEndsAt = now + CALIBRATION_CYCLES * this.#periodMs();
          this.#cyclesFrom = undefined;
        } else {
          this.#restartConversions(now);
        }
        return;
      }
      case Nau7802Reg.ADCO_B2:
      case Nau7802Reg.ADCO_B1:
      case Nau7802Reg.ADCO_B0:
      case Nau7802Reg.DEVICE_REV:
        return; // read only
      default:
        this.#regs[reg] = value;
    }
  }

  #poweredUp(): boolean {
    return this.#readyAt !== undefined && this.#clock.now() >= this.#readyAt;
  }

  #calibrating(): boolean {
    return this.#calibrationEndsAt !== undefined && this.#clock.now() < this.#calibrationEndsAt;
  }

  #periodMs(): number {
    const code = ((this.#regs[Nau7802Reg.CTRL2] ?? 0) & Ctrl2.CRS_MASK) >> Ctrl2.CRS_SHIFT;
    return 1000 / (rateFromCode(code) ?? 10);
  }

  #restartConversions(now: number): void {
    const cs = ((this.#regs[Nau7802Reg.PU_CTRL] ?? 0) & PuCtrl.CS) !== 0;
    this.#cyclesFrom = cs && this.#readyAt !== undefined ? Math.max(now, this.#readyAt) : undefined;
    this.#lastCycle = -1;
  }

  /** Brings the chip up to the clock: finishes a calibration, latches the latest conversion. */
  #update(): void {
    const now = this.#clock.now();
    if (this.#calibrationEndsAt !== undefined && now >= this.#calibrationEndsAt) {
      const mode = (this.#regs[Nau7802Reg.CTRL2] ?? 0) & Ctrl2.CALMOD_MASK;
      if (mode === 0) this.#offsetRemoved = true;
      const [b2, b1, b0] = encodeSample(this.#offsetRemoved ? -this.#intrinsicOffset : 0);
      this.#regs.set([b2, b1, b0], Nau7802Reg.OCAL1_B2);
      const endedAt = this.#calibrationEndsAt;
      this.#calibrationEndsAt = undefined;
      this.#restartConversions(endedAt);
    }
    if (this.#cyclesFrom === undefined || this.#fault === 'frozen' || !this.#poweredUp()) return;
    const period = this.#periodMs();
    const cycle = Math.floor((now - this.#cyclesFrom) / period);
    // The first conversion completes one period after the cycle starts.
    if (cycle < 1 || cycle === this.#lastCycle) return;
    this.#lastCycle = cycle;
    this.#regs.set(encodeSample(this.#convert(this.#cyclesFrom + cycle * period)), Nau7802Reg.ADCO_B2);
    this.#unread = true;
  }

  #convert(t: number): number {
    const gain = 1 << ((this.#regs[Nau7802Reg.CTRL1] ?? 0) & CTRL1_GAIN_MASK);
    const ratio = this.#fault === 'open-bridge' ? 1 : this.#input(t);
    const code = Math.round(gain * ratio * 0x800000 + (this.#offsetRemoved ? 0 : this.#intrinsicOffset));
    return Math.max(ADC_MIN, Math.min(ADC_MAX, code));
  }
}
