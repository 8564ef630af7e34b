import { parseArgs } from 'node:util';
import { z } from 'zod';
import { systemClock, type Clock } from '../../domain/common/clock.js';
import { laneSecretsSchema } from '../../payments/common/lane/secrets.js';
import { LaneConfigError } from '../../payments/common/lane/errors.js';
import { LaneBeacon } from '../../payments/node/lane/beacon.js';
import { LaneBroadcaster, type LaneFrameMessage } from '../../payments/node/lane/broadcaster.js';
import { serveLaneFrames, type LaneFrameServer } from '../../payments/node/lane/frame-server.js';
import { UsageError, type Command } from '../command.js';

const usage = `Usage: tally lane --lane ID [--secret HEX] [--rotation K] [--power=DBM] [--ws PORT] [--host H] [--once] [--json]

Runs an exit lane's beacon (see docs/payments.md, "Lane tokens"): the token for lane ID, a keyed
MAC of the lane and the time, rotating every 2^K seconds (K = 2: every 4 s). The secret is the
lane's, the same the store has in TALLY_STORE_LANE_SECRETS; pass it as TALLY_LANE_SECRET in the
environment rather than --secret, which other users of the machine can see.

This build has no BLE peripheral stack, so it cannot advertise over Bluetooth itself: it prints
each new frame on standard output and, with --ws PORT (0 picks a free port), serves the frames
over WebSocket as JSON to the virtual BLE world. --once prints the current frame and exits;
--json prints JSON lines instead of text.`;

const options = {
  lane: { type: 'string' },
  secret: { type: 'string' },
  rotation: { type: 'string' },
  power: { type: 'string' },
  ws: { type: 'string' },
  host: { type: 'string' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
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
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

const text = (f: LaneFrameMessage): string =>
  `lane ${f.laneId}  counter ${f.counter}  ${new Date(f.fromMs).toISOString()} to ${new Date(f.untilMs).toISOString()}  manufacturer data ${f.manufacturerData}`;

export interface RunningLane {
  readonly broadcaster: LaneBroadcaster;
  /** The WebSocket server, when --ws was given. */
  readonly server: LaneFrameServer | undefined;
  stop(): Promise<void>;
}

/** Starts the beacon side: frames to `print` (one line each), and over WebSocket with --ws. */
export async function startLane(o: LaneOptions, deps: { clock: Clock; print: (line: string) => void }): Promise<RunningLane> {
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
  const broadcaster = new LaneBroadcaster(beacon, deps.clock);
  broadcaster.listen((f) => deps.print(o.json ? JSON.stringify(f) : text(f)));
  broadcaster.start();
  const server = o.wsPort === undefined ? undefined : await serveLaneFrames(broadcaster, { host: o.host, port: o.wsPort });
  return {
    broadcaster,
    server,
    async stop() {
      broadcaster.stop();
      await server?.close();
    },
  };
}

export const laneCommand: Command = {
  name: 'lane',
  summary: "run an exit lane's beacon: its rotating token, on stdout and WebSocket",
  usage,
  async run(args) {
    const o = parseLaneArgs(args, process.env);
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    const lane = await startLane({ ...o, wsPort: o.once ? undefined : o.wsPort }, { clock: systemClock, print });
    if (o.once) {
      await lane.stop();
      return 0;
    }
    process.stderr.write('no BLE advertising in this build (no peripheral stack): frames go to stdout');
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
