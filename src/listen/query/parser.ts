/**
 * Recursive-descent parser: query text → QueryNode. Precedence, loosest first:
 *   OR  <  AND (explicit or implied by juxtaposition; `a NOT b` is `a AND NOT b`)  <  NOT  <  NEAR/n
 * so `a b OR c` is `(a AND b) OR c` and `NOT a NEAR/2 b` is `NOT (a NEAR/2 b)`.
 */
import { isPositional, type QueryField, type QueryNode, type SourceRange } from './ast.ts';
import { QuerySyntaxError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';
import { QUERY_WORD_RUN, wordPattern } from './words.ts';

const MAX_DEPTH = 100;

export function parseQuery(query: string): QueryNode {
  return new Parser(query).parse();
}

class Parser {
  readonly #query: string;
  readonly #tokens: Token[];
  #at = 0;
  #depth = 0;

  constructor(query: string) {
    this.#query = query;
    this.#tokens = tokenize(query);
  }

  parse(): QueryNode {
    if (this.#peek().type === 'eof') throw this.#error(0, 'the query is empty: expected a term, a "phrase" or a field such as author:');
    const node = this.#parseOr();
    const next = this.#peek();
    if (next.type === 'rparen') throw this.#error(next.start, 'unexpected ")": it has no matching "("');
    if (next.type !== 'eof') throw this.#error(next.start, `unexpected ${describe(next)}`);
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#at]!;
  }

  #next(): Token {
    const token = this.#tokens[this.#at]!;
    if (token.type !== 'eof') this.#at++;
    return token;
  }

  #error(offset: number, problem: string): QuerySyntaxError {
    return new QuerySyntaxError(this.#query, offset, problem);
  }

  #parseOr(): QueryNode {
    const children = [this.#parseAnd(null)];
    while (this.#peek().type === 'or') children.push(this.#parseAnd(this.#next()));
    return group('or', children);
  }

  #parseAnd(after: Token | null): QueryNode {
    const children = [this.#parseOperand(after)];
    for (;;) {
      const next = this.#peek();
      if (next.type === 'and') children.push(this.#parseOperand(this.#next()));
      else if (startsOperand(next)) children.push(this.#parseOperand(null));
      else break;
    }
    return group('and', children);
  }

  #parseOperand(after: Token | null): QueryNode {
    const token = this.#peek();
    if (token.type === 'not') {
      this.#next();
      const child = this.#parseOperand(token);
      return { kind: 'not', child, start: token.start, end: child.end };
    }
    return this.#parseNear(after);
  }

  #parseNear(after: Token | null): QueryNode {
    let left = this.#parsePrimary(after);
    while (this.#peek().type === 'near') {
      const op = this.#next() as Extract<Token, { type: 'near' }>;
      const right = this.#parsePrimary(op);
      for (const operand of [left, right]) {
        if (!isPositional(operand)) {
          throw this.#error(
            operand.start,
            `${this.#text(op)} can only join words, "phrases", #hashtags and (…OR…) groups of them, not ${describeNode(operand)}`,
          );
        }
      }
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered, start: left.start, end: right.end };
    }
    return left;
  }

  #parsePrimary(after: Token | null): QueryNode {
    const token = this.#next();
    switch (token.type) {
      case 'lparen': {
        if (++this.#depth > MAX_DEPTH) throw this.#error(token.start, `parentheses nest deeper than ${MAX_DEPTH} levels`);
        if (this.#peek().type === 'rparen') throw this.#error(this.#peek().start, 'empty parentheses: expected a term inside "()"');
        const inner = this.#parseOr();
        const close = this.#next();
        if (close.type !== 'rparen') {
          throw this.#error(close.start, `expected ")" to close the "(" at position ${this.#position(token.start)}, found ${describe(close)}`);
        }
        this.#depth--;
        return { ...inner, start: token.start, end: close.end };
      }
      case 'phrase':
        return this.#phrase(token.text, token.start + 1, token, true, token.slop);
      case 'braced':
        return this.#exactCase(token);
      case 'term':
        return this.#term(token);
      case 'field':
        return this.#field(token);
      default: {
        const where = after ? `after ${describe(after)}` : this.#at <= 1 ? 'at the start of the query' : `before ${describe(token)}`;
        throw this.#error(token.start, `expected a term or "(" ${where}${after || this.#at > 1 ? '' : `, found ${describe(token)}`}`);
      }
    }
  }

  #position(offset: number): number {
    return [...this.#query.slice(0, offset)].length + 1;
  }

  #text(range: SourceRange): string {
    return this.#query.slice(range.start, range.end);
  }

  /** Words of a term or phrase (`text` starts at `offset` in the query) → a phrase node. */
  #phrase(text: string, offset: number, range: SourceRange, quoted: boolean, slop: number | null): QueryNode {
    const words = [];
    for (const piece of text.matchAll(QUERY_WORD_RUN)) {
      if (piece[0][0] === '*' || piece[0][0] === '?') {
        throw this.#error(offset + piece.index, 'a word cannot start with a wildcard (* or ?): put at least one letter before it');
      }
      words.push(wordPattern(piece[0]));
    }
    if (words.length === 0) {
      const empty = this.#query[range.start] === '{' ? 'empty {}: expected words inside' : 'empty phrase: expected words between the quotes';
      throw this.#error(range.start, quoted ? empty : `"${text}" has no letters or digits to search for`);
    }
    return { kind: 'phrase', words, quoted, slop, start: range.start, end: range.end };
  }

  /** `{BT}`: the words as written, case and accents included. */
  #exactCase(token: Extract<Token, { type: 'braced' }>): QueryNode {
    const wildcard = /[*?]/.exec(token.text);
    if (wildcard) throw this.#error(token.start + 1 + wildcard.index, 'wildcards cannot be used inside {…}: it matches words exactly as written');
    const node = this.#phrase(token.text, token.start + 1, token, true, null);
    if (node.kind !== 'phrase') throw new Error('unreachable');
    return { ...node, exactCase: [...token.text.matchAll(QUERY_WORD_RUN)].map((m) => m[0]) };
  }

  #term(token: Extract<Token, { type: 'term' }>): QueryNode {
    const { text, start } = token;
    if (text.startsWith('#')) {
      const tag = text.slice(1);
      if (tag === '') throw this.#error(start + 1, 'expected a hashtag after "#"');
      if (/^[*?]/.test(tag)) throw this.#error(start + 1, 'a hashtag cannot start with a wildcard (* or ?)');
      if (!/^[\p{L}\p{M}\p{N}_*?]+$/u.test(tag)) {
        throw this.#error(start, `"${text}" is not a hashtag: a hashtag holds only letters, digits and _`);
      }
      return { kind: 'hashtag', tag: wordPattern(tag), start, end: token.end };
    }
    if (text.startsWith('@')) {
      return { kind: 'handle', handle: this.#handle(text.slice(1), start + 1), start, end: token.end };
    }
    if (/^-[\p{L}\p{N}]/u.test(text)) {
      throw this.#error(start, `to exclude a word use NOT: NOT ${text.slice(1)}`);
    }
    const tilde = /~\d*$/.exec(text);
    if (tilde) throw this.#error(start + tilde.index, `~n applies to a quoted phrase, e.g. "${text.slice(0, tilde.index)} …"~5`);
    return this.#phrase(text, start, token, false, null);
  }

  #handle(handle: string, offset: number): string {
    if (handle === '') throw this.#error(offset, 'expected a handle after "@"');
    if (/^[*?]/.test(handle)) throw this.#error(offset, 'a handle cannot start with a wildcard (* or ?)');
    if (!/^[\p{L}\p{N}_][\p{L}\p{N}_.*?-]*(@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+)?$/u.test(handle)) {
      throw this.#error(offset, `"@${handle}" is not a handle: expected @name or @name@instance.example`);
    }
    return handle.toLowerCase();
  }

  #field(token: Extract<Token, { type: 'field' }>): QueryNode {
    const value = this.#next();
    const name = this.#text(token);
    if (value.start !== token.end) throw this.#error(token.end, `expected a value right after ${name} (no space)`);
    if (value.type === 'term' || value.type === 'phrase') return this.#fieldValue(token.field, value, token.start);
    if (value.type !== 'lparen') throw this.#error(value.start, `expected a value after ${name}`);
    // author:(alice OR bob): a list of values joined by OR.
    const children: QueryNode[] = [];
    for (;;) {
      const item = this.#next();
      if (item.type !== 'term' && item.type !== 'phrase') throw this.#error(item.start, `expected a value for ${name} inside "(…)", found ${describe(item)}`);
      children.push(this.#fieldValue(token.field, item, item.start));
      const sep = this.#next();
      if (sep.type === 'rparen') return { ...group('or', children), start: token.start, end: sep.end };
      if (sep.type !== 'or') throw this.#error(sep.start, `expected OR or ")" between values of ${name}, found ${describe(sep)}`);
    }
  }

  #fieldValue(field: QueryField, token: Extract<Token, { type: 'term' | 'phrase' }>, start: number): QueryNode {
    const raw = token.text.trim();
    const at = token.type === 'phrase' ? token.start + 1 : token.start;
    if (raw === '') throw this.#error(at, `expected a value after ${field}:`);
    if (/^[*?]/.test(raw)) throw this.#error(at, `a ${field}: value cannot start with a wildcard (* or ?)`);
    let value = raw.toLowerCase();
    switch (field) {
      case 'author':
        value = this.#handle(value.replace(/^@/, ''), at);
        break;
      case 'lang':
        if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(value)) throw this.#error(at, `expected a language code such as en, fr or pt-br after lang:, found "${raw}"`);
        break;
      case 'source':
        if (!/^[\p{L}\p{N}_.*?-]+$/u.test(value)) throw this.#error(at, `expected a source name such as mastodon or rss after source:, found "${raw}"`);
        break;
      case 'site':
      case 'url': {
        value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
        const [host, ...path] = value.split('/');
        if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u.test(host ?? '')) throw this.#error(at, `expected a domain such as example.com after ${field}:, found "${raw}"`);
        if (field === 'site' && path.length > 0) throw this.#error(at, `site: takes a domain only; use url:${value} to match a path`);
        break;
      }
    }
    return { kind: 'field', field, value, start, end: token.end };
  }
}

function startsOperand(token: Token): boolean {
  return token.type === 'term' || token.type === 'phrase' || token.type === 'braced' || token.type === 'lparen' || token.type === 'not' || token.type === 'field';
}

function group(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0]!;
  return { kind, children, start: children[0]!.start, end: children.at(-1)!.end };
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the query';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'and':
      return 'AND';
    case 'or':
      return 'OR';
    case 'not':
      return 'NOT';
    case 'near':
      return `NEAR/${token.distance}${token.ordered ? 'f' : ''}`;
    case 'phrase':
      return `"${token.text}"`;
    case 'braced':
      return `{${token.text}}`;
    case 'term':
      return `"${token.text}"`;
    case 'field':
      return `${token.field}:`;
  }
}

function describeNode(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
      return 'an AND group';
    case 'or':
      return 'an OR group holding something other than words';
    case 'not':
      return 'NOT';
    case 'handle':
      return 'an @handle';
    case 'field':
      return `the field ${node.field}:`;
    default:
      return node.kind;
  }
}
