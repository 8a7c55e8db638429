/**
 * SQLite's mention write path (`StoreDriver.mentionWrites`, see mention-write-path.ts):
 * the upsert of `upsertMentionsIn` (src/store/mentions.ts) through prepared better-sqlite3
 * statements. Same results, row for row (bulk-upsert.test.ts runs both paths); it exists because it measures several
 * times faster than building multi-row Kysely statements (`npm run bench:ingest`):
 * no SQL to compile per batch, and a re-imported mention whose text did not change
 * leaves its full-text entry and hashtags alone instead of rewriting them.
 *
 * Synchronous: the caller runs it inside a transaction on the same connection.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { MentionInput } from '../../core/mention.ts';
import { languageTag } from '../../core/lang-tag.ts';
import { domainOf } from '../../core/text.ts';
import { hashtagsDeferred } from './bulk-load.ts';
import type { MentionWritePath, TopicLinkRow } from '../mention-write-path.ts';
import { replaceRuleTagsSqlite } from '../mention-tags.ts';
import { keepCorrected } from '../sentiment-corrections.ts';
import { MOVED_FROM, STORED_ENRICHMENT, latestByKey, toMentionRow, type MentionWithDerived, type StoredEnrichment, type UpsertResult, type WrittenIds } from '../mentions.ts';

const INSERT_COLUMNS = [
  'workspace_id', 'source', 'external_id', 'url', 'domain', 'author_handle', 'author_name', 'author_followers',
  'text', 'text_norm', 'published_at', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_neg',
  'sentiment_neu', 'sentiment_pos', 'likes', 'shares', 'replies', 'views', 'parent_external_id', 'hashtags',
  'mentioned', 'first_seen_at', 'updated_at', 'source_lang',
] as const;

// What an update refreshes, and what it keeps when the new copy lacks it or a person corrected it (as in upsertMentionsIn),
// in two parts: the columns indexes read (the link, reply, moved and list-order indexes), then the others.
const INDEXED_SET = `url = ?, author_followers = coalesce(?, author_followers), previous_published_at = ${MOVED_FROM('?')}, published_at = ?,
  sentiment = ${keepCorrected('sentiment', 'coalesce(?, sentiment)', 'mentions.')}, likes = ?, shares = ?, replies = ?,
  parent_external_id = coalesce(?, parent_external_id)`;
const UNINDEXED_SET = `domain = ?, author_name = coalesce(?, author_name), lang = coalesce(?, lang), lang_confidence = coalesce(?, lang_confidence),
  sentiment_score = ${keepCorrected('sentiment_score', 'coalesce(?, sentiment_score)', 'mentions.')},
  sentiment_neg = ${keepCorrected('sentiment_neg', 'coalesce(?, sentiment_neg)', 'mentions.')}, sentiment_neu = ${keepCorrected('sentiment_neu', 'coalesce(?, sentiment_neu)', 'mentions.')},
  sentiment_pos = ${keepCorrected('sentiment_pos', 'coalesce(?, sentiment_pos)', 'mentions.')}, views = coalesce(?, views), updated_at = ?, source_lang = coalesce(?, source_lang)`;
const UPDATE_SET = `${INDEXED_SET}, ${UNINDEXED_SET}`;

/** What `find` reads of a stored mention: its id, text, and the indexed columns an update may change. */
interface StoredKeys {
  id: number;
  text: string;
  url: string | null;
  author_followers: number | null;
  published_at: number;
  sentiment: string | null;
  likes: number;
  shares: number;
  replies: number;
  parent_external_id: string | null;
}

