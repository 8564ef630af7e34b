import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../../cart-app/node/ui-server/latest-only.js';

describe('latest-only snapshot sending', () => {
  it('keeps one value in flight and only the newest waiting, however many arrive', () => {
    const sent: number[] = [];
    const pending: ((error?: Error) => void)[] = [];
    const channel = new LatestOnly<number>((value, done) => {
      sent.push(value);
      pending.push(done);
    });
    for (let i = 1; i <= 1000; i += 1) channel.offer(i);
    expect(sent).toEqual([1]);
    pending.shift()?.();
    expect(sent).toEqual([1, 1000]);
    expect(channel.dropped).toBe(998);
    pending.shift()?.();
    expect(sent).toEqual([1, 1000]);
    channel.offer(1001);
    expect(sent).toEqual([1, 1000, 1001]);
  });

  it('stops for good after a failed send or stop()', () => {
    const sent: number[] = [];
    let finish: ((error?: Error) => void) | undefined;
    const channel = new LatestOnly<number>((value, done) => {
      sent.push(value);
      finish = done;
    });
    channel.offer(1);
    channel.offer(2);
    finish?.(new Error('socket gone'));
    channel.offer(3);
    expect(sent).toEqual([1]);
  });
});
