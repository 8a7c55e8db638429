/**
 * Compiles a QueryNode into closures. `test` answers "does it match?" as cheaply
 * as possible (map lookups, no allocation for plain words); `spans` lists where a
 * positional node occurs (word index ranges), which NEAR and explanations need.
 */
import type { QueryNode, WordPattern } from './ast.ts';
import { MATCH_BUDGET, WorkBudget } from './budget.ts';
import { matchContext, type Matchable, type MatchContext } from './context.ts';
import { parseQuery } from './parser.ts';
import { isHashtag, matchesPattern, occurrences, occursIn, wordPattern } from './words.ts';

/** Words `start`..`end` (inclusive) of the analysed text. */
export interface Span {
  start: number;
  end: number;
  /** For NEAR: the operand words inside the range (what explanations highlight). */
  parts?: Span[];
}

export interface CompiledNode {
  readonly node: QueryNode;
  readonly children: CompiledNode[];
  test(ctx: MatchContext): boolean;
  /** Where the node occurs; only positional nodes (words, phrases, hashtags, NEAR, OR of those) have spans. */
  spans: ((ctx: MatchContext) => Span[]) | null;
}

export interface CompiledQuery {
  readonly source: string;
  readonly ast: QueryNode;
  readonly root: CompiledNode;
  /**
   * Throws QueryBudgetError when matching needs more steps than `budget` (by default
   * MATCH_BUDGET for this one mention; pass one budget to bound a whole scan).
   */
  matches(subject: Matchable, budget?: WorkBudget): boolean;
}

/** Parses (when given text) and compiles a query. Throws QuerySyntaxError on a malformed query. */
export function compileQuery(query: string): CompiledQuery {
  const ast = parseQuery(query);
  const root = compileNode(ast);
  const matches = (subject: Matchable, budget = new WorkBudget(MATCH_BUDGET, query)): boolean => {
    const ctx = matchContext(subject);
    ctx.budget = budget;
    return root.test(ctx);
  };
  return { source: query, ast, root, matches };
}

export function compileNode(node: QueryNode): CompiledNode {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map(compileNode);
      return { node, children, spans: null, test: (ctx) => children.every((c) => c.test(ctx)) };
    }
    case 'or': {
      const children = node.children.map(compileNode);
      const positional = children.every((c) => c.spans);
      return {
        node,
        children,
        test: (ctx) => children.some((c) => c.test(ctx)),
        spans: positional ? (ctx) => spend(ctx, node, children.flatMap((c) => c.spans!(ctx))) : null,
      };
    }
    case 'not': {
      const child = compileNode(node.child);
      return { node, children: [child], spans: null, test: (ctx) => !child.test(ctx) };
    }
    case 'near':
      return compileNear(node);
    case 'phrase':
      return compilePhrase(node);
    case 'hashtag': {
      const spans = (ctx: MatchContext) =>
        occurrences(node.tag, ctx.doc, at(ctx, node))
          .filter((p) => isHashtag(ctx.doc, p))
          .map((p) => ({ start: p, end: p }));
      return { node, children: [], spans, test: (ctx) => occurrences(node.tag, ctx.doc, at(ctx, node)).some((p) => isHashtag(ctx.doc, p)) };
    }
    case 'handle': {
      const matches = handleMatcher(node.handle);
      return { node, children: [], spans: null, test: (ctx) => ctx.handles.some((h) => matches(h, at(ctx, node))) };
    }
    case 'field': {
      const test = fieldTest(node.field, node.value);
      return { node, children: [], spans: null, test: (ctx) => (at(ctx, node), test(ctx)) };
    }
  }
}

/** The context's budget, noting that `node` is the part of the query now spending it. */
function at(ctx: MatchContext, node: QueryNode): WorkBudget {
  ctx.budget.at = node;
  return ctx.budget;
}

/** Charges one step per span a node hands on (what its parent will loop over). */
function spend<T>(ctx: MatchContext, node: QueryNode, spans: T[]): T[] {
  at(ctx, node).spend(spans.length);
  return spans;
}