function prepare(db: BetterSqlite3.Database) {
  return {
    enrichedText: db.prepare<[number, string, string], StoredEnrichment>(
      `select ${STORED_ENRICHMENT.join(', ')} from mentions where workspace_id = ? and source = ? and external_id = ? and lang is not null and sentiment is not null`,
    ),
    find: db.prepare<[number, string, string], StoredKeys>(
      `select id, text, url, author_followers, published_at, sentiment, likes, shares, replies, parent_external_id
       from mentions where workspace_id = ? and source = ? and external_id = ?`,
    ),
    // Does nothing on a stored (workspace, source, external id): see `insertFirst`.
    insert: db.prepare(`insert into mentions (${INSERT_COLUMNS.join(', ')}) values (${INSERT_COLUMNS.map(() => '?').join(', ')}) on conflict do nothing`),
    updateKeepText: db.prepare(`update mentions set ${UPDATE_SET} where id = ?`),
    // SQLite rewrites the entry of every index whose columns an UPDATE sets, changed or not: a copy that
    // changes none of them leaves them out (a re-import of unchanged rows cost 1.7× the CPU of one without
    // the list-order indexes, npm run bench:ingest).
    updateUnindexed: db.prepare(`update mentions set ${UNINDEXED_SET} where id = ?`),
    updateWithText: db.prepare(`update mentions set ${UPDATE_SET}, text = ?, text_norm = ?, hashtags = ?, mentioned = ? where id = ?`),
    deleteTags: db.prepare('delete from mention_hashtags where mention_id = ?'),
    retimeTags: db.prepare('update mention_hashtags set published_at = ? where mention_id = ?'),
    insertTag: db.prepare('insert or ignore into mention_hashtags (mention_id, workspace_id, tag, published_at) values (?, ?, ?, ?)'),
    deleteLinks: db.prepare('delete from mention_topics where mention_id = ?'),
    insertLink: db.prepare('insert or ignore into mention_topics (mention_id, topic_id, published_at) values (?, ?, ?)'),
  };
}

type Statements = ReturnType<typeof prepare> & {
  /**
   * While batches are mostly new mentions (a first import), each row is inserted straight
   * away and looked up only if it was already there: one index probe fewer per row
   * (-28% of the insert's CPU in a bulk load). A re-import goes back to looking up first.
   */
  insertFirst: boolean;
};
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(db: BetterSqlite3.Database): Statements {
  let prepared = cache.get(db);
  if (!prepared) cache.set(db, (prepared = { ...prepare(db), insertFirst: true }));
  return prepared;
}

function indexedValues(m: MentionInput): unknown[] {
  return [
    m.url, m.author.followers, m.publishedAt.getTime(), m.publishedAt.getTime(), m.sentiment?.label ?? null,
    m.engagement.likes, m.engagement.shares, m.engagement.replies, m.parentExternalId ?? null,
  ];
}

function unindexedValues(m: MentionInput, domain: string | null, now: number): unknown[] {
  const s = m.sentiment ?? null;
  return [
    domain, m.author.displayName, m.lang ?? null, m.langConfidence ?? null, s?.score ?? null, s?.probabilities.negative ?? null,
    s?.probabilities.neutral ?? null, s?.probabilities.positive ?? null, m.engagement.views, now, languageTag(m.langHint),
  ];
}

const updateValues = (m: MentionInput, domain: string | null, now: number) => [...indexedValues(m), ...unindexedValues(m, domain, now)];

/** Whether `INDEXED_SET` would leave every indexed column of `stored` as it is (a copy's null keeps the stored value). */
function indexedUnchanged(stored: StoredKeys, m: MentionInput): boolean {
  const kept = <T>(incoming: T | null | undefined, value: T | null) => incoming == null || incoming === value;
  return (
    m.url === stored.url && m.publishedAt.getTime() === stored.published_at && kept(m.author.followers, stored.author_followers) &&
    kept(m.sentiment?.label, stored.sentiment) && m.engagement.likes === stored.likes && m.engagement.shares === stored.shares &&
    m.engagement.replies === stored.replies && kept(m.parentExternalId, stored.parent_external_id)
  );
}

