import type { FirmataIo } from '../johnny-five.js';

const READ_ERROR = /^I2C: Too (few|many) bytes received/;

/** firmata.js's event for a reply from `address` about `register`. */
export const i2cReplyEvent = (address: number, register: number): string => `I2C-reply-${address}-${register}`;

/**
 * Tells a driver which I2C replies are garbage. When a chip does not answer, StandardFirmata
 * sends the string "I2C: Too few bytes received" and then the reply anyway, filled with whatever
 * its buffer held from an earlier read (possibly another chip's). The string names no address,
 * but it immediately precedes the bad reply, so on each error string the monitor puts a
 * first-in-line listener on every I2C reply event and marks whichever fires next.
 */
export class I2cErrorMonitor {
  readonly #io: FirmataIo;
  readonly #bad = new Set<string>();
  #armed: { event: string; listener: () => void }[] = [];
  readonly #onString = (text: unknown): void => {
    if (typeof text === 'string' && READ_ERROR.test(text)) this.#arm();
  };

  constructor(io: FirmataIo) {
    this.#io = io;
    io.on('string', this.#onString);
  }

  /** True (once) when the reply now being handled for this address/register was a failed read. */
  takeFailure(address: number, register: number): boolean {
    return this.#bad.delete(i2cReplyEvent(address, register));
  }

  close(): void {
    this.#io.off('string', this.#onString);
    this.#disarm();
  }

  #arm(): void {
    this.#disarm();
    for (const name of this.#io.eventNames()) {
      if (typeof name !== 'string' || !name.startsWith('I2C-reply-')) continue;
      const listener = (): void => {
        this.#disarm();
        this.#bad.add(name);
      };
      this.#io.prependOnceListener(name, listener);
      this.#armed.push({ event: name, listener });
    }
  }

  #disarm(): void {
    for (const { event, listener } of this.#armed) this.#io.off(event, listener);
    this.#armed = [];
  }
}
