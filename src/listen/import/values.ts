/**
 * Parsing one cell of an export into the type a Mention field needs. Each parser
 * returns the value, or a `Problem` naming what was wrong, so a bad cell rejects
 * its row with a reason instead of being stored half-right.
 */

import { languageTag } from '../../core/lang-tag.ts';

/** Why a value was refused; becomes the reject reason of its row. */
export class Problem {
  constructor(readonly message: string) {}
}

/** Limits on one row. Larger values are rejected, never truncated (truncation would be silent data loss). */
export const LIMITS = {
  textChars: 100_000,
  handleChars: 256,
  displayNameChars: 512,
  externalIdChars: 512,
  urlChars: 4096,
  sourceChars: 64,
  /** Earliest plausible publication date; anything older is a parsing accident (e.g. epoch 0). */
  earliestPublished: Date.UTC(1990, 0, 1),
  /** Clock skew tolerated for dates in the future. */
  futureSkewMs: 2 * 24 * 3600 * 1000,
} as const;

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * A scalar as text; objects and arrays are refused (they would be stored as "[object Object]").
 * So is text the stores cannot keep as it is: U+0000 (PostgreSQL refuses it, SQLite would keep
 * it, and the same file must give the same result on both) and unpaired UTF-16 surrogates
 * (both stores would write U+FFFD instead).
 */
