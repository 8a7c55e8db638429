/**
 * Reading and writing mentions. Written once against Kysely; runs on both backends.
 */
import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { Mention, MentionInput, SentimentLabel } from '../core/mention.ts';
import { languageTag } from '../core/lang-tag.ts';
import { domainOf, extractHandles, extractHashtags, foldText } from '../core/text.ts';
import { chunks } from './chunks.ts';
import type { Database, MentionsTable, StoreDb } from './schema.ts';
import { keepCorrected, keepCorrectedValue } from './sentiment-corrections.ts';

export type MentionRow = Selectable<MentionsTable>;

export const STORED_ENRICHMENT = ['text', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_neg', 'sentiment_neu', 'sentiment_pos'] as const;

/** A stored mention's text with the language and sentiment enrichment found for it. */
export type StoredEnrichment = Pick<MentionRow, (typeof STORED_ENRICHMENT)[number]>;

/** Puts a stored enrichment back on a mention read again (a re-import), as the store keeps it. */
export function restoreEnrichment(mention: MentionInput, stored: StoredEnrichment): void {
  mention.lang ??= stored.lang;
  mention.langConfidence ??= stored.lang_confidence == null ? null : Number(stored.lang_confidence);
  if (mention.sentiment == null && stored.sentiment != null) {
    mention.sentiment = {
      label: stored.sentiment as SentimentLabel,
      score: Number(stored.sentiment_score ?? 0),
      probabilities: { negative: Number(stored.sentiment_neg ?? 0), neutral: Number(stored.sentiment_neu ?? 0), positive: Number(stored.sentiment_pos ?? 0) },
    };
  }
}

/**
 * SQL for `previous_published_at` when a mention is re-dated to `next`: the date it
 * leaves, kept until the Watch rollup has recomputed that quarter hour (and cleared it).
 * An earlier move not yet recomputed keeps its date: that is where the rollup counts it.
 */
export const MOVED_FROM = (next: string, table = '') =>
  `coalesce(${table}previous_published_at, case when ${table}published_at <> ${next} then ${table}published_at end)`;

/** The stored columns computed from a mention's text and link. */
export interface DerivedColumns {
  domain: string | null;
  text_norm: string;
  hashtags: string;
  mentioned: string;
}

/**
 * A mention with its derived columns computed ahead, where that is cheaper: an import
 * worker thread computes them beside the writing thread, which then only binds them
 * (`npm run bench:ingest`: the writer is the bottleneck of an import). A plain property,
 * as it must cross `postMessage`.
 */
export type MentionWithDerived = MentionInput & { derived?: DerivedColumns };

export function derivedColumns(input: MentionInput): DerivedColumns {
  return {
    domain: domainOf(input.url),
    text_norm: foldText(input.text),
    hashtags: JSON.stringify(extractHashtags(input.text)),
    mentioned: JSON.stringify(extractHandles(input.text)),
  };
}

export function toMentionRow(input: MentionWithDerived, workspaceId: number, now: number): Insertable<MentionsTable> {
  const sentiment = input.sentiment ?? null;
  const derived = input.derived ?? derivedColumns(input);
  return {
    workspace_id: workspaceId,
    source: input.source,
    external_id: input.externalId,
    url: input.url,
    domain: derived.domain,
    author_handle: input.author.handle,
    author_name: input.author.displayName,
    author_followers: input.author.followers,
    text: input.text,
    text_norm: derived.text_norm,
    published_at: input.publishedAt.getTime(),
    lang: input.lang ?? null,
    lang_confidence: input.langConfidence ?? null,
    source_lang: languageTag(input.langHint),
    sentiment: sentiment?.label ?? null,
    sentiment_score: sentiment?.score ?? null,
    sentiment_neg: sentiment?.probabilities.negative ?? null,
    sentiment_neu: sentiment?.probabilities.neutral ?? null,
    sentiment_pos: sentiment?.probabilities.positive ?? null,
    likes: input.engagement.likes,
    shares: input.engagement.shares,
    replies: input.engagement.replies,
    views: input.engagement.views,
    parent_external_id: input.parentExternalId ?? null,
    hashtags: derived.hashtags,
    mentioned: derived.mentioned,
    first_seen_at: now,
    updated_at: now,
  };
}

export function fromMentionRow(row: MentionRow, topicIds: number[] = []): Mention {
  const label = row.sentiment as SentimentLabel | null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    source: row.source,
    externalId: row.external_id,
    url: row.url,
    domain: row.domain,
    author: { handle: row.author_handle, displayName: row.author_name, followers: row.author_followers },
    text: row.text,
    publishedAt: new Date(row.published_at),
    lang: row.lang,
    langConfidence: row.lang_confidence,
    langHint: row.source_lang,
    sentiment: label
      ? {
          label,
          score: row.sentiment_score ?? 0,
          probabilities: {
            negative: row.sentiment_neg ?? 0,
            neutral: row.sentiment_neu ?? 0,
            positive: row.sentiment_pos ?? 0,
          },
        }
      : null,
    engagement: { likes: row.likes, shares: row.shares, replies: row.replies, views: row.views },
    parentExternalId: row.parent_external_id,
    hashtags: JSON.parse(row.hashtags) as string[],
    mentioned: JSON.parse(row.mentioned) as string[],
    topicIds,
  };
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Stored ids, in the order of the inputs. */
  ids: number[];
  /**
   * With `once`: indexes of the inputs not written because a mention with the same source
   * and external id was already written under that `once` (earlier in this batch or in an
   * earlier one). Their `ids` entry is the id of the mention kept. Empty without `once`.
   */
  duplicates: number[];
}

