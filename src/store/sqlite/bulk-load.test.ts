import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { upsertMentions } from '../mention-writer.ts';
import { openStore, type Store } from '../store.ts';
import { testStoreFactory } from '../testing.ts';
import { workspaceId } from '../workspaces.ts';
import { DEFERRED_INDEXES, hashtagsDeferred, indexesPaused, pauseIndexes, resumeIndexes } from './bulk-load.ts';
import type { SqliteDriver } from './sqlite-driver.ts';

const mention = (id: string, text: string): MentionInput => ({
  source: 'import',
  externalId: id,
  url: null,
  author: { handle: 'alice', displayName: null, followers: null },
  text,
  publishedAt: new Date('2026-03-01T10:00:00Z'),
  engagement: { likes: 0, shares: 0, replies: 0, views: null },
});

async function search(store: Store, word: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('mentions')
    .select('external_id')
    .where(store.driver.fullTextCondition([{ word, prefix: false }]))
    .orderBy('external_id')
    .execute();
  return rows.map((r) => r.external_id);
}

const tags = (db: SqliteDriver['database']) =>
  (db.prepare(`select m.external_id as id, t.tag, t.published_at as at from mention_hashtags t join mentions m on m.id = t.mention_id order by 1, 2`).all() as { id: string; tag: string; at: number }[]).map(
    (r) => `${r.id} #${r.tag} ${new Date(r.at).toISOString().slice(0, 10)}`,
  );

const DEFERRED = Object.keys(DEFERRED_INDEXES);

/** The deferred indexes as the schema holds them: name and SQL text. */
const indexSql = (db: SqliteDriver['database']) =>
  db.prepare(`select name, sql from sqlite_master where type = 'index' and name in (${DEFERRED.map(() => '?').join(', ')}) order by name`).all(...DEFERRED) as { name: string; sql: string }[];
const indexes = (db: SqliteDriver['database']) => indexSql(db).length;

describe('SQLite bulk-load index pause', () => {
  it('indexes nothing while paused, then everything once resumed, edits and deletes included', async () => {
    const factory = testStoreFactory('sqlite');
    try {
      const store = await factory.open();
      const db = (store.driver as SqliteDriver).database;
      const ws = await workspaceId(store);
      await upsertMentions(store, ws, [mention('before', 'Latte before')]);
      // Resuming must give back the migrations' indexes exactly, not look-alikes.
      const asMigrated = indexSql(db);
      expect(asMigrated.map((i) => i.name)).toEqual([...DEFERRED].sort());
      pauseIndexes(db);
      expect(indexesPaused(db)).toBe(true);
      expect(indexes(db)).toBe(0);
      await upsertMentions(store, ws, [mention('during', 'Latte during'), mention('gone', 'Latte gone')]);
      await upsertMentions(store, ws, [mention('before', 'Mocha now')]);
      await store.db.deleteFrom('mentions').where('external_id', '=', 'gone').execute();
      expect(await search(store, 'latte')).toEqual(['before']);
      resumeIndexes(db);
      expect(indexesPaused(db)).toBe(false);
      expect(indexSql(db)).toEqual(asMigrated);
      expect(await search(store, 'latte')).toEqual(['during']);
      expect(await search(store, 'mocha')).toEqual(['before']);
      // The triggers are back: later writes are indexed as before.
      await upsertMentions(store, ws, [mention('after', 'Latte after')]);
      expect(await search(store, 'latte')).toEqual(['after', 'during']);
      expect(db.prepare(`insert into mentions_fts(mentions_fts) values ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
    } finally {
      await factory.cleanup();
    }
  });

  it('leaves the hashtag rows of bulk upserts to the resume, which writes each once', async () => {
    const factory = testStoreFactory('sqlite');
    try {
      const store = await factory.open();
      const db = (store.driver as SqliteDriver).database;
      const ws = await workspaceId(store);
      const upsert = (mentions: MentionInput[]) => upsertMentions(store, ws, mentions);
      await upsert([mention('before', 'Old #latte')]);
      pauseIndexes(db);
      expect(hashtagsDeferred(db)).toBe(true);
      await upsert([mention('new', 'Fresh #mocha #Mocha'), mention('plain', 'No tags')]);
      // Re-dated and re-worded while paused: the resume sees only the last state.
      await upsert([{ ...mention('before', 'Now #espresso'), publishedAt: new Date('2026-03-02T10:00:00Z') }]);
      expect(tags(db)).toEqual([]);
      resumeIndexes(db);
      expect(hashtagsDeferred(db)).toBe(false);
      expect(tags(db)).toEqual(['before #espresso 2026-03-02', 'new #mocha 2026-03-01']);
      await upsert([mention('after', 'Later #latte')]);
      expect(tags(db)).toContain('after #latte 2026-03-01');
    } finally {
      await factory.cleanup();
    }
  });

  it('is rebuilt when a store left paused (an import that died) is opened again', async () => {
    const factory = testStoreFactory('sqlite');
    try {
      const location = await factory.location();
      const store = await openStore(location);
      const ws = await workspaceId(store);
      const db = (store.driver as SqliteDriver).database;
      pauseIndexes(db);
      await upsertMentions(store, ws, [mention('lost', 'Latte lost')]);
      await upsertMentions(store, ws, [mention('tagged', 'Bulk #latte')]);
      await store.close();
      const reopened = await openStore(location);
      try {
        expect(indexesPaused((reopened.driver as SqliteDriver).database)).toBe(false);
        expect(indexes((reopened.driver as SqliteDriver).database)).toBe(DEFERRED.length);
        expect(await search(reopened, 'latte')).toEqual(['lost', 'tagged']);
        expect(tags((reopened.driver as SqliteDriver).database)).toEqual(['tagged #latte 2026-03-01']);
      } finally {
        await reopened.close();
      }
    } finally {
      await factory.cleanup();
    }
  });
});
