import { parseArgs } from 'node:util';
import { z } from 'zod';
import { systemClock, type Clock } from '../../domain/common/clock.js';
import { laneSecretsSchema } from '../../payments/common/lane/secrets.js';
import { LaneConfigError } from '../../payments/common/lane/errors.js';
import { LaneBeacon } from '../../payments/node/lane/beacon.js';
import { LaneBroadcaster, type LaneFrameMessage } from '../../payments/node/lane/broadcaster.js';
import { serveLaneFrames, type LaneFrameServer } from '../../payments/node/lane/frame-server.js';
import { ok, type Result } from '../../domain/common/result.js';
import { BleError } from '../../hardware/common/ble/scanner.js';
import { HciAdvertiser, openHciSocket } from '../../hardware/node/ble/hci-advertiser.js';
import { fromHex } from '../../payments/common/lane/hex.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: tally lane --lane ID [--secret HEX] [--rotation K] [--power=DBM] [--ble] [--hci N] [--ws PORT] [--host H] [--once] [--json]

Runs an exit lane's beacon (see docs/payments.md, "Lane tokens"): the token for lane ID, a keyed
MAC of the lane and the time, rotating every 2^K seconds (K = 2: every 4 s). The secret is the
lane's, the same the store has in TALLY_STORE_LANE_SECRETS; pass it as TALLY_LANE_SECRET in the
environment rather than --secret, which other users of the machine can see.

