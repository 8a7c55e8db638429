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

  it('interrupt() aborts the evaluation running (a server shutting down) and drops its reruns; later ones run as usual', async () => {
    const signals: AbortSignal[] = [];
    const trigger = new AlertTrigger({} as Store, async (_store, _ws, signal) => {
      signals.push(signal);
      // Stands for a rollup refresh that only ends when told to stop.
      await new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    trigger.schedule(1);
    trigger.schedule(1); // a rerun asked for while it runs
    await Promise.resolve();
    await trigger.interrupt();
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    trigger.schedule(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(signals).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(false);
    const done = trigger.interrupt();
    await done;
  });
});