function leaf(node: QueryNode, test: (ctx: MatchContext) => boolean, spans: (ctx: MatchContext) => Span[]): CompiledNode {
  return { node, children: [], test, spans };
}

function compilePhrase(node: Extract<QueryNode, { kind: 'phrase' }>): CompiledNode {
  if (node.exactCase) return exactCase(node, node.exactCase);
  const { words, slop } = node;
  if (words.length === 1) {
    const word = words[0]!;
    return leaf(node, (ctx) => occursIn(word, ctx.doc, at(ctx, node)), (ctx) => occurrences(word, ctx.doc, at(ctx, node)).map((p) => ({ start: p, end: p })));
  }
  if (slop !== null) {
    const spans = (ctx: MatchContext) => proximitySpans(words, slop, ctx, at(ctx, node), false);
    return leaf(node, (ctx) => proximitySpans(words, slop, ctx, at(ctx, node), true).length > 0, spans);
  }
  const find = (ctx: MatchContext, first: boolean): Span[] => {
    const found: Span[] = [];
    const text = ctx.doc.words;
    const budget = at(ctx, node);
    for (const p of occurrences(words[0]!, ctx.doc, budget)) {
      if (p + words.length > text.length) break;
      let ok = true;
      for (let i = 1; i < words.length && ok; i++) {
        budget.spend(1);
        ok = matchesPattern(words[i]!, text[p + i]!, budget);
      }
      if (ok) {
        found.push({ start: p, end: p + words.length - 1 });
        if (first) break;
      }
    }
    return found;
  };
  return leaf(node, (ctx) => find(ctx, true).length > 0, (ctx) => find(ctx, false));
}

/** `{BT}`: the folded phrase, then each word compared with the text as written. */
function exactCase(node: Extract<QueryNode, { kind: 'phrase' }>, written: string[]): CompiledNode {
  const folded = compilePhrase({ ...node, exactCase: undefined });
  const nfc = written.map((w) => w.normalize('NFC'));
  const spans = (ctx: MatchContext) =>
    spend(ctx, node, folded.spans!(ctx)).filter((span) =>
      nfc.every((word, i) => ctx.doc.text.slice(ctx.doc.starts[span.start + i], ctx.doc.ends[span.start + i]).normalize('NFC') === word),
    );
  return leaf(node, (ctx) => folded.test(ctx) && spans(ctx).length > 0, spans);
}

/**
 * `"a b c"~n`: every word at a distinct position, in any order, inside a window of
 * `words.length + n` words, i.e. at most n other words among them.
 */
function proximitySpans(words: WordPattern[], slop: number, ctx: MatchContext, budget: WorkBudget, first: boolean): Span[] {
  // Rarest word first: a window without it fails at once instead of after trying
  // every placement of the common words (long texts full of "the").
  const lists = words.map((w) => occurrences(w, ctx.doc, budget)).sort((a, b) => a.length - b.length);
  if (lists[0]!.length === 0) return [];
  const width = words.length + slop;
  const rarest = lists[0]!;
  const holdsRarest = (start: number) => {
    const lo = firstAtLeast(rarest, start, itself);
    return lo < rarest.length && rarest[lo]! < start + width;
  };
  const starts = [...new Set(lists.flat())].filter(holdsRarest).sort((a, b) => a - b);
  budget.spend(starts.length);
  const found = new Map<string, Span>();
  for (const start of starts) {
    const limit = start + width - 1;
    const used = new Set<number>();
    // Only the positions inside the window: starting each list from its beginning made
    // two common words in a long text quadratic.
    const firsts = lists.map((list) => firstAtLeast(list, start, itself));
    const assign = (i: number, lo: number, hi: number): Span | null => {
      if (i === lists.length) return { start: lo, end: hi };
      const list = lists[i]!;
      for (let k = firsts[i]!; k < list.length && list[k]! <= limit; k++) {
        // Placements can multiply (many common words in a wide window): each one is paid for.
        budget.spend(1);
        const p = list[k]!;
        if (used.has(p)) continue;
        used.add(p);
        const span = assign(i + 1, Math.min(lo, p), Math.max(hi, p));
        used.delete(p);
        if (span) return span;
      }
      return null;
    };
    const span = assign(0, Number.MAX_SAFE_INTEGER, -1);
    if (span) {
      found.set(`${span.start}:${span.end}`, span);
      if (first) break;
    }
  }
  return [...found.values()];
}

