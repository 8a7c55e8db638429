/**
 * Watch's chain rows (watch_topic_chains): the topic copy's replies, reposts and mentions
 * with a link, with their ids, URL, host and link candidates (core/links.ts). Written by
 * the rollup after it copies a range, so root cause, the crisis scan and activation never
 * read mentions' rows or texts for them.
 */
import { sql, type Kysely } from 'kysely';
import { linkCandidates } from '../core/links.ts';
import { chunks } from './chunks.ts';
import type { Database } from './schema.ts';

const DAY = 86_400_000;

/** Rows per links update: SQLite takes at most 500 terms in a compound select (the union below). */
const BATCH = 500;

/**
 * Copies the chain rows of one workspace's topic copy published in [from, to) (the range's
 * old chain rows are the caller's to delete), then their link candidates.
 */
export async function writeTopicChains(db: Kysely<Database>, workspaceId: number, from: number, to: number): Promise<void> {
  // In key order: a topic's range stays contiguous (see rollup.ts, inKeyOrder).
  await sql`
    insert into watch_topic_chains (workspace_id, topic_id, published_at, mention_id, source, author_handle, sentiment, is_original, has_link, external_id, parent_external_id, url, domain)
    select t.workspace_id, t.topic_id, t.published_at, t.mention_id, t.source, t.author_handle, t.sentiment, t.is_original, t.has_link, m.external_id, m.parent_external_id, m.url, m.domain
    from watch_topic_mentions t join mentions m on m.id = t.mention_id
    where t.workspace_id = ${workspaceId} and t.published_at >= ${from} and t.published_at < ${to} and (t.is_original = 0 or t.has_link = 1)
    order by t.topic_id, t.published_at, t.mention_id
  `.execute(db);
  // A day at a time: a day's texts, not a month's, are held at once.
  for (let start = from; start < to; start += DAY) await writeLinks(db, workspaceId, start, Math.min(to, start + DAY));
}

async function writeLinks(db: Kysely<Database>, workspaceId: number, from: number, to: number): Promise<void> {
  const rows = await db
    .selectFrom('watch_topic_chains as c')
    .innerJoin('mentions as m', 'm.id', 'c.mention_id')
    .select(['c.topic_id', 'c.published_at', 'c.mention_id', 'm.text'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.published_at', '>=', from)
    .where('c.published_at', '<', to)
    .where('c.has_link', '=', 1)
    .execute();
  for (const part of chunks(rows, BATCH)) {
    // One statement per batch: the rows' keys and links as a derived table, joined on the key.
    const values = sql.join(
      part.map(
        (r) => sql`select cast(${r.topic_id} as bigint) as topic_id, cast(${r.published_at} as bigint) as published_at, cast(${r.mention_id} as bigint) as mention_id, cast(${JSON.stringify(linkCandidates(r.text))} as text) as links`,
      ),
      sql` union all `,
    );
    await sql`
      update watch_topic_chains set links = v.links from (${values}) as v
      where watch_topic_chains.topic_id = v.topic_id and watch_topic_chains.published_at = v.published_at and watch_topic_chains.mention_id = v.mention_id
    `.execute(db);
  }
}
