/**
 * Hardware faults, one vocabulary for every device on the cart (scale, motion sensor, battery,
 * board, cameras, BLE). A fault suspends the decisions that depend on the device (a scale fault
 * suspends weight steps) and shows on the pole light; it clears by itself when the device answers
 * again. Nothing throws across this boundary: drivers turn bad input into a fault event.
 */

/** Why a device is not trusted right now. */
export type HardwareFaultCode =
  /** The board (serial link) is gone: nothing on it can answer. */
  | 'disconnected'
  /** The device stopped answering (no sample within its deadline, a NACKed read). */
  | 'no-answer'
  /** A value outside what the device can physically produce (ADC rail, impossible voltage). */
  | 'out-of-range'
  /** The same raw value over and over: a frozen converter or a cut wire. */
  | 'stuck'
  /** More load (or current) than the part is rated for. */
  | 'overload'
  /** The bus or firmware reported an error (short read, wrong identity, refused config). */
  | 'i2c-error'
  /** The device answered but is not the part we expected (wrong revision id). */
  | 'wrong-device';

export interface HardwareFault {
  /** Which device, in the shop's words: 'scale', 'motion', 'battery', 'board', 'camera:basket'. */
  readonly device: string;
  readonly code: HardwareFaultCode;
  /** For a person: what is wrong and, where it helps, what to check. */
  readonly message: string;
  /** Epoch ms from the driver's clock. */
  readonly at: number;
}

export interface FaultCleared {
  readonly device: string;
  readonly code: HardwareFaultCode;
  readonly at: number;
}

/**
 * The faults currently active on one device. Raising a fault that is already active is a no-op
 * (a dead sensor does not flood listeners 80 times a second); clearing reports only faults that
 * were active.
 */
export class ActiveFaults {
  readonly #device: string;
  readonly #active = new Map<HardwareFaultCode, HardwareFault>();
  readonly #onRaised: (fault: HardwareFault) => void;
  readonly #onCleared: (cleared: FaultCleared) => void;

  constructor(device: string, onRaised: (fault: HardwareFault) => void, onCleared: (cleared: FaultCleared) => void) {
    this.#device = device;
    this.#onRaised = onRaised;
    this.#onCleared = onCleared;
  }

  raise(code: HardwareFaultCode, message: string, at: number): void {
    if (this.#active.has(code)) return;
    const fault: HardwareFault = { device: this.#device, code, message, at };
    this.#active.set(code, fault);
    this.#onRaised(fault);
  }

  clear(code: HardwareFaultCode, at: number): void {
    if (!this.#active.delete(code)) return;
    this.#onCleared({ device: this.#device, code, at });
  }

  /** Clears every active fault except those listed (e.g. keep 'overload' while the load is on). */
  clearAllBut(keep: readonly HardwareFaultCode[], at: number): void {
    for (const code of [...this.#active.keys()]) if (!keep.includes(code)) this.clear(code, at);
  }

  has(code: HardwareFaultCode): boolean {
    return this.#active.has(code);
  }

  get any(): boolean {
    return this.#active.size > 0;
  }

  list(): HardwareFault[] {
    return [...this.#active.values()];
  }
}
