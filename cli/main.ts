import { UsageError } from './command.js';
import { commands } from './commands/index.js';

async function overview(): Promise<string> {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length), 4);
  const lines: string[] = [];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(width)}  ${(await load()).summary}`);
  return ['Usage: tally <command> [options]', '', 'Commands:', ...lines, '', 'Run `tally <command> --help` for the options of one command.'].join('\n');
}

/** Entry point of the `tally` CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(await overview());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    console.error(`tally: unknown command '${name}'\n\n${await overview()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`tally ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    // A parseArgs mistake (unknown option, missing value) is the caller's, not a crash.
    if (err instanceof TypeError && String((err as TypeError & { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`tally ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}