/**
 * The stored mentions written so far by one import, by stored id: with it, the upserts
 * refuse a second mention with the same source and external id (`duplicates`) instead of
 * merging it into the first, so two rows of one file that share an id are reported, not
 * silently collapsed. A paged bitset: stored ids are dense, so a few million ids fit in a
 * few hundred KB, where a set of the ids' text would take hundreds of MB.
 */
export class WrittenIds {
  static readonly #PAGE_BITS = 16;
  readonly #pages = new Map<number, Uint32Array>();
  #lastIndex = -1;
  #last: Uint32Array | undefined;

  #page(id: number, create: boolean): Uint32Array | undefined {
    const index = Math.floor(id / 2 ** WrittenIds.#PAGE_BITS);
    if (index === this.#lastIndex) return this.#last;
    let page = this.#pages.get(index);
    if (!page && create) this.#pages.set(index, (page = new Uint32Array(2 ** WrittenIds.#PAGE_BITS / 32)));
    if (page) [this.#lastIndex, this.#last] = [index, page];
    return page;
  }

  has(id: number): boolean {
    const page = this.#page(id, false);
    const bit = id % 2 ** WrittenIds.#PAGE_BITS;
    return page !== undefined && (page[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  add(id: number): void {
    const page = this.#page(id, true)!;
    const bit = id % 2 ** WrittenIds.#PAGE_BITS;
    page[bit >>> 5]! |= 1 << (bit & 31);
  }
}

const mentionKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/**
 * The inputs by key, as input indexes: without `once` the later copy of a mention wins, as
 * it would across batches; with it the first copy is kept and the later ones are listed.
 */
export function latestByKey(inputs: MentionInput[], once: WrittenIds | undefined, duplicates: number[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (let i = 0; i < inputs.length; i++) {
    const key = mentionKey(inputs[i]!.source, inputs[i]!.externalId);
    if (once && latest.has(key)) duplicates.push(i);
    else latest.set(key, i);
  }
  return latest;
}

/**
 * The portable upsert (any backend), inside a transaction the caller owns: inserts new
 * mentions and updates known ones (same source + external id). An update refreshes what
 * changes over time (engagement, text edits, follower counts) and keeps enrichment that
 * the new copy lacks. Only the mention writer calls it (mention-writer.ts, through
 * mention-write-path.ts).
 */
export async function upsertMentionsIn(
  trx: Transaction<Database>,
  workspaceId: number,
  inputs: MentionInput[],
  once: WrittenIds | undefined,
  now: number,
): Promise<UpsertResult> {
  if (inputs.length === 0) return { inserted: 0, updated: 0, ids: [], duplicates: [] };
  const duplicates: number[] = [];
  const latest = latestByKey(inputs, once, duplicates);
  let unique = [...latest.values()].map((i) => inputs[i]!);

  {
    const existing = new Set<string>();
    const refused = new Set<string>();
    const idByKey = new Map<string, number>();
    for (const chunk of chunks(unique, 500)) {
      const rows = await trx
        .selectFrom('mentions')
        .select(['id', 'source', 'external_id'])
        .where('workspace_id', '=', workspaceId)
        // Naming the sources lets both backends use the (workspace, source, external id)
        // unique index; without them the lookup scans the workspace (quadratic imports).
        .where('source', 'in', [...new Set(chunk.map((m) => m.source))])
        .where('external_id', 'in', chunk.map((m) => m.externalId))
        .execute();
      for (const row of rows) {
        const key = mentionKey(row.source, row.external_id);
        // Written already by this import: refused, not merged.
        if (once?.has(row.id)) {
          refused.add(key);
          duplicates.push(latest.get(key)!);
          idByKey.set(key, row.id);
        } else existing.add(key);
      }
    }
    if (refused.size > 0) {
      duplicates.sort((a, b) => a - b);
      unique = unique.filter((m) => !refused.has(mentionKey(m.source, m.externalId)));
    }

    const hashtagRows: { mention_id: number; workspace_id: number; tag: string; published_at: number }[] = [];
    for (const chunk of chunks(unique, 400)) {
      const rows = chunk.map((m) => toMentionRow(m, workspaceId, now));
      const stored = await trx
        .insertInto('mentions')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'source', 'external_id']).doUpdateSet((eb) => ({
            url: eb.ref('excluded.url'),
            domain: eb.ref('excluded.domain'),
            author_name: sql`coalesce(excluded.author_name, mentions.author_name)`,
            author_followers: sql`coalesce(excluded.author_followers, mentions.author_followers)`,
            text: eb.ref('excluded.text'),
            text_norm: eb.ref('excluded.text_norm'),
            previous_published_at: sql.raw(MOVED_FROM('excluded.published_at', 'mentions.')),
            published_at: eb.ref('excluded.published_at'),
            lang: sql`coalesce(excluded.lang, mentions.lang)`,
            lang_confidence: sql`coalesce(excluded.lang_confidence, mentions.lang_confidence)`,
            source_lang: sql`coalesce(excluded.source_lang, mentions.source_lang)`,
            sentiment: sql.raw(keepCorrected('sentiment', 'coalesce(excluded.sentiment, mentions.sentiment)', 'mentions.')),
            sentiment_score: sql.raw(keepCorrected('sentiment_score', 'coalesce(excluded.sentiment_score, mentions.sentiment_score)', 'mentions.')),
            sentiment_neg: sql.raw(keepCorrected('sentiment_neg', 'coalesce(excluded.sentiment_neg, mentions.sentiment_neg)', 'mentions.')),
            sentiment_neu: sql.raw(keepCorrected('sentiment_neu', 'coalesce(excluded.sentiment_neu, mentions.sentiment_neu)', 'mentions.')),
            sentiment_pos: sql.raw(keepCorrected('sentiment_pos', 'coalesce(excluded.sentiment_pos, mentions.sentiment_pos)', 'mentions.')),
            likes: eb.ref('excluded.likes'),
            shares: eb.ref('excluded.shares'),
            replies: eb.ref('excluded.replies'),
            views: sql`coalesce(excluded.views, mentions.views)`,
            parent_external_id: sql`coalesce(excluded.parent_external_id, mentions.parent_external_id)`,
            hashtags: eb.ref('excluded.hashtags'),
            mentioned: eb.ref('excluded.mentioned'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['id', 'source', 'external_id', 'hashtags', 'published_at'])
        .execute();
      for (const row of stored) {
        idByKey.set(mentionKey(row.source, row.external_id), row.id);
        once?.add(row.id);
        for (const tag of JSON.parse(row.hashtags) as string[]) {
          hashtagRows.push({ mention_id: row.id, workspace_id: workspaceId, tag, published_at: row.published_at });
        }
      }
    }

    const updatedIds = unique
      .filter((m) => existing.has(mentionKey(m.source, m.externalId)))
      .map((m) => idByKey.get(mentionKey(m.source, m.externalId))!);
    for (const chunk of chunks(updatedIds, 500)) {
      await trx.deleteFrom('mention_hashtags').where('mention_id', 'in', chunk).execute();
    }
    for (const chunk of chunks(hashtagRows, 1000)) {
      await trx.insertInto('mention_hashtags').values(chunk).onConflict((oc) => oc.doNothing()).execute();
    }

    return {
      inserted: unique.length - updatedIds.length,
      updated: updatedIds.length,
      ids: inputs.map((m) => idByKey.get(mentionKey(m.source, m.externalId))!),
      duplicates,
    };
  }
}


export async function countMentions(store: StoreDb, workspaceId: number): Promise<number> {
  const row = await store.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getMentionsByIds(store: StoreDb, ids: number[]): Promise<Mention[]> {
  const mentions: Mention[] = [];
  for (const chunk of chunks(ids, 500)) {
    const rows = await store.db.selectFrom('mentions').selectAll().where('id', 'in', chunk).execute();
    const topics = await store.db
      .selectFrom('mention_topics')
      .select(['mention_id', 'topic_id'])
      .where('mention_id', 'in', chunk)
      .execute();
    const topicsOf = new Map<number, number[]>();
    for (const t of topics) topicsOf.set(t.mention_id, [...(topicsOf.get(t.mention_id) ?? []), t.topic_id]);
    for (const row of rows) mentions.push(fromMentionRow(row, topicsOf.get(row.id) ?? []));
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return mentions.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export { chunks };
