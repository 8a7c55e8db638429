/**
 * Cuts a query into tokens. Operators are recognised only in upper case
 * (`AND`, `OR`, `NOT`, `NEAR/n`, `NEAR/nf`), as in Brandwatch: `and` is a word.
 */
import { QUERY_FIELDS, type QueryField } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';

export type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof'; start: number; end: number }
  | { type: 'near'; distance: number; ordered: boolean; start: number; end: number }
  /** `"…"` (straight or curly quotes), with `~n` when given. `text` is the inside. */
  | { type: 'phrase'; text: string; slop: number | null; start: number; end: number }
  /** `{BT}`: words matched with their exact case (Brandwatch's case-sensitive brackets). */
  | { type: 'braced'; text: string; start: number; end: number }
  /** A bare run of characters: a term, a hashtag (`#…`), a handle (`@…`) or a field value. */
  | { type: 'term'; text: string; start: number; end: number }
  /** `author:` and friends; the value is the next token. */
  | { type: 'field'; field: QueryField; start: number; end: number };

export type TokenType = Token['type'];

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_DISTANCE = 1000;

const FIELD_ALIASES: Record<string, QueryField> = {
  ...Object.fromEntries(QUERY_FIELDS.map((f) => [f, f])),
  language: 'lang',
};

const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const isSpace = (ch: string) => /\s/u.test(ch);
const endsTerm = (ch: string) => isSpace(ch) || ch === '(' || ch === ')' || ch === '{' || QUOTES.has(ch);

export function tokenize(query: string): Token[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(query, MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (query.startsWith('<<<', i)) {
      // Brandwatch-style comment: <<<why this exclusion exists>>>
      const close = query.indexOf('>>>', i + 3);
      if (close < 0) throw new QuerySyntaxError(query, i, 'this comment is never closed: expected >>>');
      i = close + 3;
    } else if (ch === '{') {
      const close = query.indexOf('}', i + 1);
      if (close < 0) throw new QuerySyntaxError(query, i, 'this "{" is never closed: expected "}"');
      tokens.push({ type: 'braced', text: query.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
    } else if (QUOTES.has(ch)) {
      const token = readPhrase(query, i);
      tokens.push(token);
      i = token.end;
    } else {
      let end = i;
      while (end < query.length && !endsTerm(query[end]!)) end++;
      tokens.push(...readWord(query, i, end));
      i = end;
    }
  }
  tokens.push({ type: 'eof', start: query.length, end: query.length });
  return tokens;
}

function readPhrase(query: string, start: number): Token {
  let close = start + 1;
  while (close < query.length && !QUOTES.has(query[close]!)) close++;
  if (close >= query.length) throw new QuerySyntaxError(query, start, 'this quote is never closed: expected a closing "');
  let end = close + 1;
  let slop: number | null = null;
  if (query[end] === '~') {
    const digits = /^\d+/.exec(query.slice(end + 1));
    if (!digits) throw new QuerySyntaxError(query, end + 1, 'expected a number of words after ~');
    slop = boundedNumber(query, end + 1, digits[0]);
    end += 1 + digits[0].length;
  }
  if (end < query.length && !endsTerm(query[end]!)) {
    throw new QuerySyntaxError(query, end, 'expected a space, ")" or an operator after the closing quote');
  }
  return { type: 'phrase', text: query.slice(start + 1, close), slop, start, end };
}

function boundedNumber(query: string, at: number, digits: string): number {
  const n = Number(digits);
  if (n > MAX_DISTANCE) throw new QuerySyntaxError(query, at, `a distance of at most ${MAX_DISTANCE} words is allowed`);
  return n;
}

function readWord(query: string, start: number, end: number): Token[] {
  const text = query.slice(start, end);
  if (text === 'AND' || text === 'OR' || text === 'NOT') {
    return [{ type: text === 'AND' ? 'and' : text === 'OR' ? 'or' : 'not', start, end }];
  }
  if (text.startsWith('NEAR')) {
    const near = /^NEAR\/(\d+)(f?)$/.exec(text);
    if (near) return [{ type: 'near', distance: boundedNumber(query, start + 5, near[1]!), ordered: near[2] === 'f', start, end }];
    if (text === 'NEAR' || text.startsWith('NEAR/')) {
      throw new QuerySyntaxError(query, start + Math.min(text.length, 5), 'expected a distance after NEAR, written NEAR/n or NEAR/nf (e.g. NEAR/3)');
    }
  }
  const field = /^([A-Za-z][A-Za-z_]*):/.exec(text);
  if (field && !text.startsWith(`${field[1]}://`)) {
    const name = FIELD_ALIASES[field[1]!.toLowerCase()];
    if (!name) {
      throw new QuerySyntaxError(
        query,
        start,
        `unknown field "${field[1]}:" (known: ${QUERY_FIELDS.map((f) => `${f}:`).join(' ')}); quote it to search the text: "${text}"`,
      );
    }
    const colon = start + field[0].length;
    const tokens: Token[] = [{ type: 'field', field: name, start, end: colon }];
    if (colon < end) tokens.push({ type: 'term', text: query.slice(colon, end), start: colon, end });
    return tokens;
  }
  return [{ type: 'term', text, start, end }];
}
