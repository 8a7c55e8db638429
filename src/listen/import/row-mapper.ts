/**
 * One parsed row of an export (a JSON object, or a CSV record keyed by header) →
 * a MentionInput, or the Problem that rejects the row. Pure: no I/O, no clock
 * except the `now` it is given.
 */
import { createHash } from 'node:crypto';
import type { MentionInput } from '../../core/mention.ts';
import { readColumn, type ColumnMapping, type MappableField } from './column-mapping.ts';
import {
  LIMITS,
  Problem,
  isBlank,
  parseCount,
  parseDate,
  parseLang,
  parseSourceName,
  parseText,
  parseUrl,
} from './values.ts';

export interface RowMapperOptions {
  mapping: ColumnMapping;
  /** Source name for rows without a mapped source column. */
  source: string;
  /** "Now" for the future-date check; fixed for the whole import. */
  now: number;
}

/**
 * The id of a row that has none: a hash of what identifies a post, so importing
 * the same file again finds the same rows instead of duplicating them.
 */
export function derivedExternalId(source: string, author: string, publishedAt: number, text: string): string {
  const hash = createHash('sha256').update(`${source}\u0000${author}\u0000${publishedAt}\u0000${text}`).digest('hex');
  return `h:${hash.slice(0, 32)}`;
}

interface Found {
  column: string;
  value: unknown;
}

export type RowMapper = (row: unknown) => MentionInput | Problem;

export function createRowMapper(options: RowMapperOptions): RowMapper {
  const { mapping, now } = options;

  /** The first candidate column with a scalar value; objects are skipped (`author` may be `{handle…}`). */
  const find = (row: Record<string, unknown>, field: MappableField): Found | undefined => {
    for (const column of mapping[field]) {
      const value = readColumn(row, column);
      if (isBlank(value) || (typeof value === 'object' && value !== null)) continue;
      return { column, value };
    }
    return undefined;
  };
  const label = (field: MappableField, found: Found) => (found.column === field ? field : `${field} (column "${found.column}")`);
  const missing = (field: MappableField) =>
    new Problem(`missing ${field}: no value in ${mapping[field].map((c) => `"${c}"`).join(', ')} (choose one with --map ${field}=COLUMN)`);

  const count = (row: Record<string, unknown>, field: MappableField, absent: number | null): number | null | Problem => {
    const found = find(row, field);
    return found ? parseCount(label(field, found), found.value) : absent;
  };
  const optionalText = (row: Record<string, unknown>, field: MappableField, maxChars: number): string | null | Problem => {
    const found = find(row, field);
    if (!found) return null;
    const text = parseText(label(field, found), found.value, maxChars);
    return text instanceof Problem ? text : text.trim();
  };

  return (row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return new Problem(`row is not an object: ${Array.isArray(row) ? 'an array' : row === null ? 'null' : typeof row}`);
    }
    const record = row as Record<string, unknown>;

    const textFound = find(record, 'text');
    if (!textFound) return missing('text');
    const text = parseText(label('text', textFound), textFound.value, LIMITS.textChars);
    if (text instanceof Problem) return text;
    if (text.trim() === '') return missing('text');

    const dateFound = find(record, 'published_at');
    if (!dateFound) return missing('published_at');
    const publishedAt = parseDate(label('published_at', dateFound), dateFound.value, now);
    if (publishedAt instanceof Problem) return publishedAt;

    const handleText = optionalText(record, 'author', LIMITS.handleChars);
    if (handleText instanceof Problem) return handleText;
    const handle = handleText?.replace(/^@/, '');
    if (!handle) return missing('author');

    const sourceFound = find(record, 'source');
    const source = sourceFound ? parseSourceName(label('source', sourceFound), sourceFound.value) : options.source;
    if (source instanceof Problem) return source;

    const idText = optionalText(record, 'id', LIMITS.externalIdChars);
    if (idText instanceof Problem) return idText;

    const urlFound = find(record, 'url');
    const url = urlFound ? parseUrl(label('url', urlFound), urlFound.value) : null;
    if (url instanceof Problem) return url;

    const displayName = optionalText(record, 'author_name', LIMITS.displayNameChars);
    if (displayName instanceof Problem) return displayName;
    const parentId = optionalText(record, 'parent_id', LIMITS.externalIdChars);
    if (parentId instanceof Problem) return parentId;

    const followers = count(record, 'followers', null);
    if (followers instanceof Problem) return followers;
    const likes = count(record, 'likes', 0);
    if (likes instanceof Problem) return likes;
    const shares = count(record, 'shares', 0);
    if (shares instanceof Problem) return shares;
    const replies = count(record, 'replies', 0);
    if (replies instanceof Problem) return replies;
    const views = count(record, 'views', null);
    if (views instanceof Problem) return views;

    const langFound = find(record, 'lang');
    const langHint = langFound ? parseLang(label('lang', langFound), langFound.value) : null;
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
  };
}