It prints each new frame on standard output and, with --ws PORT (0 picks a free port), serves
the frames over WebSocket as JSON to the virtual BLE world (the emulator). With --ble it also
advertises them over Bluetooth, non-connectable every 100 ms, through the raw HCI socket of
controller hciN (--hci, default 0): Linux, the @abandonware/bluetooth-hci-socket module built, and
CAP_NET_RAW (docs/payments.md, "The lane's beacon on a real device"); where that is not possible
it says why and exits with status 1. --once prints the current frame and exits; --json prints
JSON lines instead of text.`;

const options = {
  lane: { type: 'string' },
  secret: { type: 'string' },
  rotation: { type: 'string' },
  power: { type: 'string' },
  ws: { type: 'string' },
  host: { type: 'string' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  ble: { type: 'boolean' },
  hci: { type: 'string' },
} as const;

const laneOptionsSchema = z.object({
  laneId: z.string().regex(/^\d{1,5}$/, '--lane: a lane id 0-65535').transform(Number),
  secret: z.string({ error: 'give the lane secret as TALLY_LANE_SECRET (or --secret HEX)' }),
  rotationExponent: z.string().regex(/^\d{1,2}$/, '--rotation: K, 0-15').transform(Number).default(2),
  measuredPower: z.string().regex(/^-?\d{1,3}$/, '--power: dBm at 1 m, a whole number').transform(Number).default(-59),
  wsPort: z.string().regex(/^\d{1,5}$/, '--ws: a port number').transform(Number).pipe(z.int().max(65535)).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  once: z.boolean().default(false),
  json: z.boolean().default(false),
  ble: z.boolean().default(false),
  hci: z.string().regex(/^\d{1,2}$/, '--hci: a controller number, 0 for hci0').transform(Number).default(0),
});

export type LaneOptions = z.output<typeof laneOptionsSchema>;

export function parseLaneArgs(args: string[], env: NodeJS.ProcessEnv): LaneOptions {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({ args, options, allowPositionals: true });
  } catch (error) {
    // node:util's own messages are clear ("Unknown option '--x'"); only the class is wrong.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsedArgs;
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const parsed = laneOptionsSchema.safeParse({
    laneId: values.lane,
    secret: values.secret ?? env.TALLY_LANE_SECRET,
    rotationExponent: values.rotation,
    measuredPower: values.power,
    wsPort: values.ws,
    host: values.host,
    once: values.once,
    json: values.json,
    ble: values.ble,
    hci: values.hci,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

const text = (f: LaneFrameMessage): string =>
  `lane ${f.laneId}  counter ${f.counter}  ${new Date(f.fromMs).toISOString()} to ${new Date(f.untilMs).toISOString()}  manufacturer data ${f.manufacturerData}`;

/** What `--ble` advertises through (HciAdvertiser; a fake in tests). */
export interface LaneAdvertiser {
  advertise(data: Uint8Array): void;
  onError(listener: (error: BleError) => void): void;
  stop(): void;
}

/** Opens the advertiser on controller `devId`, or says why there is none. */
export type OpenAdvertiser = (devId: number) => Result<LaneAdvertiser, BleError>;

const openHciAdvertiser: OpenAdvertiser = (devId) => {
  const socket = openHciSocket(devId);
  return socket.ok ? ok(new HciAdvertiser(socket.value)) : socket;
};

export interface RunningLane {
  readonly broadcaster: LaneBroadcaster;
  /** The WebSocket server, when --ws was given. */
  readonly server: LaneFrameServer | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the beacon side: frames to `print` (one line each), over WebSocket with --ws, and over
 * Bluetooth with --ble (a BleError when the machine cannot advertise; `warn` gets a controller's
 * later refusals).
 */
export async function startLane(
  o: LaneOptions,
  deps: { clock: Clock; print: (line: string) => void; warn?: (line: string) => void; openAdvertiser?: OpenAdvertiser },
): Promise<RunningLane> {
  // The same parser as the store's lane secrets: the same rules, and no secret in an error.
  const secrets = laneSecretsSchema.safeParse(`${o.laneId}=${o.secret}`);
  if (!secrets.success) throw new UsageError(secrets.error.issues.map((i) => i.message).join('\n'));
  const secret = secrets.data.get(o.laneId) as Uint8Array;
  let beacon: LaneBeacon;
  try {
    beacon = new LaneBeacon({ laneId: o.laneId, secret, clock: deps.clock, rotationExponent: o.rotationExponent, measuredPower: o.measuredPower });
  } catch (error) {
    if (error instanceof LaneConfigError) throw new UsageError(error.message);
    throw error;
  }
  let advertiser: LaneAdvertiser | undefined;
  if (o.ble) {
    const opened = (deps.openAdvertiser ?? openHciAdvertiser)(o.hci);
    if (!opened.ok) throw opened.error;
    advertiser = opened.value;
    const warn = deps.warn ?? deps.print;
    advertiser.onError((error) => warn(error.message));
  }
  const broadcaster = new LaneBroadcaster(beacon, deps.clock);
  broadcaster.listen((f) => deps.print(o.json ? JSON.stringify(f) : text(f)));
  // The whole advertisement (flags + manufacturer data), replaced in the air at each rotation.
  if (advertiser) broadcaster.listen((f) => advertiser.advertise(fromHex(f.advertisement)));
  broadcaster.start();
  const server = o.wsPort === undefined ? undefined : await serveLaneFrames(broadcaster, { host: o.host, port: o.wsPort });
  return {
    broadcaster,
    server,
    async stop() {
      broadcaster.stop();
      advertiser?.stop();
      await server?.close();
    },
  };
}

export const laneCommand: Command = {
  name: 'lane',
  summary: "run an exit lane's beacon: its rotating token, on stdout, WebSocket and (--ble) Bluetooth",
  usage,
  async run(args) {
    const o = parseLaneArgs(args, process.env);
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    const warn = (line: string): void => void process.stderr.write(`tally lane: ${line}\n`);
    let lane: RunningLane;
    try {
      lane = await startLane({ ...o, wsPort: o.once ? undefined : o.wsPort, ble: o.ble && !o.once }, { clock: systemClock, print, warn });
    } catch (error) {
      if (!(error instanceof BleError)) throw error;
      warn(`${error.message}; not advertising`);
      return 1;
    }
    if (o.once) {
      await lane.stop();
      return 0;
    }
    process.stderr.write(o.ble ? `advertising on hci${o.hci}; frames also go to stdout` : 'not advertising over Bluetooth (--ble to): frames go to stdout');
    process.stderr.write(lane.server ? ` and ws://${o.host}:${lane.server.port}\n` : '\n');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void lane.stop().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
