import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { writeTopicLinks } from '../topic-links.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Issues #15/#16: the Watch topic copy keeps what reply chains and sites need, so root
 * cause, the crisis scan and activation no longer read mentions' rows and texts: for
 * replies, reposts and mentions with a link their external id, parent id, URL, host and
 * link candidates; for feed items and imports their host. Filled here from the mentions
 * for the rows the rollup copied already (the rollup writes them for new rows).
 */
export const watchTopicChainsMigration: MurmurMigration = {
  name: '5250-watch-topic-chains',
  async up(db: Kysely<any>, _kind: StoreKind) {
    for (const column of ['external_id', 'parent_external_id', 'url', 'domain', 'links']) {
      await db.schema.alterTable('watch_topic_mentions').addColumn(column, 'text').execute();
    }
    await sql`
      update watch_topic_mentions set external_id = m.external_id, parent_external_id = m.parent_external_id, url = m.url, domain = m.domain
      from mentions m where m.id = watch_topic_mentions.mention_id and (watch_topic_mentions.is_original = 0 or watch_topic_mentions.has_link = 1)
    `.execute(db);
    await sql`
      update watch_topic_mentions set domain = m.domain
      from mentions m where m.id = watch_topic_mentions.mention_id and watch_topic_mentions.source in ('rss', 'import')
        and watch_topic_mentions.is_original = 1 and watch_topic_mentions.has_link = 0
    `.execute(db);
    const spans = await db
      .selectFrom('watch_topic_mentions')
      .select(['workspace_id', (eb) => eb.fn.min('published_at').as('first'), (eb) => eb.fn.max('published_at').as('last')])
      .where('has_link', '=', 1)
      .groupBy('workspace_id')
      .execute();
    for (const s of spans) await writeTopicLinks(db, Number(s.workspace_id), Number(s.first), Number(s.last) + 1);
  },
};
