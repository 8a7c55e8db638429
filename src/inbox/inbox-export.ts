/**
 * A view of the inbox as an export table: the same view, filters and order as its pages
 * (listInbox), read page after page, each mention with its triage, tags and reply priority.
 * Pages are read by offset, as the inbox pages; a triage changed while the file is written
 * can move a mention between pages (every mention of the store: `mentions export`).
 */
import { mentionCells, MENTION_COLUMNS, topicNames } from '../listen/lists/export/mention-table.ts';
import type { Cell, ExportTable } from '../listen/lists/export/table.ts';
import type { Store } from '../store/store.ts';
import { listInbox, MAX_INBOX_LIMIT, type InboxItem, type InboxOptions } from './inbox-list.ts';

export const INBOX_COLUMNS = [...MENTION_COLUMNS, 'state', 'assignee', 'notes', 'tags', 'priority'];

/** The table; a view it cannot list (e.g. "mine" without a user) throws here, before anything is written. */
export async function inboxTable(store: Store, workspaceId: number, options: Omit<InboxOptions, 'limit' | 'offset'>): Promise<ExportTable> {
  const first = await listInbox(store, workspaceId, { ...options, limit: MAX_INBOX_LIMIT, offset: 0 });
  const topics = await topicNames(store, workspaceId);
  return { name: 'Inbox', columns: INBOX_COLUMNS, rows: rows(store, workspaceId, options, first.items, topics) };
}

async function* rows(store: Store, workspaceId: number, options: Omit<InboxOptions, 'limit' | 'offset'>, firstPage: InboxItem[], topics: Map<number, string>): AsyncGenerator<Cell[]> {
  let items = firstPage;
  let offset = 0;
  while (items.length > 0) {
    const emails = await assigneeEmails(store, items);
    for (const item of items) {
      const assignee = item.triage.assigneeId === null ? null : (emails.get(item.triage.assigneeId) ?? String(item.triage.assigneeId));
      yield [...mentionCells(item.mention, topics), item.triage.state, assignee, item.triage.notes, item.tags.map((t) => t.tag).join('; '), item.priority];
    }
    if (items.length < MAX_INBOX_LIMIT) return;
    offset += items.length;
    items = (await listInbox(store, workspaceId, { ...options, limit: MAX_INBOX_LIMIT, offset })).items;
  }
}

async function assigneeEmails(store: Store, items: InboxItem[]): Promise<Map<number, string>> {
  const ids = [...new Set(items.flatMap((i) => (i.triage.assigneeId === null ? [] : [i.triage.assigneeId])))];
  if (ids.length === 0) return new Map();
  const users = await store.db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.email]));
}