const itself = (p: number) => p;

/** Index of the first item at or after `start` in `items`, ascending by `at`. */
function firstAtLeast<T>(items: readonly T[], start: number, at: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(items[mid]!) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compileNear(node: Extract<QueryNode, { kind: 'near' }>): CompiledNode {
  const left = compileNode(node.left);
  const right = compileNode(node.right);
  const { distance, ordered } = node;
  const find = (ctx: MatchContext, first: boolean): Span[] => {
    const ls = left.spans!(ctx);
    if (ls.length === 0) return [];
    const rs = right.spans!(ctx).sort((a, b) => a.start - b.start);
    if (rs.length === 0) return [];
    const budget = at(ctx, node);
    const longest = rs.reduce((m, r) => Math.max(m, r.end - r.start), 0);
    const found: Span[] = [];
    for (const l of ls) {
      // Only right spans starting in [l.start - distance - longest - 1, l.end + distance + 1] can qualify.
      const lo = ordered ? l.end + 1 : l.start - distance - longest - 1;
      const hi = l.end + distance + 1;
      for (let i = firstAtLeast(rs, lo, (span) => span.start); i < rs.length && rs[i]!.start <= hi; i++) {
        budget.spend(1);
        const r = rs[i]!;
        const gap = r.start > l.end ? r.start - l.end - 1 : !ordered && r.end < l.start ? l.start - r.end - 1 : -1;
        if (gap < 0 || gap > distance) continue;
        found.push({ start: Math.min(l.start, r.start), end: Math.max(l.end, r.end), parts: [...(l.parts ?? [l]), ...(r.parts ?? [r])] });
        if (first) return found;
      }
    }
    return found;
  };
  return { node, children: [left, right], test: (ctx) => find(ctx, true).length > 0, spans: (ctx) => find(ctx, false) };
}

/** Matches a lower-cased handle; `alice` matches `alice` and `alice@any.instance`, `alice@host` only itself. */
export function handleMatcher(pattern: string): (handle: string, budget?: WorkBudget) => boolean {
  const compiled: WordPattern = /[*?]/.test(pattern) ? wordPattern(pattern) : { kind: 'exact', word: pattern };
  const withInstance = pattern.includes('@');
  return (handle, budget) => {
    if (matchesPattern(compiled, handle, budget)) return true;
    if (withInstance) return false;
    const at = handle.indexOf('@');
    return at > 0 && matchesPattern(compiled, handle.slice(0, at), budget);
  };
}

function fieldTest(field: Extract<QueryNode, { kind: 'field' }>['field'], value: string): (ctx: MatchContext) => boolean {
  switch (field) {
    case 'author': {
      const matches = handleMatcher(value);
      return (ctx) => {
        const handle = ctx.authorHandle;
        return handle !== null && matches(handle, ctx.budget);
      };
    }
    case 'lang':
      return (ctx) => {
        const lang = ctx.lang;
        return lang !== null && (lang === value || lang.startsWith(`${value}-`) || lang.startsWith(`${value}_`));
      };
    case 'source': {
      const pattern = wordPattern(value);
      return (ctx) => ctx.subject.source != null && matchesPattern(pattern, ctx.subject.source.toLowerCase(), ctx.budget);
    }
    case 'site':
      return (ctx) => {
        const host = ctx.link?.host;
        return host !== undefined && (host === value || host.endsWith(`.${value}`));
      };
    case 'url': {
      const slash = value.indexOf('/');
      const host = slash < 0 ? value : value.slice(0, slash);
      const path = slash < 0 ? '' : value.slice(slash);
      return (ctx) => {
        const link = ctx.link;
        return link !== null && (link.host === host || link.host.endsWith(`.${host}`)) && link.path.startsWith(path);
      };
    }
  }
}
