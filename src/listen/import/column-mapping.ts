/**
 * Which column (CSV) or key (JSON) of an export holds which Mention field.
 *
 * Every field has a list of candidate columns, tried in order: the first one with a
 * value in a row wins. The defaults cover the common exports (Twitter/X, Mastodon,
 * Reddit, listening tools); `--map field=column` or a mapping file replaces a field's
 * candidates. A dotted name (`user.screen_name`) reaches into nested JSON objects.
 */
import { readFile } from 'node:fs/promises';
import { ImportError } from '../../core/files/errors.ts';

export const MAPPABLE_FIELDS = [
  'id',
  'text',
  'published_at',
  'author',
  'author_name',
  'followers',
  'url',
  'likes',
  'shares',
  'replies',
  'views',
  'lang',
  'source',
  'parent_id',
] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export type ColumnMapping = Record<MappableField, readonly string[]>;

export const DEFAULT_MAPPING: ColumnMapping = {
  // `id_str` first: Twitter/X exports give the id twice, and as a number it is beyond 2^53.
  id: ['id_str', 'id', 'external_id', 'post_id', 'mention_id', 'guid', 'uuid'],
  text: ['text', 'full_text', 'content', 'message', 'body', 'post', 'caption', 'snippet'],
  published_at: ['published_at', 'created_at', 'date', 'published', 'timestamp', 'time', 'datetime', 'created', 'created_utc', 'posted_at'],
  author: [
    'author_handle',
    'author',
    'username',
    'user',
    'handle',
    'screen_name',
    'account',
    'author.handle',
    'author.username',
    'user.screen_name',
    'user.username',
    'account.acct',
  ],
  author_name: ['author_name', 'display_name', 'name', 'author.name', 'author.display_name', 'user.name', 'account.display_name'],
  followers: ['followers', 'followers_count', 'author_followers', 'user.followers_count', 'account.followers_count', 'author.followers'],
  url: ['url', 'link', 'permalink', 'uri', 'href'],
  likes: ['likes', 'like_count', 'likes_count', 'favorite_count', 'favourites_count', 'favorites', 'reactions'],
  shares: ['shares', 'share_count', 'shares_count', 'retweets', 'retweet_count', 'reposts', 'repost_count', 'reblogs_count', 'boosts'],
  replies: ['replies', 'reply_count', 'replies_count', 'comments', 'comment_count', 'num_comments'],
  views: ['views', 'view_count', 'views_count', 'impressions', 'impression_count'],
  lang: ['lang', 'language'],
  // Not `source`: in Twitter exports that column is the posting app ("Twitter for iPhone").
  // Map it explicitly (`--map source=source`) when it names the network.
  source: ['network', 'platform'],
  parent_id: ['parent_id', 'parent_external_id', 'in_reply_to_id', 'in_reply_to_status_id_str', 'in_reply_to_status_id'],
};

function isMappableField(name: string): name is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(name);
}

function unknownField(name: string, where: string): ImportError {
  return new ImportError(`${where}: unknown field "${name}"; mappable fields are ${MAPPABLE_FIELDS.join(', ')}`);
}

/** Parses `--map field=column` flags into overrides. */
export function parseMapFlags(flags: readonly string[]): Partial<ColumnMapping> {
  const overrides: Partial<Record<MappableField, string[]>> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const field = flag.slice(0, eq).trim();
    const column = flag.slice(eq + 1).trim();
    if (eq <= 0 || column === '') throw new ImportError(`--map "${flag}": expected field=column, e.g. --map text=body`);
    if (!isMappableField(field)) throw unknownField(field, `--map "${flag}"`);
    (overrides[field] ??= []).push(column);
  }
  return overrides;
}

/** Reads a mapping file: a JSON object of field → column (or a list of candidate columns). */
export async function readMappingFile(path: string): Promise<Partial<ColumnMapping>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ImportError(`mapping file ${path}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ImportError(`mapping file ${path}: expected a JSON object such as {"text": "body", "published_at": "ts"}`);
  }
  const overrides: Partial<Record<MappableField, string[]>> = {};
  for (const [field, columns] of Object.entries(parsed)) {
    if (!isMappableField(field)) throw unknownField(field, `mapping file ${path}`);
    const list = typeof columns === 'string' ? [columns] : columns;
    if (!Array.isArray(list) || list.length === 0 || !list.every((c): c is string => typeof c === 'string' && c !== '')) {
      throw new ImportError(`mapping file ${path}: "${field}" must be a column name or a list of column names`);
    }
    overrides[field] = list;
  }
  return overrides;
}

/** The defaults with the overrides applied; later overrides win over earlier ones. */
export function buildMapping(...overrides: Partial<ColumnMapping>[]): ColumnMapping {
  return Object.assign({}, DEFAULT_MAPPING, ...overrides) as ColumnMapping;
}

/** Reads a possibly dotted column from a row; a literal key with dots wins over a path. */
export function readColumn(row: Record<string, unknown>, column: string): unknown {
  const direct = row[column];
  if (direct !== undefined || !column.includes('.')) return direct;
  let value: unknown = row;
  for (const part of column.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
