#!/usr/bin/env node
// The `tally` command. It runs the compiled CLI from dist/ (built by `npm ci` through the
// `prepare` script, or by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('tally: the CLI is not built yet; run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
