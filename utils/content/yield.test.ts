import { describe, expect, it } from 'vitest';
import { yieldToPage } from './yield';

describe('yieldToPage without scheduler.yield (the message-channel path)', () => {
  it('is the path these tests take', () => {
    expect((globalThis as { scheduler?: unknown }).scheduler).toBeUndefined();
  });

  it('resolves every one of several concurrent yields, in the order they were asked', async () => {
    const order: number[] = [];
    const all = Promise.all([1, 2, 3, 4].map((n) => yieldToPage().then(() => order.push(n))));
    const settled = await Promise.race([all.then(() => 'all resolved'), new Promise((r) => setTimeout(() => r('a yield hung'), 1000))]);
    expect(settled).toBe('all resolved');
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
