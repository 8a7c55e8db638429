/**
 * Repost collapse: a post and its reposts, quotes and replies show as one row with the
 * count. The grouping is defined once, as one SQL expression over `mentions` (the
 * *collapse key*, docs/inbox-lists.md), so pages, totals, exports and the members of a
 * group all agree:
 *
 * - a mention with a parent (`parent_external_id`: a boost, repost, quote or reply) belongs
 *   to its parent's group: `u:<parent url>` when the parent is stored and has a link,
 *   else `r:<source>:<parent external id>`;
 * - any other mention is its own canonical post: `u:<url>`, or `r:<source>:<external id>`
 *   without a link.
 *
 * So a post, the reposts pointing at it and other posts sharing its exact URL (the same
 * article syndicated by several feeds) share a key. One level only: a reply to a reply
 * groups under its direct parent.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

const PARENT_URL = sql`(select p.url from mentions p where p.workspace_id = mentions.workspace_id and p.source = mentions.source and p.external_id = mentions.parent_external_id)`;

/** The collapse key of the `mentions` row in scope. */
export const COLLAPSE_KEY: RawBuilder<string> = sql<string>`(case when mentions.parent_external_id is null
  then coalesce('u:' || mentions.url, 'r:' || mentions.source || ':' || mentions.external_id)
  else coalesce('u:' || ${PARENT_URL}, 'r:' || mentions.source || ':' || mentions.parent_external_id) end)`;

export class GroupKeyError extends Error {
  override name = 'GroupKeyError';
}

/**
 * The members of the group `key` in a workspace. First the rows that can be in it, found
 * through indexes (url, or source + external id / parent id; migration 5020), then the
 * exact key, so the condition is the definition above and nothing looser.
 */
export function groupCondition(workspaceId: number, key: string): Expression<SqlBool> {
  let candidates: RawBuilder<SqlBool>;
  if (key.startsWith('u:') && key.length > 2) {
    const url = key.slice(2);
    candidates = sql<SqlBool>`mentions.id in (
      select id from mentions where workspace_id = ${workspaceId} and url = ${url}
      union all
      select c.id from mentions p join mentions c
        on c.workspace_id = p.workspace_id and c.source = p.source and c.parent_external_id = p.external_id
      where p.workspace_id = ${workspaceId} and p.url = ${url})`;
  } else {
    const match = /^r:([^:]+):(.+)$/s.exec(key);
    if (!match) throw new GroupKeyError(`invalid group "${key}": pass the group of a collapsed row`);
    const [, source, externalId] = match;
    candidates = sql<SqlBool>`(mentions.source = ${source} and (mentions.external_id = ${externalId} or mentions.parent_external_id = ${externalId}))`;
  }
  return sql<SqlBool>`(${candidates} and ${COLLAPSE_KEY} = ${key})`;
}
