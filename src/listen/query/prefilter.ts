/**
 * SQL pre-filter: from a query, the words every matching mention must contain.
 * The store's full-text index narrows the candidates to rows holding all of them;
 * the exact matcher then decides. So the terms must never exclude a real match:
 * they may only over-approximate (a prefix for a glob, the parts of a handle).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Store } from '../../store/store.ts';
import type { FullTextTerm } from '../../store/store-driver.ts';
import type { QueryNode, WordPattern } from './ast.ts';
import { WORD_RUN } from './words.ts';

/** More terms add little selectivity but make the full-text query slower. */
const MAX_TERMS = 6;
/** Words the full-text tokenizers of both backends keep whole. */
const INDEXABLE = /^[\p{L}\p{M}\p{N}_]+$/u;

type TermSet = Map<string, FullTextTerm>;

/** Terms every match of `node` contains; empty when none can be derived (pure NOT, fields, OR of unrelated words). */
export function requiredTerms(node: QueryNode): FullTextTerm[] {
  return [...required(node).values()]
    .sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.word.length - a.word.length)
    .slice(0, MAX_TERMS);
}

/** The pre-filter condition on `mentions`, or null when the query gives none (callers scan by time range). */
export function candidateCondition(store: Store, node: QueryNode): Expression<SqlBool> | null {
  const terms = requiredTerms(node);
  const conditions = requiredFields(node).map(fieldCondition);
  if (terms.length > 0) conditions.unshift(store.driver.fullTextCondition(terms));
  if (conditions.length === 0) return null;
  return conditions.length === 1 ? conditions[0]! : sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

type FieldNode = Extract<QueryNode, { kind: 'field' }>;

/**
 * Field filters every match satisfies, limited to those SQL can check exactly like
 * the matcher: source, lang and site with plain ASCII values (SQLite's lower() only
 * folds ASCII). author: is left to the matcher, which also accepts '@'-prefixed handles.
 */
export function requiredFields(node: QueryNode): FieldNode[] {
  switch (node.kind) {
    case 'field':
      return node.field !== 'author' && node.field !== 'url' && /^[\x20-\x7e]+$/.test(node.value) && !/[*?]/.test(node.value) ? [node] : [];
    case 'and':
      return node.children.flatMap(requiredFields);
    default:
      return [];
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

function required(node: QueryNode): TermSet {
  switch (node.kind) {
    case 'phrase':
      return termSet(node.words.map(patternTerm));
    case 'hashtag':
      return termSet([patternTerm(node.tag)]);
    case 'handle': {
      if (/[*?]/.test(node.handle)) return new Map();
      const local = node.handle.split('@')[0]!;
      return termSet([...local.matchAll(WORD_RUN)].map((m) => ({ word: m[0], prefix: false })));
    }
    case 'and':
      return union(node.children.map(required));
    case 'near':
      return union([required(node.left), required(node.right)]);
    case 'or': {
      const [first, ...rest] = node.children.map(required);
      const common = new Map(first);
      for (const key of common.keys()) if (!rest.every((set) => set.has(key))) common.delete(key);
      return common;
    }
    case 'not':
    case 'field':
      return new Map();
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

function termSet(terms: (FullTextTerm | null)[]): TermSet {
  const set: TermSet = new Map();
  for (const term of terms) {
    if (term && INDEXABLE.test(term.word)) set.set(`${term.prefix ? 'p' : 'w'}:${term.word}`, term);
  }
  return set;
}

function union(sets: TermSet[]): TermSet {
  const all: TermSet = new Map();
  for (const set of sets) for (const [key, term] of set) all.set(key, term);
  return all;
}
