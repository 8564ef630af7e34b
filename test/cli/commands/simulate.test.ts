import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../cli/command.js';
import { simulateCommand } from '../../../cli/commands/simulate.js';

describe('tally simulate', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints the figures and, with --json, one JSON object last', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    expect(await simulateCommand.run(['--trips', '6', '--seed', '4', '--json'])).toBe(0);
    expect(lines.join('\n')).toMatch(/unscanned-item recall[\s\S]*false alerts \/ 100 honest[\s\S]*time to alert p50 \/ p95/);
    const figures = JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
    expect(figures).toMatchObject({ seed: 4, trips: 6, tolerance: '4σ' });
    expect(figures).toHaveProperty('falseAlertsPer100HonestTrips');
    expect(figures).toHaveProperty('reviewShare');
  });

  it('refuses nonsense arguments with a usage error', async () => {
    for (const args of [['--trips', '0'], ['--trips', 'many'], ['--seed', '-3'], ['--seed=-3'], ['--colour'], ['--sigma', '0'], ['--sigma', 'wide'], ['extra']]) {
      await expect(simulateCommand.run(args)).rejects.toBeInstanceOf(UsageError);
    }
  });
});
