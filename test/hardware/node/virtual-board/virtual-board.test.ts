import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { createBoard, openFirmata, whenReady } from '../../../../hardware/node/johnny-five.js';
import type { I2cDevice } from '../../../../hardware/node/virtual-board/i2c-device.js';
import { I2cFault } from '../../../../hardware/node/virtual-board/i2c-device.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';
import { drain, run } from './settle.js';

/** A tiny register chip: 16 registers, auto-incrementing pointer. */
class RegisterChip implements I2cDevice {
  readonly regs = new Uint8Array(16);
  pointer = 0;
  answering = true;
  write(bytes: Uint8Array): void {
    this.pointer = bytes[0] ?? 0;
    for (let i = 1; i < bytes.length; i++) this.regs[(this.pointer + i - 1) % 16] = bytes[i] ?? 0;
  }
  read(register: number | undefined, length: number): Uint8Array | I2cFault {
    if (!this.answering) return new I2cFault('nack');
    if (register !== undefined) this.pointer = register;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.regs[(this.pointer + i) % 16] ?? 0;
    return out;
  }
}

async function connected(clock = new SimulatedClock(0)) {
  const vb = new VirtualBoard({ clock });
  const io = openFirmata(vb.port);
  const board = createBoard(io);
  const ready = whenReady(board);
  await run(clock, 20);
  await ready;
  return { clock, vb, io, board };
}

/** Collects what the board sends to the host. */
function listen(vb: VirtualBoard): number[] {
  const got: number[] = [];
  vb.port.on('data', (chunk: Buffer) => got.push(...chunk));
  return got;
}

const sysex = (...bytes: number[]): number[] => [0xf0, ...bytes, 0xf7];
const ascii7 = (text: string): number[] => [...Buffer.from(text, 'latin1')].flatMap((b) => [b & 0x7f, b >> 7]);