function upsertMentionsSqlite(db: BetterSqlite3.Database, workspaceId: number, inputs: MentionWithDerived[], once: WrittenIds | undefined, now: number): UpsertResult {
  const st = statements(db);
  // The same mention twice in one batch: the later copy wins, or with `once` the first (as in upsertMentionsIn).
  const duplicates: number[] = [];
  const latest = latestByKey(inputs, once, duplicates);

  const idByKey = new Map<string, number>();
  let inserted = 0;
  let updated = 0;
  const deferTags = hashtagsDeferred(db);
  const insertTags = (id: number, hashtags: string, publishedAt: number) => {
    if (hashtags === '[]' || deferTags) return;
    for (const tag of JSON.parse(hashtags) as string[]) st.insertTag.run(id, workspaceId, tag, publishedAt);
  };
  const insertNew = (key: string, m: MentionWithDerived, publishedAt: number): boolean => {
    const row = toMentionRow(m, workspaceId, now) as Record<string, unknown>;
    const result = st.insert.run(INSERT_COLUMNS.map((column) => row[column]));
    if (result.changes === 0) return false;
    const id = Number(result.lastInsertRowid);
    insertTags(id, row.hashtags as string, publishedAt);
    idByKey.set(key, id);
    once?.add(id);
    inserted++;
    return true;
  };
  let refused = false;
  for (const [key, index] of latest) {
    const m = inputs[index]!;
    const publishedAt = m.publishedAt.getTime();
    if (st.insertFirst && insertNew(key, m, publishedAt)) continue;
    const existing = st.find.get(workspaceId, m.source, m.externalId);
    if (!existing) {
      insertNew(key, m, publishedAt);
      continue;
    }
    idByKey.set(key, existing.id);
    // Written already by this import: refused, not merged.
    if (once?.has(existing.id)) {
      duplicates.push(index);
      refused = true;
      continue;
    }
    once?.add(existing.id);
    updated++;
    if (existing.text === m.text) {
      const domain = m.derived?.domain ?? domainOf(m.url);
      if (indexedUnchanged(existing, m)) st.updateUnindexed.run(...unindexedValues(m, domain, now), existing.id);
      else st.updateKeepText.run(...updateValues(m, domain, now), existing.id);
      if (existing.published_at !== publishedAt) st.retimeTags.run(publishedAt, existing.id);
    } else {
      const row = toMentionRow(m, workspaceId, now);
      st.updateWithText.run(...updateValues(m, row.domain as string | null, now), row.text, row.text_norm, row.hashtags, row.mentioned, existing.id);
      st.deleteTags.run(existing.id);
      insertTags(existing.id, row.hashtags as string, publishedAt);
    }
  }
  st.insertFirst = inserted * 2 >= latest.size;
  if (refused) duplicates.sort((a, b) => a - b);
  return {
    inserted,
    updated,
    ids: inputs.map((m) => idByKey.get(`${m.source}\u0000${m.externalId}`)!),
    duplicates,
  };
}

/**
 * The stored text and enrichment of each mention that is stored with language and
 * sentiment, by `source\u0000externalId`. One cached statement: Kysely would prepare a new
 * statement per query, and their native memory piles up unseen by the garbage collector.
 */
function enrichedTextsSqlite(db: BetterSqlite3.Database, workspaceId: number, mentions: MentionInput[]): Map<string, StoredEnrichment> {
  const st = statements(db);
  const stored = new Map<string, StoredEnrichment>();
  for (const m of mentions) {
    const row = st.enrichedText.get(workspaceId, m.source, m.externalId);
    if (row) stored.set(`${m.source}\u0000${m.externalId}`, row);
  }
  return stored;
}

/** Drops the topic links of `clear` (re-imported mentions), then writes `links`. */
function replaceTopicLinksSqlite(db: BetterSqlite3.Database, clear: Iterable<number>, links: Iterable<TopicLinkRow>): void {
  const st = statements(db);
  for (const id of clear) st.deleteLinks.run(id);
  for (const link of links) st.insertLink.run(link.mention_id, link.topic_id, link.published_at);
}

/** SQLite's write path, on the raw better-sqlite3 handle of the driver's one connection. */
export function sqliteMentionWrites(database: () => BetterSqlite3.Database): MentionWritePath {
  return {
    async enrichedTexts(_store, workspaceId, mentions) {
      return enrichedTextsSqlite(database(), workspaceId, mentions);
    },
    writeBatch(store, workspaceId, batch, once, linksFor, now) {
      const db = database();
      // Holding Kysely's one connection keeps any other Kysely query of this process out of the transaction.
      return store.db.connection().execute(async () =>
        db
          .transaction((): UpsertResult => {
            const result = upsertMentionsSqlite(db, workspaceId, batch, once, now);
            const { clear, links, ruleTags } = linksFor(result);
            replaceTopicLinksSqlite(db, clear, links);
            if (ruleTags) replaceRuleTagsSqlite(db, clear, ruleTags);
            return result;
          })
          .immediate(),
      );
    },
  };
}
