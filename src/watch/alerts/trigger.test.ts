import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.ts';
import { AlertTrigger } from './trigger.ts';

describe('AlertTrigger', () => {
  it('coalesces a burst of ingests into one extra evaluation per workspace', async () => {
    const runs: number[] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const trigger = new AlertTrigger({} as Store, async (_store, ws) => {
      runs.push(ws);
      if (runs.length === 1) await first;
    });
    trigger.schedule(1);
    for (let i = 0; i < 10; i++) trigger.schedule(1);
    trigger.schedule(2);
    release();
    await trigger.idle();
    expect(runs.filter((w) => w === 1)).toHaveLength(2);
    expect(runs.filter((w) => w === 2)).toHaveLength(1);
  });

  it('keeps going after a failed evaluation', async () => {
    let calls = 0;
    const trigger = new AlertTrigger({} as Store, async () => {
      calls++;
      throw new Error('smtp down');
    });
    trigger.schedule(1);
    await trigger.idle();
    trigger.schedule(1);
    await trigger.idle();
    expect(calls).toBe(2);
  });
});
