import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { HostMessage } from './firmata-parser.js';
import { FirmataParser } from './firmata-parser.js';
import {
  DEFAULT_SAMPLING_INTERVAL,
  I2C_10BIT_ADDRESS,
  I2C_MAX_QUERIES,
  I2C_MODE_MASK,
  I2cMode,
  MINIMUM_SAMPLING_INTERVAL,
  Msg,
  PROTOCOL_VERSION,
  PinMode,
  Sysex,
  decodeBytes,
  encodeBytes,
  sevenBitPair,
} from './firmata-protocol.js';
import type { I2cDevice } from './i2c-device.js';
import { I2cFault } from './i2c-device.js';
import { VirtualSerialPort } from './serial-port.js';
import { UNO, analogChannel, pinCapabilities, supportsMode } from './uno-pins.js';

export interface VirtualBoardOptions {
  /** Drives the firmware's main loop (analog reports, continuous I2C reads) and its boot delay. */
  readonly clock: Clock;
  /** Shown as the port's path, like /dev/ttyACM0. */
  readonly path?: string;
  /** The sketch name the firmware reports; StandardFirmata reports its file name. */
  readonly firmwareName?: string;
  /** From power-up (or plug-in) to the version report: the bootloader's wait. */
  readonly bootDelayMs?: number;
}

/** An analog pin given as its channel (0-5), its pin number (14-19) or its name ('A0'-'A5'). */
export type AnalogPin = number | `A${number}`;

export type PinWriteListener = (pin: number, value: number) => void;

interface ContinuousRead {
  readonly address: number;
  readonly register: number | undefined;
  readonly length: number;
}

/** The firmware's mutable state; replaced wholesale on every power-up, as RAM is. */
interface FirmwareState {
  readonly pinMode: number[];
  readonly pinState: number[];
  readonly reportPorts: boolean[];
  readonly lastSentPorts: number[];
  analogReporting: number;
  samplingInterval: number;
  readonly queries: ContinuousRead[];
  /** The reply buffer is reused between reads, so a failed read replies with stale bytes. */
  readonly i2cRxData: Uint8Array;
}

const TOTAL_PORTS = Math.ceil(UNO.totalPins / 8);

/**
 * An Arduino Uno running StandardFirmata 2.5, emulated at the wire: the host talks to it through
 * `port` with the real `firmata` package exactly as through a USB serial port. Sensors are
 * attached as analog sources, digital levels and I2C devices; outputs are observed through
 * `digitalOutput` and `onPinWrite`. Unplugging (`disconnect`) silences it; plugging back
 * (`reconnect`) boots it from scratch, forgetting every pin mode and I2C read, as a real board does.
 */
export class VirtualBoard {
  readonly port: VirtualSerialPort;
  readonly #clock: Clock;
  readonly #firmwareName: string;
  readonly #bootDelayMs: number;
  readonly #parser: FirmataParser;
  readonly #analogSources = new Map<number, () => number>();
  readonly #digitalInputs = new Map<number, 0 | 1>();
  readonly #i2c = new Map<number, I2cDevice>();
  readonly #pinListeners = new Set<PinWriteListener>();
  #state: FirmwareState = freshState();
  #connected = true;
  #running = false;
  #loopTimer: TimerHandle | undefined;
  #bootTimer: TimerHandle | undefined;

