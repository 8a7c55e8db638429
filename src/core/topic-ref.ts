/**
 * Which topic a reference names: the one rule the CLI (`--topic`), the API (`?topic=`),
 * reports, alerts and the dashboard's URL share. Pure, so the dashboard runs the same code
 * over the topics it already has; src/listen/topics.ts `resolveTopic` runs it over the store.
 */
import { NotFoundError, UnknownTopicError } from './errors.ts';

export interface TopicLike {
  id: number;
  name: string;
  role: string;
}

export type TopicRef = string | number | null | undefined;

/** Digits that fit a safe integer are an id first (beyond that they would overflow PostgreSQL's bigint). */
function asId(ref: string | number): number | null {
  if (typeof ref === 'number') return ref;
  return /^\d+$/.test(ref) && Number.isSafeInteger(Number(ref)) ? Number(ref) : null;
}

/**
 * The topic `ref` names: an id (digits are tried as an id, then as a name), else a name,
 * exactly or, when exactly one topic matches, ignoring case (people type `brewly` for
 * "Brewly"). No `ref` means the default: the first brand topic, else the first topic.
 * Throws UnknownTopicError (404) listing the names there are, so a typo is fixed at once.
 */
export function pickTopic<T extends TopicLike>(topics: readonly T[], ref?: TopicRef): T {
  const byId = [...topics].sort((a, b) => a.id - b.id);
  if (ref === undefined || ref === null || ref === '') {
    const chosen = byId.find((t) => t.role === 'brand') ?? byId[0];
    if (!chosen) throw new NotFoundError('this workspace has no topic yet: create one first (`murmur topics add`, or Topics in the dashboard)', 'no_topics');
    return chosen;
  }
  const id = asId(ref);
  const found =
    (id !== null ? topics.find((t) => t.id === id) : undefined) ??
    (typeof ref === 'string' ? (topics.find((t) => t.name === ref) ?? onlyOne(topics.filter((t) => t.name.toLowerCase() === ref.toLowerCase()))) : undefined);
  if (found) return found;
  const names = topics.map((t) => t.name).sort((a, b) => a.localeCompare(b));
  const known = names.length > 0 ? `this workspace has: ${names.join(', ')}` : 'this workspace has no topics yet';
  throw new UnknownTopicError(`no topic ${typeof ref === 'number' ? `with id ${ref}` : `named "${ref}"`} (${known})`);
}

const onlyOne = <T>(list: T[]): T | undefined => (list.length === 1 ? list[0] : undefined);
