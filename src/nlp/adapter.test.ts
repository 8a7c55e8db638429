/**
 * The adapter's held-out check (adapter.ts): an adapter applies only if, on corrections it was
 * not trained on, it fixes at least as many readings as it breaks. A toy base model (one bucket
 * per word, the same answer for every text) makes the counts follow from the corrections alone.
 */
import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '../core/mention.ts';
import { adaptedReader, adapterApplies, heldOutCheck, trainCheckedAdapter, trainCheckedAdapterInSlices, type AdaptExample, type BaseSentiment } from './adapter.ts';

const buckets = new Map<string, number>();
/** Reads every text as neutral (0.6), with one feature per distinct word. */
const neutralBase: BaseSentiment = {
  featureConfig: { toy: true },
  probabilities: () => [0.2, 0.6, 0.2],
  featuresOf(text) {
    const words = [...new Set(text.toLowerCase().match(/\p{L}+/gu) ?? [])];
    for (const w of words) if (!buckets.has(w)) buckets.set(w, buckets.size);
    return { index: Int32Array.from(words, (w) => buckets.get(w)!), value: new Float32Array(words.length).fill(1) };
  },
};

const example = (text: string, label: SentimentLabel): AdaptExample => ({ text, lang: 'en', label });

describe('the held-out check', () => {
  it('applies an adapter whose wording carries over: each held-out correction is read right by the adapter trained without it', () => {
    const corrections = ['prices up again not worth it', 'prices up again, sad', 'again prices up', 'prices up again today', 'they put prices up again'].map((t) => example(t, 'negative'));
    const { adapter, check, applied } = trainCheckedAdapter(neutralBase, corrections);
    expect(check).toEqual({ fixed: 5, broken: 0 });
    expect(applied).toBe(true);
    expect(adapter.weights.size).toBeGreaterThan(0);
    expect(adaptedReader(neutralBase, adapter).analyze('prices up again this week', 'en').label).toBe('negative');
  });

  it('keeps the base model when the corrections contradict each other: held out, they break more readings than they fix', () => {
    // One wording, confirmed neutral three times and called positive three times: an adapter
    // trained without a confirmation has seen the wording called positive more often than
    // neutral, and flips the confirmation; none is sure enough to fix a held-out "positive".
    const labels: SentimentLabel[] = ['neutral', 'neutral', 'neutral', 'positive', 'positive', 'positive'];
    const corrections = labels.map((label, i) => example(`the new menu is out, post ${'abcdef'[i]}`, label));
    const { adapter, check, applied } = trainCheckedAdapter(neutralBase, corrections);
    expect(check).toEqual({ fixed: 0, broken: 2 });
    expect(applied).toBe(false);
    expect(adapter.weights.size).toBe(0);
    expect(adapter.corrections).toBe(6);
    expect(adaptedReader(neutralBase, adapter).analyze('the new menu is out', 'en').label).toBe('neutral');
  });

  it('finds nothing to fix or break where no wording recurs, and applies the (empty-handed) adapter', () => {
    const corrections = [example('lovely staff', 'positive'), example('cold coffee', 'negative'), example('opens monday', 'neutral')];
    expect(heldOutCheck(neutralBase, corrections)).toEqual({ fixed: 0, broken: 0 });
    expect(trainCheckedAdapter(neutralBase, corrections).applied).toBe(true);
  });

  it('applies unless it broke more held-out corrections than it fixed (ties apply)', () => {
    expect(adapterApplies({ fixed: 3, broken: 4 })).toBe(false);
    expect(adapterApplies({ fixed: 3, broken: 3 })).toBe(true);
    expect(adapterApplies({ fixed: 0, broken: 0 })).toBe(true);
  });

  it('keeps the copies of one post in one fold: a repost with another link is not evidence that a wording recurs', () => {
    // Three copies of one post (another link each) and three unrelated posts, all read neutral and called negative.
    const copies = ['great service https://t.co/a', 'great service https://t.co/b', 'RT @x: great service https://t.co/c'].map((t) => example(t, 'negative'));
    const others = ['cold coffee', 'slow queue', 'broken cup'].map((t) => example(t, 'negative'));
    // Held out together, no copy is read right by an adapter trained on the others.
    expect(heldOutCheck(neutralBase, [...copies, ...others])).toEqual({ fixed: 0, broken: 0 });
  });

  it('in slices, lets other work run before it is done, and trains the same adapter', async () => {
    const corrections = ['prices up again', 'prices up again, sad', 'again prices up'].map((t) => example(t, 'negative'));
    const anchors = Array.from({ length: 300 }, (_, i) => ({ text: `hello world ${'abcdefghij'[i % 10]} ${'klmnopqrst'[Math.floor(i / 10) % 10]}`, lang: 'en' }));
    let ranMeanwhile = false;
    const training = trainCheckedAdapterInSlices(neutralBase, corrections, anchors);
    setImmediate(() => (ranMeanwhile = true));
    const [sliced, ranBeforeDone] = await training.then((result) => [result, ranMeanwhile] as const);
    expect(ranBeforeDone).toBe(true);
    const whole = trainCheckedAdapter(neutralBase, corrections, anchors);
    expect(sliced.check).toEqual(whole.check);
    expect([...sliced.adapter.weights]).toEqual([...whole.adapter.weights]);
  });
});
