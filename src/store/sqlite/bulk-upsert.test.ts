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
});
