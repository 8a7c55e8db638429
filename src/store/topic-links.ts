/**
 * The link candidates (core/links.ts) of the Watch topic copy's mentions with links
 * (watch_topic_mentions.links): written by the rollup after it copies a range, and by the
 * migration that added the column. Link analytics then read them there, not the texts.
 */
import { sql, type Kysely } from 'kysely';
import { linkCandidates } from '../core/links.ts';
import { chunks } from './chunks.ts';
import type { Database } from './schema.ts';

const DAY = 86_400_000;

/** Rows per update statement: four parameters each, under both backends' limits. */
const BATCH = 500;

/**
 * Fills `links` for the copy's rows with a link of one workspace published in [from, to),
 * a day at a time (a day's texts, not a month's, are held at once). Returns the rows written.
 */
export async function writeTopicLinks(db: Kysely<Database>, workspaceId: number, from: number, to: number): Promise<number> {
  let written = 0;
  for (let start = from; start < to; start += DAY) {
    const rows = await db
      .selectFrom('watch_topic_mentions as t')
      .innerJoin('mentions as m', 'm.id', 't.mention_id')
      .select(['t.topic_id', 't.published_at', 't.mention_id', 'm.text'])
      .where('t.workspace_id', '=', workspaceId)
      .where('t.published_at', '>=', start)
      .where('t.published_at', '<', Math.min(to, start + DAY))
      .where('t.has_link', '=', 1)
      .execute();
    for (const part of chunks(rows, BATCH)) {
      // One statement per batch: the rows' keys and links as a derived table, joined on the copy's key.
      const values = sql.join(
        part.map(
          (r) => sql`select cast(${r.topic_id} as bigint) as topic_id, cast(${r.published_at} as bigint) as published_at, cast(${r.mention_id} as bigint) as mention_id, cast(${JSON.stringify(linkCandidates(r.text))} as text) as links`,
        ),
        sql` union all `,
      );
      await sql`
        update watch_topic_mentions set links = v.links from (${values}) as v
        where watch_topic_mentions.topic_id = v.topic_id and watch_topic_mentions.published_at = v.published_at and watch_topic_mentions.mention_id = v.mention_id
      `.execute(db);
    }
    written += rows.length;
  }
  return written;
}