describe('virtual board through the real firmata package and johnny-five', () => {
  it('reaches ready and reports StandardFirmata 2.5 with the Uno pin map', async () => {
    const { io, board } = await connected();
    expect(board.isReady).toBe(true);
    expect(io.firmware.name).toBe('StandardFirmata.ino');
    expect(io.version).toEqual({ major: 2, minor: 5 });
    expect(io.analogPins).toEqual([14, 15, 16, 17, 18, 19]);
    expect(io.pins[3]?.supportedModes).toEqual([io.MODES.INPUT, io.MODES.OUTPUT, io.MODES.PWM, io.MODES.SERVO, io.MODES.PULLUP]);
    expect(io.pins[18]?.supportedModes).toContain(io.MODES.I2C);
    expect(io.pins[0]?.supportedModes).toEqual([]);
  });

  it('reports analog inputs at the sampling interval, clamped to 10 bits', async () => {
    const { clock, vb, io } = await connected();
    let level = 300;
    vb.setAnalogInput('A2', () => level);
    const seen: number[] = [];
    io.setSamplingInterval(50);
    io.analogRead(2, (v) => seen.push(v));
    await run(clock, 200);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(new Set(seen)).toEqual(new Set([300]));
    level = 5000;
    await run(clock, 60);
    expect(seen.at(-1)).toBe(1023);
    level = Number.NaN;
    await run(clock, 60);
    expect(seen.at(-1)).toBe(0);
  });

  it('reports digital input changes and sees digital and PWM writes', async () => {
    const { clock, vb, io } = await connected();
    const writes: [number, number][] = [];
    vb.onPinWrite((pin, value) => writes.push([pin, value]));
    io.pinMode(7, io.MODES.INPUT);
    const levels: number[] = [];
    io.digitalRead(7, (v) => levels.push(v));
    await run(clock, 10);
    vb.setDigitalInput(7, 1);
    await run(clock, 10);
    vb.setDigitalInput(7, 0);
    await run(clock, 10);
    expect(levels).toEqual([0, 1, 0]);

    io.pinMode(13, io.MODES.OUTPUT);
    io.digitalWrite(13, 1);
    io.digitalWrite(13, 1);
    io.pinMode(9, io.MODES.PWM);
    io.pwmWrite(9, 128);
    await run(clock, 10);
    expect(vb.digitalOutput(13)).toBe(1);
    expect(vb.pwmOutput(9)).toBe(128);
    expect(writes).toEqual([
      [13, 1],
      [9, 128],
    ]);
    io.digitalWrite(13, 0);
    await run(clock, 10);
    expect(vb.digitalOutput(13)).toBe(0);
  });

  it('round-trips I2C: write, read once, continuous read at the sampling interval', async () => {
    const { clock, vb, io } = await connected();
    const chip = new RegisterChip();
    vb.attachI2c(0x40, chip);
    io.i2cConfig({ address: 0x40 });
    io.i2cWrite(0x40, [0x02, 0xab, 0xcd, 0xff]);
    const once = new Promise<number[]>((resolve) => io.i2cReadOnce(0x40, 0x02, 3, resolve));
    await run(clock, 5);
    expect(await once).toEqual([0xab, 0xcd, 0xff]);
    expect([...chip.regs.subarray(2, 5)]).toEqual([0xab, 0xcd, 0xff]);

    io.setSamplingInterval(20);
    const replies: number[][] = [];
    io.i2cRead(0x40, 0x03, 2, (b) => replies.push(b));
    await run(clock, 200);
    expect(replies.length).toBeGreaterThanOrEqual(9);
    expect(replies.length).toBeLessThanOrEqual(11);
    expect(replies[0]).toEqual([0xcd, 0xff]);
  });

  it('answers a read of a missing chip the way StandardFirmata does: an error string, then a stale reply', async () => {
    const { clock, vb, io } = await connected();
    const chip = new RegisterChip();
    chip.regs[0] = 0x55;
    vb.attachI2c(0x40, chip);
    io.i2cConfig({ address: 0x40 });
    const strings: string[] = [];
    io.on('string', (s: string) => strings.push(s));
    const good = new Promise<number[]>((resolve) => io.i2cReadOnce(0x40, 0, 1, resolve));
    await run(clock, 5);
    expect(await good).toEqual([0x55]);
    vb.detachI2c(0x40);
    const stale = new Promise<number[]>((resolve) => io.i2cReadOnce(0x40, 0, 1, resolve));
    await run(clock, 5);
    expect(strings).toEqual(['I2C: Too few bytes received']);
    expect(await stale).toEqual([0x55]);
  });

  it('goes silent when unplugged and boots afresh when plugged back', async () => {
    const { clock, vb, io } = await connected();
    vb.setAnalogInput(0, () => 100);
    io.analogRead(0, () => undefined);
    const got = listen(vb);
    await run(clock, 100);
    expect(got.length).toBeGreaterThan(0);
    vb.disconnect();
    got.length = 0;
    io.digitalWrite(13, 1);
    await run(clock, 200);
    expect(got).toEqual([]);
    expect(vb.digitalOutput(13)).toBe(0);
    let versions = 0;
    io.on('reportversion', () => versions++);
    vb.reconnect();
    await run(clock, 100);
    expect(versions).toBe(1);
    // The reboot forgot analog reporting: only the announcement came.
    expect(got.slice(0, 3)).toEqual([0xf9, 2, 5]);
    expect(got.filter((b) => (b & 0xf0) === 0xe0)).toEqual([]);
  });

  it('answers a recorded StandardFirmata session byte for byte', async () => {
    const clock = new SimulatedClock(0);
    const vb = new VirtualBoard({ clock });
    const chip = new RegisterChip();
    chip.regs[0x0f] = 0x0f;
    vb.attachI2c(0x2a, chip);
    vb.setAnalogInput(0, () => 700);
    const got = listen(vb);
    await drain();
    clock.advance(0);
    await drain();
    // Boot: REPORT_VERSION 2.5, then REPORT_FIRMWARE 2.5 "StandardFirmata.ino" (protocol.md).
    expect(got.splice(0)).toEqual([0xf9, 0x02, 0x05, ...sysex(0x79, 0x02, 0x05, ...ascii7('StandardFirmata.ino'))]);

    const session: [host: number[], board: number[]][] = [
      // Version and firmware queries.
      [[0xf9], [0xf9, 0x02, 0x05]],
      [sysex(0x79), sysex(0x79, 0x02, 0x05, ...ascii7('StandardFirmata.ino'))],
      // Analog mapping: pins 0-13 are not analog (127), 14-19 are A0-A5.
      [sysex(0x69), sysex(0x6a, ...Array<number>(14).fill(0x7f), 0, 1, 2, 3, 4, 5)],
      // Pin 13 to OUTPUT, port 1 bit 5 high; then its pin state: mode 1, state 1.
      [[0xf4, 0x0d, 0x01, 0x91, 0x20, 0x00], []],
      [sysex(0x6d, 0x0d), sysex(0x6e, 0x0d, 0x01, 0x01)],
      // Report analog A0: the value is sent at once (700 = 0x2BC -> 0x3C 0x05).
      [[0xc0, 0x01], [0xe0, 0x3c, 0x05]],
      [[0xc0, 0x00], []],
      // Pin 2 to INPUT and report port 0: port value sent at once (all low).
      [[0xf4, 0x02, 0x00, 0xd0, 0x01], [0x90, 0x00, 0x00]],
      // I2C config, then read 1 byte of register 0x0F at 0x2A: reply address, register, data.
      [sysex(0x78, 0x00, 0x00), []],
      [sysex(0x76, 0x2a, 0x08, 0x0f, 0x00, 0x01, 0x00), sysex(0x77, 0x2a, 0x00, 0x0f, 0x00, 0x0f, 0x00)],
      // Write 0x81 to register 3: nothing comes back; read it back.
      [sysex(0x76, 0x2a, 0x00, 0x03, 0x00, 0x01, 0x01), []],
      [sysex(0x76, 0x2a, 0x08, 0x03, 0x00, 0x01, 0x00), sysex(0x77, 0x2a, 0x00, 0x03, 0x00, 0x01, 0x01)],
      // An unsupported mode for pin 0 (a serial pin) is refused with a string.
      [[0xf4, 0x00, 0x03], sysex(0x71, ...ascii7('Unknown pin mode'))],
    ];
    for (const [host, board] of session) {
      vb.port.write(Buffer.from(host));
      await drain();
      expect(got.splice(0)).toEqual(board);
    }
    expect(vb.digitalOutput(13)).toBe(1);

    // The capability response: pin 0 has nothing; pin 3 is digital, PWM and servo; A4 also I2C.
    vb.port.write(Buffer.from(sysex(0x6b)));
    await drain();
    const caps = got.splice(0);
    expect(caps.slice(0, 3)).toEqual([0xf0, 0x6c, 0x7f]);
    const pins = caps.slice(2, -1).join(',').split('127').map((p) => p.split(',').filter(Boolean).map(Number));
    expect(pins[3]).toEqual([0, 1, 0x0b, 1, 1, 1, 3, 8, 4, 14]);
    expect(pins[18]).toEqual([0, 1, 0x0b, 1, 1, 1, 2, 10, 6, 1]);
    expect(pins.filter((p) => p.length > 0)).toHaveLength(18);
  });

  it('survives arbitrary bytes from the host without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const clock = new SimulatedClock(0);
        const vb = new VirtualBoard({ clock });
        vb.attachI2c(0x40, new RegisterChip());
        await drain(1);
        clock.advance(0);
        vb.port.write(Buffer.from(bytes));
        clock.advance(1000);
        await drain(1);
      }),
      { numRuns: 150 },
    );
  });
});
