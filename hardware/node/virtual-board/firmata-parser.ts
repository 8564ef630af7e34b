import { Msg } from './firmata-protocol.js';

/** One complete message from the host. */
export type HostMessage =
  | { readonly type: 'channel'; readonly command: number; readonly channel: number; readonly data: readonly number[] }
  | { readonly type: 'sysex'; readonly command: number; readonly data: readonly number[] };

/** StandardFirmata's input buffer (MAX_DATA_BYTES): longer sysex payloads are cut. */
const MAX_DATA_BYTES = 64;

/** Data bytes that follow each channel/system command. */
function dataLength(command: number): number {
  switch (command) {
    case Msg.DIGITAL_MESSAGE:
    case Msg.ANALOG_MESSAGE:
    case Msg.SET_PIN_MODE:
    case Msg.SET_DIGITAL_PIN_VALUE:
      return 2;
    case Msg.REPORT_ANALOG:
    case Msg.REPORT_DIGITAL:
      return 1;
    default:
      return 0;
  }
}

/**
 * The firmware's byte parser (FirmataParser): MIDI-style messages where a byte with the high bit
 * set starts a message and 7-bit data bytes follow; sysex runs from START_SYSEX to END_SYSEX.
 * Stray data bytes outside a message are ignored, as the firmware ignores them.
 */
export class FirmataParser {
  #command = 0;
  #channel = 0;
  #expected = 0;
  #data: number[] = [];
  #inSysex = false;
  readonly #onMessage: (message: HostMessage) => void;

  constructor(onMessage: (message: HostMessage) => void) {
    this.#onMessage = onMessage;
  }

  push(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.#byte((bytes[i] ?? 0) & 0xff);
  }

  #byte(b: number): void {
    if (this.#inSysex) {
      if (b === Msg.END_SYSEX) {
        this.#inSysex = false;
        const [command = 0, ...data] = this.#data;
        this.#data = [];
        this.#onMessage({ type: 'sysex', command, data });
      } else if (this.#data.length < MAX_DATA_BYTES) {
        this.#data.push(b);
      }
      return;
    }
    if (b >= 0x80) {
      if (b === Msg.START_SYSEX) {
        this.#inSysex = true;
        this.#data = [];
        this.#expected = 0;
        return;
      }
      // Channel messages carry the pin or port in the low nibble.
      const command = b < 0xf0 ? b & 0xf0 : b;
      this.#command = command;
      this.#channel = b < 0xf0 ? b & 0x0f : 0;
      this.#expected = dataLength(command);
      this.#data = [];
      if (this.#expected === 0) this.#onMessage({ type: 'channel', command, channel: this.#channel, data: [] });
      return;
    }
    if (this.#expected === 0) return;
    this.#data.push(b);
    if (this.#data.length === this.#expected) {
      this.#expected = 0;
      const data = this.#data;
      this.#data = [];
      this.#onMessage({ type: 'channel', command: this.#command, channel: this.#channel, data });
    }
  }
}
