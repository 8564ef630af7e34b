/**
 * A chip on the virtual board's I2C bus, seen the way the Arduino Wire library sees it: a write is
 * one transmission (register pointer first, then data), a read returns bytes from the current (or
 * given) register. Virtual devices keep their own register maps; the board only moves bytes.
 */
export interface I2cDevice {
  /** One write transmission: usually [register, ...data]. */
  write(bytes: Uint8Array): void;
  /**
   * A read of `length` bytes. `register` is set when the host asked for a register read (the
   * firmware writes the register pointer first); undefined for a plain read from the pointer.
   * A device that cannot answer returns an I2cFault instead of bytes.
   */
  read(register: number | undefined, length: number): Uint8Array | I2cFault;
  /** The board powered up (first boot or after an unplug): back to power-on register defaults. */
  reset?(): void;
}

/** Why a read got fewer bytes than asked: the chip did not acknowledge, or the bus failed mid-way. */
export class I2cFault {
  readonly kind: 'nack' | 'bus-error';
  /** Bytes that did arrive before the failure (a short read). */
  readonly received: Uint8Array;

  constructor(kind: 'nack' | 'bus-error', received: Uint8Array = new Uint8Array(0)) {
    this.kind = kind;
    this.received = received;
  }
}
