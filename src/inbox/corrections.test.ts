import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { importMentions } from '../listen/import/importer.ts';
import { loadPipeline } from '../listen/load-pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { models } from '../nlp/models.ts';
import { reenrichMentions } from '../nlp/reenrich.ts';
import { getMentionsByIds } from '../store/mentions.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import { readSentimentCorrections } from '../store/sentiment-corrections.ts';
import { describeEachStore } from '../store/testing.ts';
import { evaluateAlerts } from '../watch/alerts/evaluate.ts';
import { addAlertRule } from '../watch/alerts/rules.ts';
import { loadBaseline } from '../watch/loaders.ts';
import { correctSentiment } from './corrections.ts';
import { inboxFixture, inboxMention } from './testing.ts';
import { triageHistory } from './triage.ts';

// The Italian complaint of issue #18 that the model reads as positive.
const PRICES = 'Brewly ha alzato di nuovo i prezzi, non ne vale la pena';
const NOW = Date.UTC(2026, 2, 5, 12);
const positive = { label: 'positive' as const, score: 0.7, probabilities: { negative: 0.1, neutral: 0.1, positive: 0.8 } };

afterEach(() => {
  vi.useRealTimers();
});

function jsonlFile(rows: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'murmur-corrections-')), 'in.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

describeEachStore('sentiment corrections', (open) => {
  it('survives `murmur enrich`, a re-import through the importer and an upsert carrying the model’s label', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const row = { id: 'p1', text: PRICES, created_at: '2026-03-01T10:00:00Z', author: 'marco' };
    await importMentions(store, f.ws, { input: jsonlFile([row]), pipeline: await loadPipeline(store, f.ws), now: NOW });
    const [stored] = await store.db.selectFrom('mentions').select(['id', 'sentiment']).execute();
    const id = stored!.id;
    // A label the model did not give (whatever the shipped model reads), then a second one.
    const [label, relabel] = (['negative', 'neutral', 'positive'] as const).filter((l) => l !== stored!.sentiment);

    const [written] = await correctSentiment(store, f.ws, [id], label!, f.alice, NOW);
    expect(written).toMatchObject({ mentionId: id, label, userId: f.alice });
    const modelSaid = written!.originalLabel;

    // Every way the model's label comes back: re-enrichment, a re-import of an edited post
    // (re-enriched, since its text changed), and a write carrying a sentiment of its own.
    // Nothing changes, and `murmur enrich` says so.
    expect(await reenrichMentions(store, f.ws, models(), { mode: 'all', now: () => NOW + 1 })).toEqual({ scanned: 1, changed: 0 });
    await importMentions(store, f.ws, { input: jsonlFile([{ ...row, text: `${PRICES}!!` }]), pipeline: await loadPipeline(store, f.ws), now: NOW });
    await upsertMentions(store, f.ws, [inboxMention('p1', `${PRICES}!!`, { sentiment: positive, author: { handle: 'marco', displayName: null, followers: null } })]);

    const [after] = await getMentionsByIds(store, [id]);
    expect(after!.text).toBe(`${PRICES}!!`);
    // A person's label is certain.
    expect(after!.sentiment).toEqual({ label, score: { negative: -1, neutral: 0, positive: 1 }[label!], probabilities: { negative: 0, neutral: 0, positive: 0, [label!]: 1 } });
    const history = await triageHistory(store, f.ws, id);
    expect(history.map((e) => [e.field, e.from, e.to, e.userId])).toEqual([['sentiment', modelSaid, label, f.alice]]);

    // A second correction keeps the model's original label for training.
    await correctSentiment(store, f.ws, [id], relabel!, f.bob, NOW + 5);
    const exported = [];
    for await (const r of readSentimentCorrections(store.db, f.ws)) exported.push(r);
    expect(exported).toEqual([{ mentionId: id, text: `${PRICES}!!`, lang: 'it', label: relabel, originalLabel: modelSaid, at: NOW + 5 }]);
  });

  it('changes the day’s net sentiment in Watch at once', async () => {
    // The rollup follows writes by their updated_at: hold the clock so the writes are "now".
    vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
    const store = await open();
    const f = await inboxFixture(store);
    const topic = (await createTopic(store, f.ws, { name: 'Brewly', query: 'brewly', role: 'brand' })).topic;
    const at = new Date('2026-03-04T10:00:00Z');
    const { ids } = await upsertMentions(store, f.ws, [
      inboxMention('a', PRICES, { sentiment: positive, publishedAt: at }),
      inboxMention('b', 'brewly is great', { sentiment: positive, publishedAt: at }),
    ]);
    await store.db.insertInto('mention_topics').values(ids.map((id) => ({ mention_id: id, topic_id: topic.id, published_at: at.getTime() }))).execute();
    const net = async () => (await loadBaseline(store, f.ws, { topicId: topic.id, date: '2026-03-04', timeZone: 'UTC', days: 3 })).day.values.netSentiment;
    expect(await net()).toBe(100);
    // A minute on: the held clock only moves when a timer fires, which a loaded machine may not run in between.
    vi.setSystemTime(NOW + 60_000);
    await correctSentiment(store, f.ws, [ids[0]!], 'negative', f.alice, Date.now());
    // One positive and one negative: net sentiment (positive − negative, in points) 100 → 0.
    expect(await net()).toBe(0);
  });

  it('raises a negative-post alert for a post corrected to negative, as for one the model read so', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
    const store = await open();
    const f = await inboxFixture(store);
    const topic = (await createTopic(store, f.ws, { name: 'Brewly', query: 'brewly', role: 'brand' })).topic;
    const at = new Date(NOW - 3_600_000);
    const author = { handle: 'marco', displayName: null, followers: 50_000 };
    const { ids } = await upsertMentions(store, f.ws, [inboxMention('a', PRICES, { sentiment: positive, publishedAt: at, author })]);
    await store.db.insertInto('mention_topics').values({ mention_id: ids[0]!, topic_id: topic.id, published_at: at.getTime() }).execute();
    await addAlertRule(store, f.ws, { name: 'big complaints', kind: 'negative-post', topicId: topic.id, params: { minReach: 10_000 }, channels: [{ type: 'dashboard' }] });
    expect((await evaluateAlerts(store, f.ws, new Date(NOW))).alerts).toEqual([]);
    vi.setSystemTime(NOW + 60_000);
    await correctSentiment(store, f.ws, [ids[0]!], 'negative', f.alice, Date.now());
    const raised = await evaluateAlerts(store, f.ws, new Date(NOW + 60_000));
    expect(raised.alerts.map((a) => [a.ruleName, a.deliveries[0]!.status])).toEqual([['big complaints', 'sent']]);
  });

  it('refuses an unknown label and another workspace’s mention, writing nothing', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const { ids } = await upsertMentions(store, f.ws, [inboxMention('a', PRICES, { sentiment: positive })]);
    await expect(correctSentiment(store, f.ws, ids, 'angry' as never, f.alice, NOW)).rejects.toThrow(/sentiment must be one of/);
    await expect(correctSentiment(store, f.ws, [ids[0]!, 424242], 'negative', f.alice, NOW)).rejects.toThrow(/no mention 424242/);
    expect((await getMentionsByIds(store, ids))[0]!.sentiment?.label).toBe('positive');
    expect(await store.db.selectFrom('sentiment_corrections').selectAll().execute()).toEqual([]);
  });
});