  constructor(options: VirtualBoardOptions) {
    this.#clock = options.clock;
    this.#firmwareName = options.firmwareName ?? 'StandardFirmata.ino';
    this.#bootDelayMs = options.bootDelayMs ?? 0;
    this.#parser = new FirmataParser((m) => this.#handle(m));
    this.port = new VirtualSerialPort(options.path ?? '/dev/ttyVIRT0', (bytes) => {
      if (this.#running) this.#parser.push(bytes);
    });
    // Opening the port resets the Arduino (DTR); it boots and announces itself.
    this.port.once('open', () => this.#powerUp());
  }

  /** Feeds an analog pin; the source is read (0-1023, clamped) at every report. */
  setAnalogInput(pin: AnalogPin, source: () => number): void {
    this.#analogSources.set(toAnalogChannel(pin), source);
  }

  /** Sets the level seen on a digital input pin; a reported change goes out at once. */
  setDigitalInput(pin: number, level: 0 | 1): void {
    this.#digitalInputs.set(pin, level);
    if (this.#running) this.#checkDigitalInputs();
  }

  /** The level the host last drove on an output pin (0 for a pin that is not an output). */
  digitalOutput(pin: number): 0 | 1 {
    return this.#state.pinMode[pin] === PinMode.OUTPUT && this.#state.pinState[pin] ? 1 : 0;
  }

  /** The value the host last wrote to a PWM or servo pin (0-255 for PWM, degrees for servo). */
  pwmOutput(pin: number): number {
    const mode = this.#state.pinMode[pin];
    return mode === PinMode.PWM || mode === PinMode.SERVO ? (this.#state.pinState[pin] ?? 0) : 0;
  }

  /**
   * Calls back when the host changes an output: a digital output pin whose level changes, or
   * any PWM/servo write. Returns the unsubscribe function.
   */
  onPinWrite(listener: PinWriteListener): () => void {
    this.#pinListeners.add(listener);
    return () => this.#pinListeners.delete(listener);
  }

  attachI2c(address: number, device: I2cDevice): void {
    this.#i2c.set(address & 0x7f, device);
  }

  /** Takes a chip off the bus (a cut wire): reads of its address are no longer acknowledged. */
  detachI2c(address: number): void {
    this.#i2c.delete(address & 0x7f);
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** The USB cable is pulled: the board loses power, says nothing and hears nothing. */
  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#running = false;
    this.#stopTimers();
  }

  /** The cable is back: the board boots from scratch and announces itself again. */
  reconnect(): void {
    if (this.#connected) return;
    this.#connected = true;
    this.#powerUp();
  }

  #powerUp(): void {
    this.#stopTimers();
    this.#state = freshState();
    for (const device of this.#i2c.values()) device.reset?.();
    this.#bootTimer = this.#clock.setTimeout(() => {
      this.#bootTimer = undefined;
      if (!this.#connected) return;
      this.#running = true;
      this.#sendVersion();
      this.#sendFirmware();
      this.#scheduleLoop();
    }, this.#bootDelayMs);
  }

  #stopTimers(): void {
    if (this.#loopTimer) this.#clock.clearTimeout(this.#loopTimer);
    if (this.#bootTimer) this.#clock.clearTimeout(this.#bootTimer);
    this.#loopTimer = undefined;
    this.#bootTimer = undefined;
  }

  /** The sketch's loop(): every sampling interval, analog reports then continuous I2C reads. */
  #scheduleLoop(): void {
    this.#loopTimer = this.#clock.setTimeout(() => {
      if (!this.#running) return;
      this.#reportAnalogInputs();
      for (const q of [...this.#state.queries]) this.#readAndReport(q.address, q.register, q.length);
      this.#scheduleLoop();
    }, this.#state.samplingInterval);
  }

  #send(bytes: readonly number[]): void {
    if (this.#running) this.port.send(bytes);
  }

  #sendSysex(command: number, payload: readonly number[]): void {
    this.#send([Msg.START_SYSEX, command, ...payload, Msg.END_SYSEX]);
  }

  #sendString(text: string): void {
    this.#sendSysex(Sysex.STRING_DATA, encodeBytes(Buffer.from(text, 'latin1')));
  }

  #sendVersion(): void {
    this.#send([Msg.REPORT_VERSION, PROTOCOL_VERSION.major, PROTOCOL_VERSION.minor]);
  }

  #sendFirmware(): void {
    this.#sendSysex(Sysex.REPORT_FIRMWARE, [
      PROTOCOL_VERSION.major,
      PROTOCOL_VERSION.minor,
      ...encodeBytes(Buffer.from(this.#firmwareName, 'latin1')),
    ]);
  }

  #handle(message: HostMessage): void {
    if (message.type === 'sysex') {
      this.#handleSysex(message.command, message.data);
      return;
    }
    const [a = 0, b = 0] = message.data;
    switch (message.command) {
      case Msg.DIGITAL_MESSAGE:
        this.#writePort(message.channel, a | (b << 7));
        break;
      case Msg.ANALOG_MESSAGE:
        this.#analogWrite(message.channel, a | (b << 7));
        break;
      case Msg.REPORT_ANALOG:
        this.#reportAnalog(message.channel, a !== 0);
        break;
      case Msg.REPORT_DIGITAL:
        this.#reportDigital(message.channel, a !== 0);
        break;
      case Msg.SET_PIN_MODE:
        this.#setPinMode(a, b);
        break;
      case Msg.SET_DIGITAL_PIN_VALUE:
        if (UNO.isDigital(a) && this.#state.pinMode[a] === PinMode.OUTPUT) this.#setOutput(a, b ? 1 : 0);
        break;
      case Msg.REPORT_VERSION:
        this.#sendVersion();
        break;
      case Msg.SYSTEM_RESET:
        this.#state = freshState();
        break;
    }
  }

  #handleSysex(command: number, data: readonly number[]): void {
    switch (command) {
      case Sysex.REPORT_FIRMWARE:
        this.#sendFirmware();
        break;
      case Sysex.CAPABILITY_QUERY: {
        const payload: number[] = [];
        for (let pin = 0; pin < UNO.totalPins; pin++) {
          for (const [mode, resolution] of pinCapabilities(pin)) payload.push(mode, resolution);
          payload.push(0x7f);
        }
        this.#sendSysex(Sysex.CAPABILITY_RESPONSE, payload);
        break;
      }
      case Sysex.ANALOG_MAPPING_QUERY: {
        const payload: number[] = [];
        for (let pin = 0; pin < UNO.totalPins; pin++) payload.push(analogChannel(pin));
        this.#sendSysex(Sysex.ANALOG_MAPPING_RESPONSE, payload);
        break;
      }
      case Sysex.PIN_STATE_QUERY: {
        const pin = data[0];
        if (pin === undefined) break;
        const payload = [pin];
        if (pin < UNO.totalPins) {
          const s = this.#state.pinState[pin] ?? 0;
          payload.push(this.#state.pinMode[pin] ?? 0, s & 0x7f);
          if (s & 0xff80) payload.push((s >> 7) & 0x7f);
          if (s & 0xc000) payload.push((s >> 14) & 0x7f);
        }
        this.#sendSysex(Sysex.PIN_STATE_RESPONSE, payload);
        break;
      }
      case Sysex.SAMPLING_INTERVAL:
        if (data.length > 1) {
          const ms = (data[0] ?? 0) | ((data[1] ?? 0) << 7);
          this.#state.samplingInterval = Math.max(MINIMUM_SAMPLING_INTERVAL, ms);
        }
        break;
      case Sysex.EXTENDED_ANALOG:
        if (data.length > 1) {
          let value = data[1] ?? 0;
          if (data.length > 2) value |= (data[2] ?? 0) << 7;
          if (data.length > 3) value |= (data[3] ?? 0) << 14;
          this.#analogWrite(data[0] ?? 0, value);
        }
        break;
      case Sysex.SERVO_CONFIG:
        if (data.length > 4 && UNO.isServo(data[0] ?? 0)) this.#setPinMode(data[0] ?? 0, PinMode.SERVO);
        break;
      case Sysex.I2C_CONFIG:
        // The firmware starts Wire and claims SDA/SCL; the delay argument is not modelled.
        for (let pin = 0; pin < UNO.totalPins; pin++) {
          if (UNO.isI2c(pin)) this.#state.pinMode[pin] = PinMode.I2C;
        }
        break;
      case Sysex.I2C_REQUEST:
        this.#i2cRequest(data);
        break;
      default:
        // StandardFirmata ignores sysex commands it does not know.
        break;
    }
  }

  #i2cRequest(argv: readonly number[]): void {
    const address = argv[0] ?? 0;
    const flags = argv[1] ?? 0;
    if (flags & I2C_10BIT_ADDRESS) {
      this.#sendString('10-bit addressing not supported');
      return;
    }
    const word = (i: number): number => (argv[i] ?? 0) | ((argv[i + 1] ?? 0) << 7);
    switch (flags & I2C_MODE_MASK) {
      case I2cMode.WRITE:
        // Wire.endTransmission()'s NACK is not reported by StandardFirmata: a write to a missing
        // chip vanishes, which is why drivers must read back what matters.
        this.#i2c.get(address)?.write(decodeBytes(argv, 2));
        break;
      case I2cMode.READ_ONCE:
        if (argv.length === 6) this.#readAndReport(address, word(2), word(4));
        else this.#readAndReport(address, undefined, word(2));
        break;
      case I2cMode.READ_CONTINUOUSLY:
        if (this.#state.queries.length >= I2C_MAX_QUERIES) {
          this.#sendString('too many queries');
          break;
        }
        this.#state.queries.push(
          argv.length === 6 ? { address, register: word(2), length: word(4) } : { address, register: undefined, length: word(2) },
        );
        break;
      case I2cMode.STOP_READING: {
        // As StandardFirmata 2.5 does it: with one query it is dropped whatever its address; with
        // several, the first one for the address, or the first one of all when none matches.
        const q = this.#state.queries;
        if (q.length <= 1) q.length = 0;
        else q.splice(Math.max(0, q.findIndex((x) => x.address === address)), 1);
        break;
      }
    }
  }

  /** StandardFirmata's readAndReportData, failure behaviour included. */
  #readAndReport(address: number, register: number | undefined, length: number): void {
    const device = this.#i2c.get(address);
    const answer = device ? device.read(register, length) : new I2cFault('nack');
    const received = answer instanceof I2cFault ? answer.received : answer;
    if (received.length < length) this.#sendString('I2C: Too few bytes received');
    else if (received.length > length) this.#sendString('I2C: Too many bytes received');
    const rx = this.#state.i2cRxData;
    const n = Math.min(length, rx.length);
    rx.set(received.subarray(0, n));
    // The firmware sends `length` bytes whatever arrived: the rest is whatever the buffer held.
    this.#sendSysex(Sysex.I2C_REPLY, [
      ...sevenBitPair(address),
      ...sevenBitPair(register ?? 0),
      ...encodeBytes(rx.subarray(0, n)),
    ]);
  }

  #setPinMode(pin: number, mode: number): void {
    if (pin >= UNO.totalPins) return;
    if (!supportsMode(pin, mode)) {
      this.#sendString('Unknown pin mode');
      return;
    }
    const s = this.#state;
    if (UNO.isAnalog(pin)) this.#reportAnalog(analogChannel(pin), mode === PinMode.ANALOG, false);
    s.pinMode[pin] = mode;
    s.pinState[pin] = mode === PinMode.PULLUP ? 1 : 0;
  }

  #analogWrite(pin: number, value: number): void {
    const mode = this.#state.pinMode[pin];
    if (mode !== PinMode.PWM && mode !== PinMode.SERVO) return;
    this.#state.pinState[pin] = value;
    for (const l of this.#pinListeners) l(pin, value);
  }

  #writePort(port: number, value: number): void {
    if (port >= TOTAL_PORTS) return;
    for (let bit = 0; bit < 8; bit++) {
      const pin = port * 8 + bit;
      if (!UNO.isDigital(pin)) continue;
      const level = (value >> bit) & 1 ? 1 : 0;
      const mode = this.#state.pinMode[pin];
      if (mode === PinMode.OUTPUT) this.#setOutput(pin, level);
      // Writing HIGH to an INPUT pin enables its pull-up, for backwards compatibility.
      else if (mode === PinMode.INPUT && level === 1) this.#state.pinMode[pin] = PinMode.PULLUP;
    }
  }

  #setOutput(pin: number, level: 0 | 1): void {
    if (this.#state.pinState[pin] === level) return;
    this.#state.pinState[pin] = level;
    for (const l of this.#pinListeners) l(pin, level);
  }

  #reportAnalog(channel: number, on: boolean, sendNow = true): void {
    if (channel >= UNO.analogPins) return;
    const s = this.#state;
    if (on) {
      s.analogReporting |= 1 << channel;
      // 2.5 sends the value at once, so a host that reconnects knows it without waiting.
      if (sendNow) this.#sendAnalog(channel);
    } else {
      s.analogReporting &= ~(1 << channel);
    }
  }

  #reportDigital(port: number, on: boolean): void {
    if (port >= TOTAL_PORTS) return;
    this.#state.reportPorts[port] = on;
    if (on) this.#outputPort(port, true);
  }

  #reportAnalogInputs(): void {
    for (let channel = 0; channel < UNO.analogPins; channel++) {
      const pin = UNO.firstAnalogPin + channel;
      if (this.#state.analogReporting & (1 << channel) && this.#state.pinMode[pin] === PinMode.ANALOG) this.#sendAnalog(channel);
    }
  }

  #sendAnalog(channel: number): void {
    const raw = this.#analogSources.get(channel)?.() ?? 0;
    const value = Number.isFinite(raw) ? Math.min(1023, Math.max(0, Math.round(raw))) : 0;
    this.#send([Msg.ANALOG_MESSAGE | channel, ...sevenBitPair(value)]);
  }

  #checkDigitalInputs(): void {
    for (let port = 0; port < TOTAL_PORTS; port++) if (this.#state.reportPorts[port]) this.#outputPort(port, false);
  }

  /** Sends a port's input levels (pins not in INPUT/PULLUP read as 0) when they changed or when forced. */
  #outputPort(port: number, force: boolean): void {
    let value = 0;
    for (let bit = 0; bit < 8; bit++) {
      const pin = port * 8 + bit;
      const mode = this.#state.pinMode[pin];
      if (mode !== PinMode.INPUT && mode !== PinMode.PULLUP) continue;
      const level = this.#digitalInputs.get(pin) ?? (mode === PinMode.PULLUP ? 1 : 0);
      value |= level << bit;
    }
    if (!force && this.#state.lastSentPorts[port] === value) return;
    this.#state.lastSentPorts[port] = value;
    this.#send([Msg.DIGITAL_MESSAGE | port, ...sevenBitPair(value)]);
  }
}

/** Power-on defaults from StandardFirmata's systemResetCallback: analog pins analog, the rest outputs. */
function freshState(): FirmwareState {
  const pinMode: number[] = [];
  for (let pin = 0; pin < UNO.totalPins; pin++) {
    pinMode.push(UNO.isAnalog(pin) ? PinMode.ANALOG : UNO.isDigital(pin) ? PinMode.OUTPUT : PinMode.INPUT);
  }
  return {
    pinMode,
    pinState: new Array<number>(UNO.totalPins).fill(0),
    reportPorts: new Array<boolean>(TOTAL_PORTS).fill(false),
    lastSentPorts: new Array<number>(TOTAL_PORTS).fill(0),
    analogReporting: 0,
    samplingInterval: DEFAULT_SAMPLING_INTERVAL,
    queries: [],
    i2cRxData: new Uint8Array(64),
  };
}

function toAnalogChannel(pin: AnalogPin): number {
  if (typeof pin === 'string') return Number(pin.slice(1));
  return pin >= UNO.firstAnalogPin ? pin - UNO.firstAnalogPin : pin;
}
