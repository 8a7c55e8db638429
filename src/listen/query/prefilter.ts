/**
 * SQL pre-filter: from a query, what every matching mention must contain, as a small
 * AND/OR formula of words and field values. The store's full-text index narrows the
 * candidates to rows satisfying it; the exact matcher then decides. So the formula
 * must never exclude a real match: it may only over-approximate (a prefix for a
 * glob, the parts of a handle, nothing at all for NOT).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Store } from '../../store/store.ts';
import type { FullTextTerm } from '../../store/store-driver.ts';
import type { QueryNode, WordPattern } from './ast.ts';
import { WORD_RUN } from './words.ts';

/** Terms per full-text lookup: more add little selectivity but slow the lookup down. */
const MAX_TERMS = 6;
/** Above this many words and fields in all, OR branches are dropped to keep the SQL small. */
const MAX_ITEMS = 32;
/** Words the full-text tokenizers of both backends keep whole. */
const INDEXABLE = /^[\p{L}\p{M}\p{N}_]+$/u;

type FieldNode = Extract<QueryNode, { kind: 'field' }>;

export type Requirement =
  | { kind: 'all' | 'any'; items: Requirement[] }
  | { kind: 'term'; term: FullTextTerm }
  | { kind: 'field'; node: FieldNode };

/** What every match of `node` satisfies, or null when nothing can be said (pure NOT, author: only…). */
export function requirement(node: QueryNode): Requirement | null {
  const full = derive(node);
  if (full === null || size(full) <= MAX_ITEMS) return full;
  // Too big: keep only the conjunctive part (still implied by every match).
  if (full.kind !== 'all') return null;
  const kept = full.items.filter((item) => item.kind !== 'any');
  return kept.length === 0 ? null : group('all', kept);
}

/** The pre-filter condition on `mentions`, or null when the query gives none (callers scan by time range). */
export function candidateCondition(store: Store, node: QueryNode): Expression<SqlBool> | null {
  const req = requirement(node);
  return req === null ? null : toSql(store, req);
}

/** A compact text form, e.g. `all(brewly, any(late, slow*), source=rss)`, for tests and logs. */
export function describeRequirement(req: Requirement | null): string {
  if (req === null) return 'none';
  switch (req.kind) {
    case 'term':
      return `${req.term.word}${req.term.prefix ? '*' : ''}`;
    case 'field':
      return `${req.node.field}=${req.node.value}`;
    default:
      return `${req.kind}(${req.items.map(describeRequirement).join(', ')})`;
  }
}

function derive(node: QueryNode): Requirement | null {
  switch (node.kind) {
    case 'phrase':
      return terms(node.words.map(patternTerm));
    case 'hashtag':
      return terms([patternTerm(node.tag)]);
    case 'handle':
      if (/[*?]/.test(node.handle)) return null;
      return terms([...node.handle.split('@')[0]!.matchAll(WORD_RUN)].map((m) => ({ word: m[0], prefix: false })));
    case 'field':
      return pushable(node) ? { kind: 'field', node } : null;
    case 'and': {
      const items = node.children.map(derive).filter((r): r is Requirement => r !== null);
      return items.length === 0 ? null : group('all', items);
    }
    case 'near': {
      const items = [derive(node.left), derive(node.right)].filter((r): r is Requirement => r !== null);
      return items.length === 0 ? null : group('all', items);
    }
    case 'or': {
      const items = node.children.map(derive);
      // One branch without a requirement lets any mention through.
      if (items.some((r) => r === null)) return null;
      return group('any', items as Requirement[]);
    }
    case 'not':
      return null;
  }
}

/**
 * Field filters SQL can check exactly like the matcher: source, lang and site with
 * plain ASCII values (SQLite's lower() only folds ASCII). author: is left to the
 * matcher, which also accepts '@'-prefixed handles.
 */
function pushable(node: FieldNode): boolean {
  return node.field !== 'author' && node.field !== 'url' && /^[\x20-\x7e]+$/.test(node.value) && !/[*?]/.test(node.value);
}

function group(kind: 'all' | 'any', items: Requirement[]): Requirement {
  const flat = items.flatMap((item) => (item.kind === kind ? item.items : [item]));
  const unique = [...new Map(flat.map((item) => [describeRequirement(item), item])).values()];
  return unique.length === 1 ? unique[0]! : { kind, items: unique };
}

function terms(list: (FullTextTerm | null)[]): Requirement | null {
  const items: Requirement[] = list.filter((t): t is FullTextTerm => t !== null && INDEXABLE.test(t.word)).map((term) => ({ kind: 'term', term }));
  return items.length === 0 ? null : group('all', items);
}

function size(req: Requirement): number {
  return req.kind === 'all' || req.kind === 'any' ? req.items.reduce((n, item) => n + size(item), 0) : 1;
}

function toSql(store: Store, req: Requirement): Expression<SqlBool> {
  switch (req.kind) {
    case 'term':
      return store.driver.fullTextCondition([req.term]);
    case 'field':
      return fieldCondition(req.node);
    case 'any':
      return sql<SqlBool>`(${sql.join(req.items.map((item) => toSql(store, item)), sql` or `)})`;
    case 'all': {
      // The words of an AND go to the full-text index in one lookup, the best few only:
      // exact words before prefixes, longer (rarer) first.
      const words = req.items
        .flatMap((item) => (item.kind === 'term' ? [item.term] : []))
        .sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.word.length - a.word.length)
        .slice(0, MAX_TERMS);
      const rest = req.items.filter((item) => item.kind !== 'term').map((item) => toSql(store, item));
      const conditions = words.length > 0 ? [store.driver.fullTextCondition(words), ...rest] : rest;
      return conditions.length === 1 ? conditions[0]! : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
    }
  }
}

function fieldCondition(node: FieldNode): Expression<SqlBool> {
  const value = node.value;
  switch (node.field) {
    case 'source':
      return sql<SqlBool>`lower(mentions.source) = ${value}`;
    case 'lang':
      // The matcher accepts the code itself and any subtag of it (pt → pt-BR, pt_BR).
      return sql<SqlBool>`(lower(mentions.lang) = ${value} or substr(lower(mentions.lang), 1, ${value.length + 1}) in (${`${value}-`}, ${`${value}_`}))`;
    default:
      // site: the domain itself or a subdomain (the stored domain is lower-case, without www.).
      // `value` is [a-z0-9.-] here, so it holds no LIKE wildcard.
      return sql<SqlBool>`(mentions.domain = ${value} or mentions.domain like ${`%.${value}`})`;
  }
}

function patternTerm(pattern: WordPattern): FullTextTerm | null {
  switch (pattern.kind) {
    case 'exact':
      return { word: pattern.word, prefix: false };
    case 'prefix':
      return pattern.prefix ? { word: pattern.prefix, prefix: true } : null;
    case 'glob': {
      const literal = /^[^*?]*/.exec(pattern.pattern)![0];
      return literal ? { word: literal, prefix: true } : null;
    }
  }
}
