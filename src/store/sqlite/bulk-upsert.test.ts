import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { portableMentionWrites, type MentionWritePath } from '../mention-write-path.ts';
import { WrittenIds } from '../mentions.ts';
import type { Store } from '../store.ts';
import { testStoreFactory } from '../testing.ts';
import { workspaceId } from '../workspaces.ts';
import { sqliteMentionWrites } from './bulk-upsert.ts';
import { SqliteDriver } from './sqlite-driver.ts';

const NOW = Date.UTC(2026, 2, 10);
const noLinks = () => ({ clear: [], links: [] });
const write = async (path: MentionWritePath, store: Store, batch: MentionInput[], once?: WrittenIds) =>
  path.writeBatch(store, await workspaceId(store), structuredClone(batch), once, noLinks, NOW);
const fastPath = (store: Store) => sqliteMentionWrites(() => (store.driver as SqliteDriver).database);

const base = (id: string, overrides: Partial<MentionInput> = {}): MentionInput => ({
  source: 'import',
  externalId: id,
  url: `https://www.example.com/${id}`,
  author: { handle: 'alice', displayName: 'Alice', followers: 10 },
  text: `Post ${id} #Coffee @bob`,
  publishedAt: new Date('2026-03-01T10:00:00Z'),
  engagement: { likes: 1, shares: 0, replies: 0, views: null },
  ...overrides,
});

// New rows, a duplicate inside a batch, unchanged text, changed text and date, enrichment kept.
const batches: MentionInput[][] = [
  [
    base('a', { lang: 'en', langConfidence: 0.9, sentiment: { label: 'positive', score: 0.5, probabilities: { negative: 0.1, neutral: 0.3, positive: 0.6 } } }),
    base('b'),
    base('b', { engagement: { likes: 5, shares: 1, replies: 0, views: 10 } }),
    base('c', { source: 'rss', text: 'no tags here', langHint: 'pt_br' }),
    base('e', { langHint: 'de' }),
  ],
  [
    base('a', { engagement: { likes: 9, shares: 2, replies: 1, views: null }, author: { handle: 'alice', displayName: null, followers: null } }),
    base('b', { text: 'Edited #Latte #café', publishedAt: new Date('2026-03-02T10:00:00Z'), langHint: 'it' }),
    base('c', { source: 'rss', text: 'no tags here', publishedAt: new Date('2026-03-05T00:00:00Z'), url: null }),
    base('d', { langHint: 'EN' }),
    base('e', { langHint: 'fr' }),
  ],
];

async function snapshot(store: Store) {
  const mentions = await store.db
    .selectFrom('mentions')
    .selectAll()
    .orderBy('source')
    .orderBy('external_id')
    .execute();
  const tags = await store.db.selectFrom('mention_hashtags').innerJoin('mentions', 'mentions.id', 'mention_hashtags.mention_id').select(['external_id', 'tag', 'mention_hashtags.published_at']).orderBy('external_id').orderBy('tag').execute();
  const fts = await store.db
    .selectFrom('mentions')
    .select('external_id')
    .where(store.driver.fullTextCondition([{ word: 'latte', prefix: false }]))
    .execute();
  return { mentions: mentions.map(({ first_seen_at: _f, updated_at: _u, ...rest }) => rest), tags, fts };
}

