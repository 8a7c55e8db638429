/**
 * Crisis items a user dismissed for a topic ("our own campaign", "off-topic: Windows 7"),
 * with the reason, who and when. Dismissed items stay in the scan, marked and ranked last,
 * so a dismissal can be read and undone.
 */
import { ValidationError } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import type { CrisisItem } from './crisis.ts';

export interface Dismissal {
  topicId: number;
  key: string;
  reason: string;
  by: string;
  at: number;
}

/** Keys as rankCrisis gives them: 'spike:day:<start ms>', 'spike:hour:<start ms>', 'post:<mention id>'. */
const KEY = /^(spike:(day|hour):\d{1,15}|post:\d{1,15})$/;

export async function dismissCrisisItem(store: Store, workspaceId: number, d: { topicId: number; key: string; reason: string; by: string; now?: number }): Promise<Dismissal> {
  if (!KEY.test(d.key)) throw new ValidationError(`"${d.key}" is not a crisis item key (spike:day:<start ms>, spike:hour:<start ms> or post:<mention id>, as the crisis scan lists them)`);
  const reason = d.reason.trim();
  if (!reason) throw new ValidationError('a dismissal needs a reason (who reads the crisis scan later sees it)');
  if (reason.length > 500) throw new ValidationError(`the reason is ${reason.length} characters long; 500 at most`);
  const row = { workspace_id: workspaceId, topic_id: d.topicId, item_key: d.key, reason, dismissed_by: d.by, dismissed_at: d.now ?? Date.now() };
  await store.db
    .insertInto('watch_crisis_dismissals')
    .values(row)
    .onConflict((oc) => oc.columns(['topic_id', 'item_key']).doUpdateSet({ reason: row.reason, dismissed_by: row.dismissed_by, dismissed_at: row.dismissed_at }))
    .execute();
  return { topicId: d.topicId, key: d.key, reason, by: d.by, at: row.dismissed_at };
}

/** Undoes a dismissal; false when the item was not dismissed. */
export async function restoreCrisisItem(store: Store, workspaceId: number, topicId: number, key: string): Promise<boolean> {
  const result = await store.db.deleteFrom('watch_crisis_dismissals').where('workspace_id', '=', workspaceId).where('topic_id', '=', topicId).where('item_key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listDismissals(store: Store, workspaceId: number, topicId: number): Promise<Map<string, Dismissal>> {
  const rows = await store.db.selectFrom('watch_crisis_dismissals').selectAll().where('workspace_id', '=', workspaceId).where('topic_id', '=', topicId).execute();
  return new Map(rows.map((r) => [r.item_key, { topicId: Number(r.topic_id), key: r.item_key, reason: r.reason, by: r.dismissed_by, at: Number(r.dismissed_at) }]));
}

/** Marks the dismissed items and moves them after the others (their order kept). */
export function applyDismissals(items: CrisisItem[], dismissals: Map<string, Dismissal>): CrisisItem[] {
  const marked = items.map((item) => {
    const dismissed = dismissals.get(item.key);
    return dismissed ? { ...item, dismissed } : item;
  });
  return [...marked.filter((i) => !i.dismissed), ...marked.filter((i) => i.dismissed)];
}
