/**
 * What a topic mute excludes, defined once for ingest (topic-matchers.ts) and for
 * re-matching stored mentions (backfill.ts): each mute is a query of the topic language
 * (`author:…`, `site:…`, or the muted term itself), and a mention belongs to a topic when
 * the topic's query matches it and no active mute of the topic does.
 */
import { MurmurError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { budgetedMatcher } from '../query/budgeted-matcher.ts';
import type { WorkBudget } from '../query/budget.ts';
import type { Matchable } from '../query/context.ts';
import { QuerySyntaxError } from '../query/errors.ts';
import { compileQuery } from '../query/matcher.ts';

export const MUTE_KINDS = ['author', 'site', 'term'] as const;
export type MuteKind = (typeof MUTE_KINDS)[number];

export class MuteError extends MurmurError {
  override name = 'MuteError';
  constructor(message: string) {
    super('invalid_mute', 400, message);
  }
}

/** The stored form of a muted value: a handle without its @, a lower-case domain, a trimmed term. */
export function normaliseMuteValue(kind: MuteKind, value: string): string {
  const trimmed = value.trim();
  if (kind === 'author') return trimmed.replace(/^@/, '').toLowerCase();
  if (kind === 'site') return trimmed.replace(/^https?:\/\//i, '').replace(/\/.*$/s, '').replace(/^www\./i, '').toLowerCase();
  return trimmed;
}

/** The query a mute stands for; a MuteError naming the problem when the value cannot be one. */
export function muteQuery(kind: MuteKind, value: string): string {
  if (!(MUTE_KINDS as readonly string[]).includes(kind)) throw new MuteError(`kind must be one of ${MUTE_KINDS.join(', ')}, got "${kind}"`);
  if (value === '') throw new MuteError(`${kind}: the value is empty`);
  if (kind !== 'term' && /[\s"()]/.test(value)) throw new MuteError(`${kind} "${value}" cannot be muted: expected one ${kind === 'site' ? 'domain such as example.com' : 'handle such as @alice@mastodon.social'}`);
  const query = kind === 'term' ? value : `${kind}:${value}`;
  try {
    compileQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new MuteError(`${kind} "${value}" cannot be muted: ${error.message}`);
    throw error;
  }
  return query;
}

/** True when one of the mutes matches the mention. */
export type MutedTest = (subject: Matchable) => boolean;

/** The active mutes of every topic of a workspace, as one test per topic. */
export async function loadMutedTests(store: Store, workspaceId: number, topicId?: number): Promise<Map<number, MutedTest>> {
  let query = store.db.selectFrom('topic_mutes').select(['topic_id', 'kind', 'value']).where('workspace_id', '=', workspaceId).where('removed_at', 'is', null);
  if (topicId !== undefined) query = query.where('topic_id', '=', topicId);
  const byTopic = new Map<number, ((subject: Matchable) => boolean)[]>();
  for (const row of await query.orderBy('id').execute()) {
    const tests = byTopic.get(row.topic_id) ?? [];
    tests.push(budgetedMatcher(compileQuery(muteQuery(row.kind as MuteKind, row.value)), `mute #${row.topic_id}`));
    byTopic.set(row.topic_id, tests);
  }
  return new Map([...byTopic].map(([id, tests]) => [id, (subject: Matchable) => tests.some((test) => test(subject))]));
}

/** Topic membership: the topic query matches (within `budget`, when given) and no mute does. */
export function withoutMuted(
  matches: (subject: Matchable, budget?: WorkBudget) => boolean,
  muted: MutedTest | undefined,
): (subject: Matchable, budget?: WorkBudget) => boolean {
  return muted ? (subject, budget) => matches(subject, budget) && !muted(subject) : matches;
}
