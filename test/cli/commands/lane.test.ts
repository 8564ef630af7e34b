// `tally lane`: the beacon side for the emulator. The frames it prints and serves must be the
// ones the store's verifier accepts, rotate on the period boundary, and never leak the secret.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { UsageError } from '../../../cli/command.js';
import { parseLaneArgs, startLane, type LaneAdvertiser, type RunningLane } from '../../../cli/commands/lane.js';
import { err, ok } from '../../../domain/common/result.js';
import { BleError } from '../../../hardware/common/ble/scanner.js';
import { parseLaneAdvertisement } from '../../../payments/common/lane/advertisement.js';
import { LaneTokenVerifier } from '../../../payments/node/lane/verifier.js';
import type { LaneFrameMessage } from '../../../payments/node/lane/broadcaster.js';

const SECRET = 'c3'.repeat(32);
const START = 1_764_000_001_500;
let running: RunningLane | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function lane(args: string[], clock: SimulatedClock, env: NodeJS.ProcessEnv = { TALLY_LANE_SECRET: SECRET }) {
  const lines: string[] = [];
  return { lines, start: async () => (running = await startLane(parseLaneArgs(args, env), { clock, print: (l) => lines.push(l) })) };
}

/** An advertiser that keeps what it was asked to put in the air. */
function fakeAdvertiser() {
  const aired: Uint8Array[] = [];
  let stopped = false;
  let failWith: ((e: BleError) => void) | undefined;
  const advertiser: LaneAdvertiser = {
    advertise: (data) => void aired.push(data),
    onError: (listener) => void (failWith = listener),
    stop: () => void (stopped = true),
  };
  return { advertiser, aired, stopped: () => stopped, fail: (e: BleError) => failWith?.(e) };
}

