// The advertiser against a fake controller: the command sequence a controller needs (parameters
// only while off), data replaced in the air at each change, refusals reported, and the socket's
// loader failing the ways it fails on machines without Bluetooth.
import { describe, expect, it } from 'vitest';
import { BleError } from '../../../../hardware/common/ble/scanner.js';
import { HciAdvertiser, openHciSocket, type HciSocketBinding } from '../../../../hardware/node/ble/hci-advertiser.js';

/** A controller that records commands and answers each with Command Complete and `status(opcode)`. */
function fakeController(status: (opcode: number, nth: number) => number = () => 0) {
  const written: string[] = [];
  let answer: (packet: Uint8Array) => void = () => undefined;
  let closed = false;
  const seen = new Map<number, number>();
  const socket: HciSocketBinding = {
    write(packet) {
      written.push(Buffer.from(packet).toString('hex'));
      const opcode = (packet[1] as number) | ((packet[2] as number) << 8);
      const nth = (seen.get(opcode) ?? 0) + 1;
      seen.set(opcode, nth);
      answer(Uint8Array.from([0x04, 0x0e, 0x04, 0x01, opcode & 0xff, opcode >> 8, status(opcode, nth)]));
    },
    onPacket: (listener) => void (answer = listener),
    onError: () => undefined,
    close: () => void (closed = true),
  };
  return { socket, written, closed: () => closed };
}

const frame = (n: number): Uint8Array => Uint8Array.from([0x02, 0x01, 0x06, 0x04, 0xff, 0xff, 0xff, n]);

describe('HciAdvertiser', () => {
  it('switches advertising off, sets its parameters, the data, then on; later data replaces it in the air', () => {
    const c = fakeController();
    const ad = new HciAdvertiser(c.socket);
    const errors: BleError[] = [];
    ad.onError((e) => errors.push(e));
    ad.advertise(frame(1));
    expect(c.written.map((w) => w.slice(2, 6))).toEqual(['0a20', '0620', '0820', '0a20']);
    expect(c.written[3]).toBe('010a200101');
    ad.advertise(frame(2));
    expect(c.written).toHaveLength(5); // data only: advertising stays on
    expect(c.written[4]?.slice(10, 26)).toBe(Buffer.from(frame(2)).toString('hex'));
    ad.stop();
    expect(c.written[5]).toBe('010a200100');
    expect(c.closed()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('ignores "already off" at start but reports any other refusal with the command and status', () => {
    // 0x0c (Command Disallowed) for the first disable; 0x12 (invalid parameters) for the data
    const c = fakeController((opcode, nth) => (opcode === 0x200a && nth === 1 ? 0x0c : opcode === 0x2008 ? 0x12 : 0));
    const ad = new HciAdvertiser(c.socket);
    const errors: BleError[] = [];
    ad.onError((e) => errors.push(e));
    ad.advertise(frame(1));
    expect(errors.map((e) => [e.kind, e.message])).toEqual([['command-failed', 'bluetooth: the controller refused LE Set Advertising Data (HCI status 0x12)']]);
  });

  it('refuses more than 31 bytes before sending anything', () => {
    const c = fakeController();
    expect(() => new HciAdvertiser(c.socket).advertise(new Uint8Array(32))).toThrow(BleError);
    expect(c.written).toEqual([]);
  });
});

describe('openHciSocket', () => {
  const failing = (code: string) => () => {
    throw Object.assign(new Error(`load failed: ${code}`), { code });
  };

  it('says why where there is no Bluetooth, no built module or no permission', () => {
    const cases: [string, RegExp][] = [
      ['EAFNOSUPPORT', /no Bluetooth sockets/],
      ['MODULE_NOT_FOUND', /not built here/],
      ['EPERM', /CAP_NET_RAW/],
    ];
    for (const [code, why] of cases) {
      const opened = openHciSocket(0, failing(code));
      expect(opened.ok).toBe(false);
      if (!opened.ok) {
        expect(opened.error.kind).toBe('unavailable');
        expect(opened.error.message).toMatch(why);
      }
    }
  });

  it('binds the controller, filters for events and reports a controller that is down', () => {
    const calls: string[] = [];
    let up = false;
    class FakeSocket {
      bindRaw(devId: number): number {
        calls.push(`bind ${devId}`);
        return devId;
      }
      isDevUp(): boolean {
        return up;
      }
      setFilter(filter: Buffer): void {
        calls.push(`filter ${filter.toString('hex')}`);
      }
      start(): void {
        calls.push('start');
      }
      stop(): void {
        calls.push('stop');
      }
      write(data: Buffer): void {
        calls.push(`write ${data.toString('hex')}`);
      }
      on(): this {
        return this;
      }
    }
    const down = openHciSocket(1, () => FakeSocket);
    expect(!down.ok && down.error.kind).toBe('adapter-off');
    up = true;
    calls.length = 0;
    const opened = openHciSocket(0, () => FakeSocket);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    opened.value.write(Uint8Array.from([1, 2]));
    opened.value.close();
    // events only (type 0x04), Command Complete only (event 0x0e)
    expect(calls).toEqual(['bind 0', 'filter 10000000004000000000000000000000', 'start', 'write 0102', 'stop']);
  });
});
