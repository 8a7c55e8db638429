/**
 * The inbox views: every mention with its triage, "my mentions", "unassigned", "needs
 * a reply" (reply-priority.ts) and "needs a sentiment check" (the model is not sure,
 * src/watch/figure-definitions.ts: least sure first), with the exact total of the view for paging.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Mention } from '../core/mention.ts';
import { withTag } from '../store/mention-tags.ts';
import { getMentionsByIds } from '../store/mentions.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { notSureCondition } from '../watch/not-sure-sql.ts';
import { brandHandles } from './brand-handles.ts';
import { needsReply, replyPriority } from './reply-priority.ts';
import { normalizeTag, tagsOf, type MentionTag } from './tags.ts';
import { getTriages, InboxError, OPEN_STATES, untriaged, type Triage, type TriageState } from './triage.ts';

export const INBOX_VIEWS = ['all', 'mine', 'unassigned', 'needs-reply', 'sentiment-check'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const MAX_INBOX_LIMIT = 200;

export interface InboxOptions {
  view: InboxView;
  /** The states shown; by default every state for `all`, the open ones for the other views. */
  states?: TriageState[];
  /** Who "mine" is: the caller (the CLI's --as). */
  userId?: number | null;
  /** Only mentions assigned to this member. */
  assigneeId?: number;
  topicId?: number;
  /** Only mentions with this tag (by hand or by a rule). */
  tag?: string;
  limit: number;
  offset?: number;
}

export interface InboxItem {
  mention: Mention;
  triage: Triage;
  tags: MentionTag[];
  /** The reply priority (reply-priority.ts); set in the "needs-reply" view only. */
  priority: number | null;
}

export interface InboxPage {
  items: InboxItem[];
  /** Mentions in the view, all pages together. */
  total: number;
}

export async function listInbox(store: Store, workspaceId: number, options: InboxOptions): Promise<InboxPage> {
  const { view, limit } = options;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INBOX_LIMIT) throw new InboxError(`limit must be a whole number from 1 to ${MAX_INBOX_LIMIT}, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new InboxError(`offset must be a whole number from 0, got ${offset}`);
  const states = options.states ?? (view === 'all' ? undefined : [...OPEN_STATES]);

  let base: SelectQueryBuilder<Database, 'mentions' | 'mention_triage', object> = store.db
    .selectFrom('mentions')
    .leftJoin('mention_triage', 'mention_triage.mention_id', 'mentions.id')
    .where('mentions.workspace_id', '=', workspaceId);
  if (states) base = base.where(sql<string>`coalesce(mention_triage.state, 'new')`, 'in', states);
  if (view === 'mine') {
    if (options.userId == null) throw new InboxError('"mine" needs to know who you are (sign in, or pass --as EMAIL on the command line)');
    base = base.where('mention_triage.assignee_id', '=', options.userId);
  }
  if (view === 'unassigned') base = base.where('mention_triage.assignee_id', 'is', null);
  if (options.assigneeId !== undefined) base = base.where('mention_triage.assignee_id', '=', options.assigneeId);
  if (options.topicId !== undefined) {
    const topicId = options.topicId;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('mention_topics').select(sql`1`.as('one')).whereRef('mention_topics.mention_id', '=', 'mentions.id').where('mention_topics.topic_id', '=', topicId)),
    );
  }
  if (options.tag !== undefined) base = base.where(withTag(normalizeTag(options.tag)));
  const handles = view === 'needs-reply' ? await brandHandles(store, workspaceId) : [];
  if (view === 'needs-reply') base = base.where(needsReply(handles));

  if (view === 'sentiment-check') {
    base = base.where(notSureCondition('mentions'));
  }

  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = base.select('mentions.id');
  if (view === 'needs-reply') page = page.select(replyPriority(handles).as('priority')).orderBy('priority', 'desc');
  // Least sure first: the sum of squared probabilities is lowest for the flattest answer.
  if (view === 'sentiment-check') page = page.orderBy(sql`mentions.sentiment_neg * mentions.sentiment_neg + mentions.sentiment_neu * mentions.sentiment_neu + mentions.sentiment_pos * mentions.sentiment_pos`, 'asc');
  const rows = (await page.orderBy('mentions.published_at', 'desc').orderBy('mentions.id', 'desc').limit(limit).offset(offset).execute()) as Array<{ id: number; priority?: number }>;

  const ids = rows.map((r) => Number(r.id));
  const [mentions, triages, tags] = await Promise.all([getMentionsByIds(store, ids), getTriages(store.db, ids), tagsOf(store, ids)]);
  return {
    total: Number(counted.n),
    items: mentions.map((mention, i) => ({
      mention,
      triage: triages.get(mention.id) ?? untriaged(mention.id),
      tags: tags.get(mention.id) ?? [],
      priority: rows[i]!.priority === undefined ? null : Number(rows[i]!.priority),
    })),
  };
}
