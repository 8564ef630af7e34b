import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const errors: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  return { out, errors };
}

describe('the tally command', () => {
  it('lists every subcommand with a summary', async () => {
    const { out } = capture();
    expect(await main(['--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/Commands:\n {2}start +run the emulated cart/);
    expect(out.join('\n')).toMatch(/ {2}catalog +check a catalog/);
  });

  it('shows one command\'s usage', async () => {
    const { out } = capture();
    expect(await main(['catalog', '--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: tally catalog check/);
  });

  it('answers an unknown command or option with exit code 2, not a stack trace', async () => {
    const { errors } = capture();
    expect(await main(['fly'])).toBe(2);
    expect(errors[0]).toMatch(/unknown command 'fly'/);
    expect(await main(['toString'])).toBe(2);
    expect(await main(['catalog', 'check', '--bogus'])).toBe(2);
    expect(errors.at(-1)).toMatch(/tally catalog: Unknown option '--bogus'/);
    expect(await main(['catalog', 'polish'])).toBe(2);
    expect(errors.at(-1)).toMatch(/unknown action 'polish'/);
  });

  it('with no command at all prints the overview and exits 2', async () => {
    const { out } = capture();
    expect(await main([])).toBe(2);
    expect(out.join('\n')).toMatch(/^Usage: tally <command>/);
  });
});
