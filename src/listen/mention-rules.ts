/**
 * The rules a mention meets before it is stored, the same whatever brings it: a file
 * import (row-mapper.ts reads the fields from the mapped columns) and the push API
 * (src/server/routes/mentions.ts reads them from the pushed JSON) both build their
 * mentions here, from the parsers of import/values.ts and their LIMITS. So the same
 * data is refused, or stored the same way, by either path, and on either store:
 *
 * - text: at most LIMITS.textChars characters, not blank, no U+0000 (PostgreSQL cannot
 *   store it), no unpaired UTF-16 surrogate; the same for every other text field;
 * - published date: a day that exists (no 2026-02-30), from 1990 to two days from now;
 * - url: http(s) only (no javascript:, data:, file:), at most LIMITS.urlChars;
 * - ids, handle, display name, source name and language code: their limits and forms;
 * - counts: whole numbers from 0 to 2^53.
 */
import { createHash } from 'node:crypto';
import type { MentionInput } from '../core/mention.ts';
import {
  LIMITS,
  Problem,
  isBlank,
  parseCount,
  parseDate,
  parseId,
  parseLang,
  parseSourceName,
  parseText,
  parseUrl,
} from './import/values.ts';

/**
 * The id of a row that has none: a hash of what identifies a post, so importing
 * the same file again finds the same rows instead of duplicating them.
 */
export function derivedExternalId(source: string, author: string, publishedAt: number, text: string): string {
  const hash = createHash('sha256').update(`${source}\u0000${author}\u0000${publishedAt}\u0000${text}`).digest('hex');
  return `h:${hash.slice(0, 32)}`;
}

/** The fields a mention is built from, named as in a column mapping. */
export type MentionField =
  | 'id'
  | 'text'
  | 'published_at'
  | 'author'
  | 'author_name'
  | 'followers'
  | 'url'
  | 'likes'
  | 'shares'
  | 'replies'
  | 'views'
  | 'lang'
  | 'source'
  | 'parent_id';

/** A field's value as found, with the name problems give it (`url`, `published_at (column "date")`). */
export interface FoundValue {
  value: unknown;
  label: string;
}

export interface MentionFields {
  /** The field's value, or undefined when it is absent or blank. */
  read(field: MentionField): FoundValue | undefined;
  /** Why the row is refused when a required field (text, published_at, author; id without `deriveId`) is absent. */
  missing(field: MentionField): Problem;
}

export interface MentionRules {
  /** Source of mentions without a source field. */
  source: string;
  /** "Now" for the future-date check. */
  now: number;
  /** A mention without an id gets one derived from its source, author, date and text (file imports); else `id` is required. */
  deriveId: boolean;
}

function optionalText(fields: MentionFields, field: MentionField, maxChars: number, parse = parseText): string | null | Problem {
  const found = fields.read(field);
  if (!found) return null;
  const text = parse(found.label, found.value, maxChars);
  return text instanceof Problem ? text : text.trim();
}

function count(fields: MentionFields, field: MentionField, absent: number | null): number | null | Problem {
  const found = fields.read(field);
  return found ? parseCount(found.label, found.value) : absent;
}

/**
 * The mention the fields describe, or the Problem of the first field that breaks a rule.
 * Called once per imported row: no closures are made here (under tsx each one costs a
 * `__name` property definition, which measured +40% on mapping a row).
 */
export function buildMention(fields: MentionFields, rules: MentionRules): MentionInput | Problem {
  const textFound = fields.read('text');
  if (!textFound) return fields.missing('text');
  const text = parseText(textFound.label, textFound.value, LIMITS.textChars);
  if (text instanceof Problem) return text;
  if (text.trim() === '') return fields.missing('text');

  const dateFound = fields.read('published_at');
  if (!dateFound) return fields.missing('published_at');
  const publishedAt = parseDate(dateFound.label, dateFound.value, rules.now);
  if (publishedAt instanceof Problem) return publishedAt;

  const handleText = optionalText(fields, 'author', LIMITS.handleChars);
  if (handleText instanceof Problem) return handleText;
  const handle = handleText?.replace(/^@/, '');
  if (!handle) return fields.missing('author');

  const sourceFound = fields.read('source');
  const source = sourceFound ? parseSourceName(sourceFound.label, sourceFound.value) : rules.source;
  if (source instanceof Problem) return source;

  const idText = optionalText(fields, 'id', LIMITS.externalIdChars, parseId);
  if (idText instanceof Problem) return idText;
  if (!idText && !rules.deriveId) return fields.missing('id');

  const urlFound = fields.read('url');
  const url = urlFound ? parseUrl(urlFound.label, urlFound.value) : null;
  if (url instanceof Problem) return url;

  const displayName = optionalText(fields, 'author_name', LIMITS.displayNameChars);
  if (displayName instanceof Problem) return displayName;
  const parentId = optionalText(fields, 'parent_id', LIMITS.externalIdChars, parseId);
  if (parentId instanceof Problem) return parentId;

  const followers = count(fields, 'followers', null);
  if (followers instanceof Problem) return followers;
  const likes = count(fields, 'likes', 0);
  if (likes instanceof Problem) return likes;
  const shares = count(fields, 'shares', 0);
  if (shares instanceof Problem) return shares;
  const replies = count(fields, 'replies', 0);
  if (replies instanceof Problem) return replies;
  const views = count(fields, 'views', null);
  if (views instanceof Problem) return views;

  const langFound = fields.read('lang');
  const langHint = langFound ? parseLang(langFound.label, langFound.value) : null;
  if (langHint instanceof Problem) return langHint;

  return {
    source,
    externalId: idText || derivedExternalId(source, handle, publishedAt, text),
    url,
    author: { handle, displayName: displayName || null, followers },
    text,
    publishedAt: new Date(publishedAt),
    engagement: { likes: likes ?? 0, shares: shares ?? 0, replies: replies ?? 0, views },
    langHint,
    parentExternalId: parentId || null,
  };
}

