// `npm run bench -- NAME [--json] [extra args]`: runs one named benchmark. Human-readable
// figures go to stdout as it runs; with --json the last line is one JSON object of figures.
import { benchmarks } from './index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const rest = args.filter((a) => a !== '--json');
const name = rest.shift();

if (!name || !(name in benchmarks)) {
  console.error(`usage: npm run bench -- NAME [--json]\nbenchmarks: ${Object.keys(benchmarks).sort().join(', ')}`);
  process.exit(2);
}
const load = benchmarks[name] as () => Promise<{ default: import('./benchmark.js').Benchmark }>;
const bench = (await load()).default;
console.log(`# ${name}: ${bench.summary}`);
const figures = await bench.run({ log: (line) => console.log(line), args: rest });
if (json) console.log(JSON.stringify({ benchmark: name, ...figures }));
