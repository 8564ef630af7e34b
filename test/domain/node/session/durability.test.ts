// Every acknowledged event survives a crash. A real child process appends events through
// CartSession and reports each acknowledgement; the test kills it with SIGKILL at a moment a
// seeded generator picks (after some number of acks, or after some milliseconds, which also
// lands kills in the middle of opening and replaying), then reopens the log and checks that each
// acknowledged event is there, intact and in order, and that the file opens cleanly (at most a
// torn last record; a power cut's torn write is added by hand where the kill left an
// unacknowledged record at the end). Each log goes through several killed children in a row, so recovery after
// a kill is itself killed and recovered from.
//
// The child is bundled once with esbuild and run with plain node, several at a time, because
// starting tsx hundreds of times would take minutes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom, type Random } from '../../../../domain/common/random.js';
import { parseSessionEvent, type SessionEvent } from '../../../../domain/common/session/events.js';
import { replayEvents } from '../../../../domain/common/session/state.js';
import { CartSession } from '../../../../domain/node/session/cart-session.js';
import { EventLog } from '../../../../domain/node/session/event-log.js';

const LOGS = 70;
const CHILDREN_PER_LOG = 3;
const AT_ONCE = 8;
const SEED = 0x7a11e;

const dir = mkdtempSync(path.join(tmpdir(), 'tally-durability-'));
const child = path.join(dir, 'child.mjs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./durability-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: child,
    minify: true,
    logLevel: 'warning',
  });
});

type Kill = { readonly afterAcks: number } | { readonly afterMs: number };

interface ChildEnd {
  readonly acks: SessionEvent[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Runs one child on `file` and kills it as `kill` says (unless it finishes first). */
function runChild(file: string, events: number, kill: Kill): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, String(events)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: SessionEvent[] = [];
    let pending = '';
    let stderr = '';
    const timer = 'afterMs' in kill ? setTimeout(() => proc.kill('SIGKILL'), kill.afterMs) : undefined;
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      pending += chunk;
      // Only whole lines are acknowledgements; a line cut by the kill promised nothing.
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const text = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const parsed = parseSessionEvent(parseJson(text));
        if (!parsed.ok) {
          proc.kill('SIGKILL');
          return reject(new Error(`the child reported something other than an ack: ${text}`));
        }
        acks.push(parsed.value);
        if ('afterAcks' in kill && acks.length === kill.afterAcks) proc.kill('SIGKILL');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ acks, code, signal, stderr });
    });
  });
}

/** Reopens the log as a restarting cart would, and returns every event in it. */
function reopen(file: string): { events: SessionEvent[]; torn: number } {
  const opened = EventLog.open(file);
  if (!opened.ok) throw opened.error;
  opened.value.log.close();
  for (const w of opened.value.warnings) expect(w.kind).toBe('torn-tail');
  const events = opened.value.records.map((r) => {
    const parsed = parseSessionEvent(r.value);
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  });
  const replayed = replayEvents(events);
  if (!replayed.ok) throw replayed.error.error;
  return { events, torn: opened.value.warnings.length };
}

/**
 * A kill cannot tear a write the way a power cut can, so where the child's last record reached
 * the file without being acknowledged, sometimes tear it by hand at a random byte, as a power cut
 * in the middle of that append would have. Acknowledged records are never touched.
 */
function tearUnacknowledgedTail(file: string, lastAcked: number, random: Random): boolean {
  const opened = EventLog.open(file);
  if (!opened.ok) throw opened.error;
  const { log, records } = opened.value;
  const size = log.size;
  log.close();
  const last = records[records.length - 1];
  const lastSeq = last ? parseSessionEvent(last.value) : undefined;
  if (!last || !lastSeq?.ok || lastSeq.value.seq <= lastAcked || random.next() < 0.5) return false;
  truncateSync(file, random.int(last.offset + 1, size - 1));
  return true;
}

function pickKill(random: Random, events: number): Kill {
  // Most kills land among the appends; some land in start-up, opening and replay.
  return random.next() < 0.7 ? { afterAcks: random.int(1, events + 3) } : { afterMs: random.int(0, 250) };
}

interface Tally {
  killed: number;
  finished: number;
  acked: number;
  torn: number;
}

async function killRepeatedly(logNo: number, random: Random, tally: Tally): Promise<void> {
  const file = path.join(dir, `cart-${logNo}.log`);
  const acked: SessionEvent[] = [];
  for (let generation = 0; generation < CHILDREN_PER_LOG; generation++) {
    const events = random.int(1, 24);
    const end = await runChild(file, events, pickKill(random, events));
    if (end.signal === 'SIGKILL') tally.killed++;
    else if (end.code === 0) tally.finished++;
    else throw new Error(`child exited with ${end.code}: ${end.stderr}`);

    expect(end.acks.map((a) => a.seq), 'acks come in seq order').toEqual(end.acks.map((_, i) => (end.acks[0]?.seq ?? 0) + i));
    acked.push(...end.acks);
    tally.acked += end.acks.length;
    const tore = tearUnacknowledgedTail(file, acked[acked.length - 1]?.seq ?? 0, random);
    const { events: logged, torn } = reopen(file);
    expect(torn).toBe(tore ? 1 : 0);
    tally.torn += torn;
    for (const ack of acked) expect(logged[ack.seq - 1], `log ${logNo} generation ${generation} seq ${ack.seq}`).toEqual(ack);
  }
  const restored = CartSession.open(file, new SimulatedClock());
  if (!restored.ok) throw restored.error;
  const { session } = restored.value;
  const scans = acked.filter((e) => e.type === 'scanned').map((e) => e.type === 'scanned' && e.lineId);
  // Every acknowledged scan is in the restored basket (unacknowledged ones may be there too).
  expect(session.state.trip?.basket.map((l) => l.lineId)).toEqual(expect.arrayContaining(scans));
  session.close();
}

describe('a cart killed with SIGKILL keeps every acknowledged event', () => {
  it(`over ${LOGS * CHILDREN_PER_LOG} seeded kills`, async () => {
    const random = seededRandom(SEED);
    const seeds = Array.from({ length: LOGS }, () => random.fork());
    const tally: Tally = { killed: 0, finished: 0, acked: 0, torn: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < LOGS) {
        const logNo = next++;
        await killRepeatedly(logNo, seeds[logNo] as Random, tally);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));

    // The run must really have killed children mid-trip, not just watched them finish.
    expect(tally.killed).toBeGreaterThan(LOGS * CHILDREN_PER_LOG * 0.75);
    expect(tally.acked).toBeGreaterThan(LOGS * CHILDREN_PER_LOG * 5);
    expect(tally.torn).toBeGreaterThan(0);
    console.log(`durability: ${tally.killed} killed, ${tally.finished} finished, ${tally.acked} acks checked, ${tally.torn} torn tails cut away`);
  }, 120_000);
});