/** A value as `read` gives it: absent when blank (null, undefined, only spaces) or not a scalar. */
export function present(value: unknown, label: string): FoundValue | undefined {
  return isBlank(value) || (typeof value === 'object' && value !== null) ? undefined : { value, label };
}

/** Where each field is in a MentionInput-shaped object (the push API's JSON, a connector's mention). */
const INPUT_PATHS: Record<MentionField, readonly string[]> = {
  id: ['externalId'],
  text: ['text'],
  published_at: ['publishedAt'],
  author: ['author', 'handle'],
  author_name: ['author', 'displayName'],
  followers: ['author', 'followers'],
  url: ['url'],
  likes: ['engagement', 'likes'],
  shares: ['engagement', 'shares'],
  replies: ['engagement', 'replies'],
  views: ['engagement', 'views'],
  lang: ['langHint'],
  source: ['source'],
  parent_id: ['parentExternalId'],
};

function atPath(value: unknown, path: readonly string[]): unknown {
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value instanceof Date ? value.getTime() : value;
}

/**
 * A mention given with MentionInput's field names (`externalId`, `author.handle`,
 * `publishedAt` as ISO text, epoch ms or a Date…), checked and normalised by the same
 * rules as an imported row. Problems name the field by its path (`author.handle: …`).
 */
export function mentionFromInput(input: unknown, rules: MentionRules): MentionInput | Problem {
  const fields: MentionFields = {
    read: (field) => present(atPath(input, INPUT_PATHS[field]), INPUT_PATHS[field].join('.')),
    missing: (field) => new Problem(`${INPUT_PATHS[field].join('.')}: missing, empty or only spaces`),
  };
  return buildMention(fields, rules);
}

/** The field a Problem of `mentionFromInput` is about: the path its message starts with. */
export function problemPath(problem: Problem): string {
  const colon = problem.message.indexOf(': ');
  return colon > 0 ? problem.message.slice(0, colon) : '';
}

const HTTP_SCHEME = /^\s*https?:\/\//i;

/**
 * What a mention built elsewhere (a connector, the demo) must not have, because a store
 * cannot keep it as it is or it would be unsafe to show: U+0000 or an unpaired surrogate
 * in a text field (PostgreSQL refuses the whole batch over one U+0000), a link that is
 * not http(s) (`javascript:` in a federated post's url). Connectors map what networks
 * send, so the full rules (dates, lengths) are theirs; these are checked on every batch
 * that was not built by `buildMention` (see `ingestBatch`).
 */
export function unstorableProblem(m: MentionInput): Problem | null {
  const texts: [string, unknown][] = [
    ['text', m.text],
    ['externalId', m.externalId],
    ['author.handle', m.author.handle],
    ['author.displayName', m.author.displayName],
    ['source', m.source],
    ['parentExternalId', m.parentExternalId],
    ['langHint', m.langHint],
  ];
  for (const [label, value] of texts) {
    if (typeof value !== 'string') continue;
    const problem = parseText(label, value, Number.POSITIVE_INFINITY);
    if (problem instanceof Problem) return problem;
  }
  if (m.url != null && !HTTP_SCHEME.test(m.url)) return new Problem(`url: not an http(s) URL: ${JSON.stringify(m.url).slice(0, 60)}`);
  if (!Number.isFinite(m.publishedAt.getTime())) return new Problem('publishedAt: not a valid date');
  return null;
}
