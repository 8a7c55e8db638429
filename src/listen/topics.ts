/**
 * The topic repository. A topic is a named boolean query with a role (brand,
 * competitor, other). Saving a topic validates its query; creating it or changing
 * its query re-matches the stored mentions (backfill), removing it drops its links.
 */
import { TOPIC_ROLES, type Topic, type TopicRole } from '../core/mention.ts';
import type { Selectable } from 'kysely';
import type { TopicsTable } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { BACKFILL_PAGE_SIZE, backfillTopic, type BackfillProgress, type BackfillResult } from './backfill.ts';
import { WorkSlices } from './query/work-slices.ts';
import { parseQuery } from './query/parser.ts';
import { MurmurError } from '../core/errors.ts';
import { pickTopic, type TopicRef } from '../core/topic-ref.ts';

export class TopicError extends MurmurError {
  override name = 'TopicError';
  constructor(message: string) {
    super('invalid_topic', 400, message);
  }
}

export interface TopicInput {
  name: string;
  query: string;
  role?: TopicRole;
}

export interface TopicChangeOptions {
  /** Re-match stored mentions (default true). */
  backfill?: boolean;
  onProgress?: (progress: BackfillProgress) => void;
  /**
   * createTopic only: stops the backfill between two slices of matching (a server shutting
   * down) and removes the topic again, so a save either happened or did not. A changed
   * query is re-matched to the end (its old links are already gone from the pages done).
   */
  signal?: AbortSignal;
}

export interface TopicChange {
  topic: Topic;
  /** Null when nothing needed re-matching (or backfill was turned off). */
  backfill: BackfillResult | null;
}

const MAX_NAME_LENGTH = 100;

function fromRow(row: Selectable<TopicsTable>): Topic {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    query: row.query,
    role: row.role as TopicRole,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new TopicError('a topic needs a name');
  if (trimmed.length > MAX_NAME_LENGTH) throw new TopicError(`a topic name has at most ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

function checkRole(role: string): TopicRole {
  if (!(TOPIC_ROLES as readonly string[]).includes(role)) {
    throw new TopicError(`unknown topic role "${role}" (expected ${TOPIC_ROLES.join(', ')})`);
  }
  return role as TopicRole;
}

export async function listTopics(store: Store, workspaceId: number): Promise<Topic[]> {
  const rows = await store.db.selectFrom('topics').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map(fromRow);
}

/** A topic by id or by name, or null. */
export async function findTopic(store: Store, workspaceId: number, idOrName: number | string): Promise<Topic | null> {
  const row = await store.db
    .selectFrom('topics')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(typeof idOrName === 'number' ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/**
 * The topic `ref` names, or the workspace's default topic when there is none: the one
 * resolver of the CLI, the API, reports and alerts (rules in src/core/topic-ref.ts).
 * Throws UnknownTopicError (404) listing the topics there are.
 */
export async function resolveTopic(store: Store, workspaceId: number, ref?: TopicRef): Promise<Topic> {
  return pickTopic(await listTopics(store, workspaceId), ref);
}

/** Creates a topic (QuerySyntaxError when the query is malformed) and matches it over stored mentions. */
export async function createTopic(
  store: Store,
  workspaceId: number,
  input: TopicInput,
  options: TopicChangeOptions = {},
): Promise<TopicChange> {
  const name = checkName(input.name);
  const role = checkRole(input.role ?? 'brand');
  parseQuery(input.query);
  if (await findTopic(store, workspaceId, name)) throw new TopicError(`a topic named "${name}" already exists`);
  const now = Date.now();
  const row = await store.db
    .insertInto('topics')
    .values({ workspace_id: workspaceId, name, query: input.query, role, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(async (error: unknown) => {
      // Another writer took the name between the check and the insert (unique constraint).
      if (await findTopic(store, workspaceId, name)) throw new TopicError(`a topic named "${name}" already exists`);
      throw error;
    });
  const topic = fromRow(row);
  if (options.backfill === false) return { topic, backfill: null };
  const slices = options.signal ? WorkSlices.until(options.signal) : new WorkSlices();
  try {
    return { topic, backfill: await backfillTopic(store, workspaceId, topic.id, options.onProgress, BACKFILL_PAGE_SIZE, slices) };
  } catch (error) {
    // Stopped half-way (a server shutting down): the topic is not kept with half its links.
    if (options.signal?.aborted) await removeTopic(store, workspaceId, topic.id);
    throw error;
  }
}

/** Renames, re-roles or re-queries a topic; a changed query re-matches stored mentions. */
export async function updateTopic(
  store: Store,
  workspaceId: number,
  idOrName: number | string,
  changes: Partial<TopicInput>,
  options: TopicChangeOptions = {},
): Promise<TopicChange> {
  const current = await resolveTopic(store, workspaceId, idOrName);
  const name = changes.name === undefined ? current.name : checkName(changes.name);
  const role = changes.role === undefined ? current.role : checkRole(changes.role);
  const query = changes.query ?? current.query;
  if (changes.query !== undefined) parseQuery(query);
  if (name !== current.name && (await findTopic(store, workspaceId, name))) {
    throw new TopicError(`a topic named "${name}" already exists`);
  }
  const row = await store.db
    .updateTable('topics')
    .set({ name, role, query, updated_at: Date.now() })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const topic = fromRow(row);
  const requery = query !== current.query && options.backfill !== false;
  const backfill = requery ? await backfillTopic(store, workspaceId, topic.id, options.onProgress) : null;
  return { topic, backfill };
}

/** Deletes a topic and its links to mentions. */
export async function removeTopic(store: Store, workspaceId: number, idOrName: number | string): Promise<Topic> {
  const topic = await resolveTopic(store, workspaceId, idOrName);
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('mention_topics').where('topic_id', '=', topic.id).execute();
    await trx.deleteFrom('topics').where('id', '=', topic.id).execute();
  });
  return topic;
}

/** How many stored mentions each topic of the workspace matched. */
export async function countTopicMentions(store: Store, workspaceId: number): Promise<Map<number, number>> {
  const rows = await store.db
    .selectFrom('mention_topics')
    .innerJoin('topics', 'topics.id', 'mention_topics.topic_id')
    .select(['mention_topics.topic_id as topicId', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('topics.workspace_id', '=', workspaceId)
    .groupBy('mention_topics.topic_id')
    .execute();
  return new Map(rows.map((r) => [r.topicId, Number(r.n)]));
}