describe('SQLite bulk upsert', () => {
  it('stores exactly what the portable Kysely upsert stores', async () => {
    const factory = testStoreFactory('sqlite');
    try {
      const reference = await factory.open();
      const fast = await factory.open();
      const results = [];
      for (const batch of batches) {
        const expected = await write(portableMentionWrites, reference, batch);
        const actual = await write(fastPath(fast), fast, batch);
        expect({ inserted: actual.inserted, updated: actual.updated }).toEqual({ inserted: expected.inserted, updated: expected.updated });
        expect(actual.ids).toEqual(expected.ids);
        results.push(actual);
      }
      expect(results.map((r) => [r.inserted, r.updated])).toEqual([[4, 0], [1, 4]]);
      const [a, b] = [await snapshot(reference), await snapshot(fast)];
      expect(b).toEqual(a);
      expect(b.fts.map((r) => r.external_id)).toEqual(['b']);
      // The network's language tag: kept when a later copy has none (c), replaced by a new one (b with new text, e without).
      expect(b.mentions.map((m) => [m.external_id, m.source_lang])).toEqual([['a', null], ['b', 'it'], ['d', 'en'], ['e', 'fr'], ['c', 'pt-BR']]);
      expect(b.tags.filter((t) => t.external_id === 'b').map((t) => t.tag)).toEqual(['cafe', 'latte']);
    } finally {
      await factory.cleanup();
    }
  });

  it('refuses what was written already under `once` exactly as the portable upsert does', async () => {
    const factory = testStoreFactory('sqlite');
    try {
      const reference = await factory.open();
      const fast = await factory.open();
      const [onceA, onceB] = [new WrittenIds(), new WrittenIds()];
      const results = [];
      for (const batch of batches) {
        const expected = await write(portableMentionWrites, reference, batch, onceA);
        const actual = await write(fastPath(fast), fast, batch, onceB);
        expect(actual).toEqual(expected);
        results.push(actual);
      }
      // b twice in the first batch, then a, b, c and e again: all refused; d is new.
      expect(results.map((r) => [r.inserted, r.updated, r.duplicates])).toEqual([[4, 0, [2]], [1, 0, [0, 1, 2, 4]]]);
      expect(await snapshot(fast)).toEqual(await snapshot(reference));
    } finally {
      await factory.cleanup();
    }
  });

  it('leaves the indexes alone when a copy changes none of their columns, and stores what the portable upsert stores', async () => {
    const factory = testStoreFactory('sqlite');
    const rows = Array.from({ length: 300 }, (_, i) => base(`r${i}`, { engagement: { likes: i, shares: i % 7, replies: i % 3, views: null }, parentExternalId: i % 2 ? `p${i}` : null }));
    // A copy that changes nothing indexed (b: null followers and sentiment keep the stored ones), then ones that change one indexed column each.
    const again = [
      ...rows.map((m, i) => (i === 1 ? { ...m, author: { ...m.author, followers: null }, engagement: { ...m.engagement, views: 3 } } : m)),
      base('r2', { engagement: { likes: 99, shares: 2, replies: 2, views: null } }),
      base('r3', { sentiment: { label: 'negative', score: -0.8, probabilities: { negative: 0.9, neutral: 0.1, positive: 0 } }, parentExternalId: 'p3' }),
      base('r4', { author: { handle: 'alice', displayName: 'Alice', followers: 11 } }),
    ];
    // SQLite rewrites the entry of every index whose columns an UPDATE sets, changed or not; the pages written to the WAL show it.
    const pagesWrittenByReimport = async (store: Store, batch: MentionInput[]) => {
      const database = (store.driver as SqliteDriver).database;
      database.pragma('wal_checkpoint(TRUNCATE)');
      await write(fastPath(store), store, batch);
      return (database.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    };
    try {
      const [reference, fast, unindexed] = [await factory.open(), await factory.open(), await factory.open()];
      for (const store of [fast, unindexed]) await write(fastPath(store), store, rows);
      await write(portableMentionWrites, reference, rows);
      const indexes = ['mentions_url', 'mentions_parent', 'mentions_reach_order', 'mentions_engagement_order', 'mentions_negative_order', 'mentions_moved'];
      for (const index of indexes) (unindexed.driver as SqliteDriver).database.exec(`drop index ${index}`);
      expect(await pagesWrittenByReimport(fast, rows)).toBe(await pagesWrittenByReimport(unindexed, rows));

      await write(portableMentionWrites, reference, again);
      await write(fastPath(fast), fast, again);
      expect(await snapshot(fast)).toEqual(await snapshot(reference));
      expect((fast.driver as SqliteDriver).database.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await factory.cleanup();
    }
  });
});
