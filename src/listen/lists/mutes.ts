/**
 * Muting authors, sites and terms in a topic, and unmuting them. A mute changes the
 * topic's membership (its `mention_topics` links) at once, over stored mentions, by
 * re-matching the topic (backfill.ts, which applies the mutes as ingest does): every list,
 * total, export and Watch figure reads that membership, so all of them agree. The topic's
 * `updated_at` moves, which is what tells Watch to rebuild its rollups (rollup.ts).
 */
import type { Selectable } from 'kysely';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { backfillTopic, type BackfillResult } from '../backfill.ts';
import type { TopicMutesTable } from './lists-tables.ts';
import { MuteError, muteQuery, normaliseMuteValue, type MuteKind } from './mute-rules.ts';

export interface Mute {
  id: number;
  topicId: number;
  kind: MuteKind;
  value: string;
  reason: string | null;
  createdBy: string;
  createdAt: Date;
  removedBy: string | null;
  removedAt: Date | null;
}

export interface MuteChange {
  mute: Mute;
  /** The topic re-matched over stored mentions: `matched` is its new size. */
  rematch: BackfillResult;
}

function fromRow(row: Selectable<TopicMutesTable>): Mute {
  return {
    id: row.id,
    topicId: row.topic_id,
    kind: row.kind as MuteKind,
    value: row.value,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    removedBy: row.removed_by,
    removedAt: row.removed_at === null ? null : new Date(row.removed_at),
  };
}

/** Re-matches the topic and moves its `updated_at` strictly forward, so Watch sees a new version even within one millisecond. */
async function rematch(store: Store, workspaceId: number, topicId: number): Promise<BackfillResult> {
  const result = await backfillTopic(store, workspaceId, topicId);
  const row = await store.db.selectFrom('topics').select('updated_at').where('id', '=', topicId).executeTakeFirstOrThrow();
  await store.db.updateTable('topics').set({ updated_at: Math.max(Date.now(), Number(row.updated_at) + 1) }).where('id', '=', topicId).execute();
  return result;
}

export interface MuteInput {
  kind: MuteKind;
  value: string;
  reason?: string | null;
}

export async function muteInTopic(store: Store, workspaceId: number, topicId: number, input: MuteInput, who: string, now: number): Promise<MuteChange> {
  const value = normaliseMuteValue(input.kind, input.value);
  muteQuery(input.kind, value);
  const active = await store.db
    .selectFrom('topic_mutes')
    .select('id')
    .where('topic_id', '=', topicId)
    .where('kind', '=', input.kind)
    .where('value', '=', value)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (active) throw new MuteError(`${input.kind} "${value}" is already muted in this topic (mute ${active.id})`);
  const row = await store.db
    .insertInto('topic_mutes')
    .values({ workspace_id: workspaceId, topic_id: topicId, kind: input.kind, value, reason: input.reason?.trim() || null, created_by: who, created_at: now, removed_by: null, removed_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { mute: fromRow(row), rematch: await rematch(store, workspaceId, topicId) };
}

/** Unmutes: the mentions it kept out come back (unless another mute still applies). The mute stays in the history. */
export async function unmuteInTopic(store: Store, workspaceId: number, topicId: number, muteId: number, who: string, now: number): Promise<MuteChange> {
  const row = await store.db
    .updateTable('topic_mutes')
    .set({ removed_by: who, removed_at: now })
    .where('id', '=', muteId)
    .where('topic_id', '=', topicId)
    .where('workspace_id', '=', workspaceId)
    .where('removed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no active mute ${muteId} in this topic`);
  return { mute: fromRow(row), rematch: await rematch(store, workspaceId, topicId) };
}

/** A topic's mutes, newest first; with `all`, the unmuted ones too. */
export async function listMutes(store: Store, workspaceId: number, topicId: number, options: { all?: boolean } = {}): Promise<Mute[]> {
  let query = store.db.selectFrom('topic_mutes').selectAll().where('workspace_id', '=', workspaceId).where('topic_id', '=', topicId);
  if (!options.all) query = query.where('removed_at', 'is', null);
  return (await query.orderBy('id', 'desc').execute()).map(fromRow);
}
