import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { WrittenIds } from '../store/mentions.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { ingestBatch, type Enricher, type Pipeline } from './pipeline.ts';

const mention = (id: string, text: string): MentionInput => ({
  source: 'import',
  externalId: id,
  url: null,
  author: { handle: 'ann', displayName: null, followers: null },
  text,
  publishedAt: new Date('2026-03-01T00:00:00Z'),
  engagement: { likes: 0, shares: 0, replies: 0, views: null },
});

/** A topic row as the pipeline sees it; its matcher is given to the pipeline by each test. */
const addTopic = (store: Store, ws: number, name: string, query: string) =>
  store.db
    .insertInto('topics')
    .values({ workspace_id: ws, name, query, role: 'brand', created_at: STAMP, updated_at: STAMP })
    .returning('id')
    .executeTakeFirstOrThrow();
const STAMP = Date.parse('2026-03-01T00:00:00Z');

describeEachStore('ingest pipeline', (open) => {
  it('enriches new and edited mentions only, keeping what is stored for unchanged re-imports', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const seen: string[] = [];
    const enricher: Enricher = {
      enrich(batch) {
        for (const m of batch) {
          seen.push(m.externalId);
          m.lang = m.text.startsWith('Le ') ? 'fr' : 'en';
          m.langConfidence = 0.9;
          m.sentiment = { label: 'neutral', score: 0, probabilities: { negative: 0.2, neutral: 0.6, positive: 0.2 } };
        }
      },
    };
    const pipeline: Pipeline = { enricher, topics: [{ topicId: 0, matches: () => false }] };
    await ingestBatch(store, ws, [mention('1', 'Good coffee'), mention('2', 'Le café'), mention('3', 'Tea')], pipeline);
    expect(seen.splice(0)).toEqual(['1', '2', '3']);

    const again = await ingestBatch(store, ws, [mention('1', 'Good coffee'), mention('2', 'Le café edited'), mention('3', 'Tea')], pipeline);
    expect(again).toMatchObject({ inserted: 0, updated: 3 });
    expect(seen).toEqual(['2']);
    const rows = await store.db.selectFrom('mentions').select(['external_id', 'lang', 'sentiment']).orderBy('external_id').execute();
    expect(rows).toEqual([
      { external_id: '1', lang: 'en', sentiment: 'neutral' },
      { external_id: '2', lang: 'fr', sentiment: 'neutral' },
      { external_id: '3', lang: 'en', sentiment: 'neutral' },
    ]);
  });

  it('matches re-imported mentions on their stored language, so `lang:` topics keep their links', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topic = await addTopic(store, ws, 'French', 'lang:fr');
    let calls = 0;
    const enricher: Enricher = {
      enrich(batch) {
        for (const m of batch) {
          calls++;
          m.lang = m.text.startsWith('Le ') ? 'fr' : 'en';
          m.langConfidence = 0.9;
          m.sentiment = { label: 'positive', score: 0.5, probabilities: { negative: 0.1, neutral: 0.3, positive: 0.6 } };
        }
      },
    };
    const pipeline: Pipeline = { enricher, topics: [{ topicId: Number(topic.id), matches: (m) => m.lang === 'fr' }] };
    const batch = () => [mention('1', 'Le café'), mention('2', 'Good coffee')];
    expect((await ingestBatch(store, ws, batch(), pipeline)).topicLinks).toBe(1);
    const again = batch();
    expect((await ingestBatch(store, ws, again, pipeline)).topicLinks).toBe(1);
    expect(calls).toBe(2); // the re-import was not enriched again…
    expect(again[0]).toMatchObject({ lang: 'fr', langConfidence: 0.9, sentiment: { label: 'positive', score: 0.5 } }); // …it got what is stored
    const links = await store.db.selectFrom('mention_topics').select('topic_id').execute();
    expect(links).toHaveLength(1);
  });

  it('with `once`, refuses a mention written already instead of merging it, and links topics from what was kept', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topic = await addTopic(store, ws, 'Coffee', 'coffee');
    const pipeline: Pipeline = { enricher: null, topics: [{ topicId: Number(topic.id), matches: (m) => m.text.includes('coffee') }] };
    const once = new WrittenIds();
    const first = await ingestBatch(store, ws, [mention('1', 'coffee first'), mention('2', 'tea'), mention('1', 'a second copy')], pipeline, { once });
    expect(first).toMatchObject({ inserted: 2, updated: 0, duplicates: [2], topicLinks: 1 });
    expect(first.ids[2]).toBe(first.ids[0]);
    // In a later batch: still refused, and the copy's text (coffee) links nothing to the kept mention (tea).
    const second = await ingestBatch(store, ws, [mention('3', 'more'), mention('2', 'coffee copy'), mention('1', 'coffee again')], pipeline, { once });
    expect(second).toMatchObject({ inserted: 1, updated: 0, duplicates: [1, 2], topicLinks: 0 });
    const rows = await store.db.selectFrom('mentions').select(['external_id', 'text']).orderBy('external_id').execute();
    expect(rows.map((r) => r.text)).toEqual(['coffee first', 'tea', 'more']);
    const links = await store.db.selectFrom('mention_topics').innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id').select('external_id').execute();
    expect(links.map((l) => l.external_id)).toEqual(['1']);
    // Without `once` (connectors, pushes) a copy updates the mention, as before.
    expect(await ingestBatch(store, ws, [mention('2', 'tea, edited')], pipeline)).toMatchObject({ inserted: 0, updated: 1, duplicates: [] });
  });

  it('leaves out, on both stores alike, what a connector sends that no store can keep as it is or that is unsafe to show', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const pipeline: Pipeline = { enricher: null, topics: [] };
    const batch = [
      mention('ok-1', 'fine'),
      mention('nul', 'a \u0000 b'),
      { ...mention('js', 'link'), url: 'javascript:alert(document.domain)' },
      { ...mention('half', 'x'), author: { handle: 'bad\ud800', displayName: null, followers: null } },
      { ...mention('link', 'fine too'), url: 'https://example.com/p' },
    ];
    const result = await ingestBatch(store, ws, batch, pipeline);
    expect(result).toMatchObject({ inserted: 2, updated: 0 });
    expect(result.ids).toHaveLength(2);
    const rows = await store.db.selectFrom('mentions').select('external_id').orderBy('external_id').execute();
    expect(rows.map((r) => r.external_id)).toEqual(['link', 'ok-1']);
  });
});