export function parseText(field: string, value: unknown, maxChars: number): string | Problem {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else return new Problem(`${field}: expected text, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  if (text.length > maxChars) {
    return new Problem(`${field}: ${text.length.toLocaleString('en')} characters, over the limit of ${maxChars.toLocaleString('en')}`);
  }
  if (text.includes('\u0000')) return new Problem(`${field}: contains a NUL character (U+0000), which cannot be stored`);
  if (!(text as WellFormed).isWellFormed()) return new Problem(`${field}: contains an unpaired UTF-16 surrogate (broken \\uD800-\\uDFFF escape), which is not valid Unicode`);
  return text;
}

/** ES2024 (Node 20): TypeScript's ES2023 lib does not declare it yet. */
type WellFormed = string & { isWellFormed(): boolean };

/**
 * An id (`id`, `parent_id`) as a number JSON.parse could not read exactly (beyond 2^53):
 * `prepareRows` parses the line again keeping long integers as text (json-line.ts). Still
 * a number after that, it was written in a form that loses digits (`1.2345e+21`,
 * `123456789012345678.0`) and rejects the row.
 */
export class LossyNumber extends Problem {}

/** An id: text, or a whole number read exactly. */
export function parseId(field: string, value: unknown, maxChars: number): string | Problem {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    return new LossyNumber(`${field}: the number ${describe(value)} cannot be read without losing digits; write the id as a string`);
  }
  return parseText(field, value, maxChars);
}

const INTEGER_TEXT = /^\d{1,3}(?:[,_]\d{3})+$|^\d+(?:\.0+)?$/;

/** A non-negative integer count: a number, or text such as `1234`, `1,234`, `12.0`. */
export function parseCount(field: string, value: unknown): number | Problem {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!INTEGER_TEXT.test(trimmed)) return new Problem(`${field}: expected a non-negative whole number, got ${describe(value)}`);
    n = Number(trimmed.replace(/[,_]/g, ''));
  } else return new Problem(`${field}: expected a non-negative whole number, got ${describe(value)}`);
  if (!Number.isSafeInteger(n) || n < 0) return new Problem(`${field}: expected a non-negative whole number, got ${describe(value)}`);
  return n;
}

// A date-time without a zone is read as UTC, never as the importing machine's local time.
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const SLASHED = /^\d{1,2}\/\d{1,2}\/\d{2,4}\b/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;
const HAS_ZONE = /\b(?:UTC|GMT)\b|[+-]\d{2}:?\d{2}\b/i;

/**
 * Epoch ms of a publication date: ISO 8601, RFC 2822 / Twitter's `Wed Oct 10 20:19:24
 * +0000 2018`, `March 1, 2026 10:00`, or epoch seconds / milliseconds (number or text).
 * A time without a zone is UTC, never the importing machine's local time; `01/03/2026`
 * is refused as ambiguous.
 */
export function parseDate(field: string, value: unknown, now: number): number | Problem {
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value.trim()))) {
    const n = Number(value);
    // Below 10^11 it can only be seconds (10^11 ms is 1973; 10^11 s is year 5138).
    ms = Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (SLASHED.test(text)) return new Problem(`${field}: ambiguous date ${describe(value)} (day/month or month/day?); use ISO 8601, e.g. 2026-03-01T10:00:00Z`);
    if (ZONELESS.test(text)) ms = Date.parse(`${text.replace(' ', 'T')}Z`);
    else if (ISO_DATE.test(text) || HAS_ZONE.test(text) || !/\d:\d/.test(text)) ms = Date.parse(text);
    else ms = Date.parse(`${text} UTC`);
  } else {
    return new Problem(`${field}: expected a date, got ${describe(value)}`);
  }
  if (!Number.isFinite(ms)) return new Problem(`${field}: unparseable date ${describe(value)}`);
  if (typeof value === 'string' && !isCalendarDate(value)) return new Problem(`${field}: no such day: ${describe(value)}`);
  if (ms < LIMITS.earliestPublished) return new Problem(`${field}: date ${describe(value)} is before 1990`);
  if (ms > now + LIMITS.futureSkewMs) return new Problem(`${field}: date ${describe(value)} is in the future`);
  return ms;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_START = /^\s*\d{4}-\d{2}-\d{2}/;
const MONTH_DAY = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{1,2})(?!\d|:)/i;
const DAY_MONTH = /(?<![\d:])(\d{1,2})\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const YEAR = /(?<![\d:+-])(\d{4})(?![\d:])/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Whether the day written exists: Date.parse rolls `2026-02-30` and `Feb 30 2026` over to
 * March 2 instead of refusing them. Checks the day and month as written (before any zone
 * offset moves the instant), for ISO dates and dates with a month name.
 */
function isCalendarDate(text: string): boolean {
  if (ISO_START.test(text)) {
    // By character codes (no match array, no closure): this runs for every imported row.
    const at = text.length - text.trimStart().length;
    const month = (text.charCodeAt(at + 5) - 48) * 10 + text.charCodeAt(at + 6) - 48;
    const day = (text.charCodeAt(at + 8) - 48) * 10 + text.charCodeAt(at + 9) - 48;
    if (month < 1 || month > 12 || day < 1) return false;
    return day <= 28 || day <= daysIn(Number(text.slice(at, at + 4)), month);
  }
  let month: number;
  let day: number;
  const monthDay = MONTH_DAY.exec(text);
  const dayMonth = monthDay ? null : DAY_MONTH.exec(text);
  if (monthDay) [month, day] = [MONTHS.indexOf(monthDay[1]!.toLowerCase()) + 1, Number(monthDay[2])];
  else if (dayMonth) [month, day] = [MONTHS.indexOf(dayMonth[2]!.toLowerCase()) + 1, Number(dayMonth[1])];
  else return true;
  const year = YEAR.exec(text);
  // Without a year (rare), Feb 29 is given the benefit of the doubt.
  return day >= 1 && day <= daysIn(year ? Number(year[1]) : 2024, month);
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export function parseUrl(field: string, value: unknown): string | Problem {
  const text = parseText(field, value, LIMITS.urlChars);
  if (text instanceof Problem) return text;
  const trimmed = text.trim();
  if (!HTTP_URL.test(trimmed)) return new Problem(`${field}: not an http(s) URL: ${describe(value)}`);
  return trimmed;
}

const NO_LANGUAGE = /^(?:und|mul|zxx|mis)(?:[-_]|$)/i;

/**
 * A language tag such as `fr`, `pt-BR`, `pt_br`: kept as the network's tag in BCP 47 case
 * (`languageTag`, stored as `source_lang`); null for a tag that names no language (`und`).
 */
export function parseLang(field: string, value: unknown): string | null | Problem {
  const tag = languageTag(value);
  if (tag !== null) return tag;
  if (typeof value === 'string' && NO_LANGUAGE.test(value.trim())) return null;
  return new Problem(`${field}: not a language code: ${describe(value)}`);
}

const SOURCE_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/** A source name (`mastodon`, `import`, `brandwatch-export`): lower-case, no spaces. */
export function parseSourceName(field: string, value: unknown): string | Problem {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (!SOURCE_NAME.test(text) || text.length > LIMITS.sourceChars) {
    return new Problem(`${field}: not a source name (lower-case letters, digits, . _ -): ${describe(value)}`);
  }
  return text;
}
