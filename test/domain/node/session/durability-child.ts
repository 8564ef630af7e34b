// The process the durability test kills. It opens the session log named on its command line
// (restoring whatever an earlier, killed child left), signs a shopper in if nobody is, then
// scans items as fast as it can. After each `record` returns, and only then, it writes the
// acknowledged event as one JSON line to stdout: every line the parent reads is a promise that
// the event is on the disk. The test bundles this file with esbuild and runs it with plain node.
import { writeSync } from 'node:fs';
import { systemClock } from '../../../../domain/common/clock.js';
import type { NewSessionEventInput } from '../../../../domain/common/session/events.js';
import { CartSession } from '../../../../domain/node/session/cart-session.js';

const [file, countArg] = process.argv.slice(2);
if (!file || !countArg) {
  process.stderr.write('usage: durability-child LOG_FILE EVENT_COUNT\n');
  process.exit(2);
}

/** Writes all of `line` to stdout now, even if the pipe is momentarily full. */
function report(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(1, bytes, done);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EAGAIN') throw cause;
    }
  }
}

const opened = CartSession.open(file, systemClock);
if (!opened.ok) {
  report(JSON.stringify({ openFailed: opened.error.message }));
  process.exit(3);
}
const { session, warnings } = opened.value;
for (const w of warnings) process.stderr.write(`${w.message}\n`);

function record(intent: NewSessionEventInput): void {
  const acked = session.record(intent);
  if (!acked.ok) {
    report(JSON.stringify({ refused: acked.error.message }));
    process.exit(4);
  }
  report(JSON.stringify(acked.value));
}

if (!session.state.pairing) record({ type: 'paired', storeId: 'store-1', cartId: 'cart-durable' });
if (!session.state.trip) record({ type: 'signedIn', tripId: 'trip-durable', shopperId: 'shopper-1', member: false });
for (let i = 0; i < Number(countArg); i++) {
  const seq = session.state.lastSeq + 1;
  // Sizes vary so records straddle disk blocks differently from run to run.
  record({ type: 'scanned', lineId: `line-${seq}`, code: `]C101${String(seq).padStart(14, '0')}${'9'.repeat(seq % 97)}`, symbology: 'gs1-128', sku: `sku-${seq % 13}`, measure: { by: 'each', quantity: 1 + (seq % 5) } });
}
session.close();
