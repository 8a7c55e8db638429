/**
 * The mentions of a search as an export table: the same search (filters, query, sort,
 * collapse) as its pages, read page after page by cursor, so a million rows never sit
 * in memory together.
 */
import type { Mention } from '../../../core/mention.ts';
import type { Store } from '../../../store/store.ts';
import { isNotSure } from '../../../watch/figure-definitions.ts';
import { searchMentions, searchScope, type SearchFilters } from '../../search.ts';
import type { MentionSort } from '../sort.ts';
import type { Cell, ExportTable } from './table.ts';

const PAGE = 1000;

export interface MentionExportOptions extends SearchFilters {
  sort?: MentionSort;
  collapse?: boolean;
}

/** A mention's columns, in every export of mentions (a search, an inbox view). */
export const MENTION_COLUMNS = ['id', 'published_at', 'source', 'author', 'author_name', 'followers', 'text', 'url', 'lang', 'sentiment', 'sentiment_score', 'sentiment_not_sure', 'likes', 'shares', 'replies', 'views', 'topics', 'parent_id'];

/** The table; a malformed query or group throws here, before anything is written. */
export async function mentionTable(store: Store, workspaceId: number, options: MentionExportOptions): Promise<ExportTable> {
  searchScope(store, workspaceId, options);
  const topics = await topicNames(store, workspaceId);
  const columns = options.collapse ? [...MENTION_COLUMNS, 'group_members', 'group'] : MENTION_COLUMNS;
  return { name: 'Mentions', columns, rows: rows(store, workspaceId, options, topics) };
}

async function* rows(store: Store, workspaceId: number, options: MentionExportOptions, topics: Map<number, string>): AsyncGenerator<Cell[]> {
  let cursor: string | null = null;
  do {
    const page = await searchMentions(store, workspaceId, { ...options, limit: PAGE, cursor });
    for (const [i, m] of page.mentions.entries()) {
      const row = mentionCells(m, topics);
      const group = page.groups?.[i];
      if (group) row.push(group.members, group.key);
      yield row;
    }
    cursor = page.nextCursor;
  } while (cursor);
}

/** Topic names by id, for the topics column. */
export async function topicNames(store: Store, workspaceId: number): Promise<Map<number, string>> {
  return new Map((await store.db.selectFrom('topics').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute()).map((t) => [t.id, t.name]));
}

/** One mention as the cells of MENTION_COLUMNS. */
export function mentionCells(m: Mention, topics: Map<number, string>): Cell[] {
  return [
    m.id,
    m.publishedAt,
    m.source,
    m.author.handle,
    m.author.displayName,
    m.author.followers,
    m.text,
    m.url,
    m.lang,
    m.sentiment?.label ?? null,
    m.sentiment?.score ?? null,
    // The model was not sure of it (one definition: isNotSure); empty without a sentiment.
    m.sentiment ? isNotSure(m.sentiment.probabilities) : null,
    m.engagement.likes,
    m.engagement.shares,
    m.engagement.replies,
    m.engagement.views,
    m.topicIds.map((id) => topics.get(id) ?? String(id)).join('; '),
    m.parentExternalId,
  ];
}
