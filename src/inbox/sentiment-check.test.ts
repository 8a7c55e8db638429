import { expect, it } from 'vitest';
import { isNotSure, NOT_SURE_BELOW } from '../watch/figures.ts';
import { describeEachStore } from '../store/testing.ts';
import { correctSentiment } from './corrections.ts';
import { listInbox } from './inbox-list.ts';
import { inboxFixture, inboxMention, storeMentions } from './testing.ts';

const sentiment = (negative: number, neutral: number, positive: number) => {
  const label = negative >= neutral && negative >= positive ? ('negative' as const) : positive >= neutral ? ('positive' as const) : ('neutral' as const);
  return { label, score: positive - negative, probabilities: { negative, neutral, positive } };
};

it('calls a sentiment "not sure" when its top probability is under the threshold', () => {
  expect(NOT_SURE_BELOW).toBe(0.6);
  expect(isNotSure({ negative: 0.2, neutral: 0.21, positive: 0.59 })).toBe(true);
  expect(isNotSure({ negative: 0.2, neutral: 0.2, positive: 0.6 })).toBe(false);
  expect(isNotSure({ negative: 1, neutral: 0, positive: 0 })).toBe(false);
  expect(isNotSure(null)).toBe(false);
});

describeEachStore('the "needs a sentiment check" inbox view', (open) => {
  it('lists the mentions the model is not sure of, least sure first, and drops them once corrected', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const ids = await storeMentions(store, f.ws, [
      inboxMention('sure', 'Love it', { sentiment: sentiment(0.05, 0.1, 0.85) }),
      inboxMention('unsure', 'Hmm, prices again', { sentiment: sentiment(0.3, 0.2, 0.5) }),
      inboxMention('flat', 'ok I guess?', { sentiment: sentiment(0.34, 0.33, 0.33) }),
      inboxMention('edge', 'fine', { sentiment: sentiment(0.2, 0.2, 0.6) }),
      inboxMention('none', 'no sentiment yet', { lang: 'en', sentiment: null }),
    ]);
    const view = await listInbox(store, f.ws, { view: 'sentiment-check', limit: 10 });
    expect(view.total).toBe(2);
    expect(view.items.map((i) => i.mention.externalId)).toEqual(['flat', 'unsure']);

    await correctSentiment(store, f.ws, [ids[2]!], 'neutral', f.alice, Date.UTC(2026, 2, 5));
    const after = await listInbox(store, f.ws, { view: 'sentiment-check', limit: 10 });
    expect(after.items.map((i) => i.mention.externalId)).toEqual(['unsure']);
  });
});
