// `tally cart`: the mistakes in how it is called are the caller's, said before anything starts.
// (Signing in and paying at a lane, whole, is cart-lanes.test.ts; pairing against a running
// `tally store` was run by hand.)
import { describe, expect, it } from 'vitest';
import { cartCommand } from '../../../cli/commands/cart.js';
import { UsageError } from '../../../cli/command.js';

describe('tally cart', () => {
  it.each([
    [['--store', 'http://127.0.0.1:1'], /--emulated/],
    [['--emulated'], /--store wants/],
    [['--emulated', '--store', 'ftp://example.com'], /--store wants/],
    [['--emulated', '--store', 'http://127.0.0.1:1', '--lanes', '3=zz'], /--lanes/],
    [['--emulated', '--store', 'http://127.0.0.1:1', '--lanes', '3=00,3=01'], /--lanes/],
  ])('refuses %j', async (args, message) => {
    const run = cartCommand.run(args);
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