describe('tally lane', () => {
  it('prints the current frame as JSON, one the store accepts for that lane', async () => {
    const clock = new SimulatedClock(START);
    const l = lane(['--lane', '7', '--json', '--once'], clock);
    await l.start();
    expect(l.lines).toHaveLength(1);
    const frame = JSON.parse(l.lines[0] as string) as LaneFrameMessage;
    expect(frame).toMatchObject({ type: 'lane-frame', laneId: 7, rotationExponent: 2, measuredPower: -59, counter: Math.floor(START / 4000) });
    expect(frame.untilMs - frame.fromMs).toBe(4_000);
    expect(frame.advertisement.endsWith(frame.manufacturerData.slice(4))).toBe(true);
    const verifier = new LaneTokenVerifier({ clock, secrets: new Map([[7, Uint8Array.from({ length: 32 }, () => 0xc3)]]) });
    expect(verifier.verify({ laneId: 7, frame: frame.manufacturerData, tripId: 't' }).ok).toBe(true);
    expect(l.lines.join('')).not.toContain(SECRET);
  });

  it('prints a new frame exactly when the token rotates, not before', async () => {
    const clock = new SimulatedClock(START);
    const l = lane(['--lane', '2', '--rotation', '0'], clock);
    await l.start();
    clock.advance(499);
    expect(l.lines).toHaveLength(1);
    clock.advance(1);
    expect(l.lines).toHaveLength(2);
    clock.advance(3_000);
    expect(l.lines).toHaveLength(5);
    expect(new Set(l.lines).size).toBe(5);
    expect(l.lines[0]).toMatch(/^lane 2 {2}counter \d+ {2}2025-/);
  });

  it('serves the frames over WebSocket to the virtual BLE world, now and at each rotation', async () => {
    const clock = new SimulatedClock(START);
    const l = lane(['--lane', '4', '--ws', '0', '--json'], clock);
    const { server } = await l.start();
    const ws = new WebSocket(`ws://127.0.0.1:${server?.port}`);
    const received: LaneFrameMessage[] = [];
    const next = () => new Promise<void>((resolve) => ws.once('message', (data) => resolve(void received.push(JSON.parse(String(data)) as LaneFrameMessage))));
    await next();
    expect(received[0]?.manufacturerData).toBe((JSON.parse(l.lines[0] as string) as LaneFrameMessage).manufacturerData);
    const second = next();
    clock.advance(4_000);
    await second;
    expect(received[1]?.counter).toBe((received[0]?.counter ?? 0) + 1);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('advertise something else');
    expect(await closed).toBe(1003);
  });

  it('refuses a missing, short or non-hex secret, a bad lane or rotation, without echoing the secret', () => {
    const clock = new SimulatedClock(START);
    const bad: [string[], NodeJS.ProcessEnv][] = [
      [['--lane', '1'], {}],
      [['--lane', '1'], { TALLY_LANE_SECRET: 'c3'.repeat(8) + 'zz' }],
      [['--lane', '1'], { TALLY_LANE_SECRET: 'c3'.repeat(15) }],
      [['--lane', '70000'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', 'x'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', '1', '--rotation', '16'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', '1', '--power=-300'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', '1', '--power', '-59'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', '1', '--ws', '70000'], { TALLY_LANE_SECRET: SECRET }],
      [['--lane', '1', 'extra'], { TALLY_LANE_SECRET: SECRET }],
    ];
    return Promise.all(
      bad.map(async ([args, env]) => {
        const attempt = (async () => startLane(parseLaneArgs(args, env), { clock, print: () => undefined }))();
        await expect(attempt, args.join(' ')).rejects.toBeInstanceOf(UsageError);
        await attempt.catch((e: Error) => expect(e.message).not.toContain('c3c3c3c3c3c3c3c3'));
      }),
    );
  });
  it('with --ble, puts the whole advertisement of each rotation in the air through the controller it opened', async () => {
    const clock = new SimulatedClock(START);
    const fake = fakeAdvertiser();
    const opened: number[] = [];
    const lines: string[] = [];
    const warnings: string[] = [];
    running = await startLane(parseLaneArgs(['--lane', '3', '--rotation', '0', '--ble', '--hci', '1', '--json'], { TALLY_LANE_SECRET: SECRET }), {
      clock,
      print: (l) => lines.push(l),
      warn: (l) => warnings.push(l),
      openAdvertiser: (devId) => (opened.push(devId), ok(fake.advertiser)),
    });
    expect(opened).toEqual([1]);
    clock.advance(1_000); // one rotation, half a second in
    expect(fake.aired).toHaveLength(2);
    const frames = lines.map((l) => JSON.parse(l) as LaneFrameMessage);
    expect(fake.aired.map((b) => Buffer.from(b).toString('hex'))).toEqual(frames.map((f) => f.advertisement));
    expect(fake.aired.every((b) => b.length <= 31)).toBe(true);
    expect(parseLaneAdvertisement(fake.aired[1] as Uint8Array).ok).toBe(true);
    fake.fail(new BleError('command-failed', 'the controller refused LE Set Advertising Data (HCI status 0x12)'));
    expect(warnings).toEqual(['bluetooth: the controller refused LE Set Advertising Data (HCI status 0x12)']);
    await running.stop();
    running = undefined;
    expect(fake.stopped()).toBe(true);
  });

  it('with --ble where the machine cannot advertise, says why and starts nothing', async () => {
    const clock = new SimulatedClock(START);
    const unavailable = new BleError('unavailable', 'cannot open hci0: this machine has no Bluetooth sockets (EAFNOSUPPORT)');
    const attempt = startLane(parseLaneArgs(['--lane', '3', '--ble'], { TALLY_LANE_SECRET: SECRET }), { clock, print: () => undefined, openAdvertiser: () => err(unavailable) });
    await expect(attempt).rejects.toBe(unavailable);
    expect(() => parseLaneArgs(['--lane', '3', '--ble', '--hci', 'hci0'], { TALLY_LANE_SECRET: SECRET })).toThrow(UsageError);
  });
});
