import { expect, it } from 'vitest';
import { ingestBatch } from '../listen/pipeline.ts';
import { loadPipeline } from '../listen/load-pipeline.ts';
import { describeEachStore } from '../store/testing.ts';
import { listInbox } from './inbox-list.ts';
import { inboxFixture, inboxMention } from './testing.ts';
import { addTagRule, removeTagRule, tagFigures, tagMentions, updateTagRule } from './tags.ts';
import { triageHistory } from './triage.ts';

const NOW = Date.UTC(2026, 2, 5);
const neg = { label: 'negative' as const, score: -0.8, probabilities: { negative: 0.9, neutral: 0.05, positive: 0.05 } };
const pos = { label: 'positive' as const, score: 0.8, probabilities: { negative: 0.05, neutral: 0.05, positive: 0.9 } };

describeEachStore('tags', (open) => {
  it('backfills a rule over stored mentions, applies it on ingest, recomputes it on change and removal, and keeps hand tags', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const ingest = async (mentions: ReturnType<typeof inboxMention>[]) => (await ingestBatch(store, f.ws, mentions, await loadPipeline(store, f.ws, { enrich: false }))).ids;
    const [refund, rembourse, other] = await ingest([
      inboxMention('a', 'I want a refund now', { sentiment: neg }),
      inboxMention('b', 'Je veux être remboursé', { sentiment: neg }),
      inboxMention('c', 'Lovely coffee', { sentiment: pos }),
    ]);
    const tagged = async (tag: string) => (await listInbox(store, f.ws, { view: 'all', tag, limit: 50 })).items.map((i) => i.mention.externalId).sort();

    const { rule, backfill } = await addTagRule(store, f.ws, { tag: 'Billing', query: 'refund* OR rembours* OR возстанов*' }, NOW);
    expect(rule.tag).toBe('billing');
    expect(backfill.matched).toBe(2);
    expect(await tagged('billing')).toEqual(['a', 'b']);

    // On ingest: a new mention gets the tag; a re-import whose text no longer matches loses it.
    await ingest([inboxMention('d', 'Хочу возстановить деньги'), inboxMention('a', 'never mind, all good', { sentiment: pos })]);
    expect(await tagged('billing')).toEqual(['b', 'd']);

    await tagMentions(store, f.ws, [other!, refund!], { add: ['vip'] }, f.alice, NOW);
    await tagMentions(store, f.ws, [rembourse!], { add: ['billing'] }, f.alice, NOW);
    const list = await listInbox(store, f.ws, { view: 'all', limit: 50 });
    expect(list.items.find((i) => i.mention.id === rembourse)!.tags).toEqual([{ tag: 'billing', ruleId: null }]);

    await updateTagRule(store, f.ws, rule.id, { query: 'возстанов*' }, NOW + 1);
    // b keeps billing: its hand tag stays though the rule no longer matches it.
    expect(await tagged('billing')).toEqual(['b', 'd']);
    await removeTagRule(store, f.ws, rule.id);
    expect(await tagged('billing')).toEqual(['b']);
    expect(await tagged('vip')).toEqual(['a', 'c']);

    await tagMentions(store, f.ws, [other!], { remove: ['vip'] }, f.bob, NOW + 2);
    expect(await tagged('vip')).toEqual(['a']);
    expect((await triageHistory(store, f.ws, other!)).map((e) => [e.field, e.from, e.to, e.userId])).toEqual([
      ['tag', null, 'vip', f.alice],
      ['tag', 'vip', null, f.bob],
    ]);
  });

  it('counts volume and sentiment per tag over a period, each mention once per tag', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const day = new Date('2026-03-04T10:00:00Z');
    const unsure = { label: 'positive' as const, score: 0.1, probabilities: { negative: 0.3, neutral: 0.25, positive: 0.45 } };
    const { ids } = await ingestBatch(store, f.ws, [
      inboxMention('a', 'refund please', { sentiment: neg, publishedAt: day }),
      inboxMention('u', 'refund, I suppose', { sentiment: unsure, publishedAt: day }),
      inboxMention('b', 'refund done, thanks', { sentiment: pos, publishedAt: day }),
      inboxMention('c', 'refund? later', { sentiment: neg, publishedAt: new Date('2026-03-09T10:00:00Z') }),
    ], { enricher: null, topics: [] });
    await addTagRule(store, f.ws, { tag: 'billing', query: 'refund' }, NOW);
    await tagMentions(store, f.ws, [ids[0]!], { add: ['billing', 'urgent'] }, null, NOW);
    const figures = await tagFigures(store, f.ws, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') });
    expect(figures).toEqual([
      { tag: 'billing', mentions: 3, negative: 1, neutral: 0, positive: 2, netSentiment: expect.closeTo(100 / 3, 9), notSure: 1, notSureShare: 1 / 3 },
      { tag: 'urgent', mentions: 1, negative: 1, neutral: 0, positive: 0, netSentiment: -100, notSure: 0, notSureShare: 0 },
    ]);
  });

  it('refuses a bad tag name and a bad query, storing no rule', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    await expect(addTagRule(store, f.ws, { tag: 'no spaces', query: 'x' }, NOW)).rejects.toThrow(/tag "no spaces"/);
    await expect(addTagRule(store, f.ws, { tag: 'ok', query: 'refund AND (' }, NOW)).rejects.toThrow();
    expect(await store.db.selectFrom('tag_rules').selectAll().execute()).toEqual([]);
  });
});
