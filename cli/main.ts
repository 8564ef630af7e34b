import { commands } from './commands/index.js';
import { UsageError, type Command } from './command.js';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: tally <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `tally <command> --help` for the options of one command.',
  ].join('\n');
}

/** Entry point of the `tally` CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`tally: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
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
    throw err;
  }
}
