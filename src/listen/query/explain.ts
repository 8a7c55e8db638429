/**
 * Why a query matched a text (or not): a per-node true/false tree, each node with
 * the words of the text it matched, for `murmur topics test` and the dashboard.
 */
import { MATCH_BUDGET, WorkBudget } from './budget.ts';
import { matchContext, type Matchable, type MatchContext } from './context.ts';
import type { CompiledNode, CompiledQuery, Span } from './matcher.ts';

/** A stretch of the original text (UTF-16 offsets, end exclusive). */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface ExplainNode {
  /** The part of the query this node was parsed from. */
  query: string;
  kind: CompiledNode['node']['kind'];
  matched: boolean;
  /** Words of the text this node matched (empty for NOT and fields). */
  words: TextSpan[];
  children: ExplainNode[];
}

export interface Explanation {
  match: boolean;
  /** Words that made the whole query match, merged and in text order; empty when it did not match. */
  highlights: TextSpan[];
  tree: ExplainNode;
}

export function explainMatch(query: CompiledQuery, subject: Matchable): Explanation {
  const ctx = matchContext(subject);
  // Every node is tested and spanned once: a few times the work of a plain match.
  ctx.budget = new WorkBudget(4 * MATCH_BUDGET, query.source);
  const tree = explainNode(query.source, query.root, ctx);
  return { match: tree.matched, highlights: tree.matched ? tree.words : [], tree };
}

function explainNode(source: string, compiled: CompiledNode, ctx: MatchContext): ExplainNode {
  const merge = (spans: TextSpan[]) => mergeSpans(spans, ctx.doc.text);
  const { node } = compiled;
  const children = compiled.children.map((c) => explainNode(source, c, ctx));
  const matched = compiled.test(ctx);
  let words: TextSpan[] = [];
  if (compiled.spans) words = compiled.spans(ctx).flatMap((span) => span.parts ?? [span]).map((span) => textSpan(ctx, span));
  else if (node.kind === 'and' && matched) words = children.flatMap((c) => c.words);
  else if (node.kind === 'or') words = children.filter((c) => c.matched).flatMap((c) => c.words);
  return { query: source.slice(node.start, node.end), kind: node.kind, matched, words: merge(words), children };
}

function textSpan(ctx: MatchContext, span: Span): TextSpan {
  const start = ctx.doc.starts[span.start]!;
  const end = ctx.doc.ends[span.end]!;
  return { start, end, text: ctx.doc.text.slice(start, end) };
}

function mergeSpans(spans: TextSpan[], text: string): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { start: last.start, end: span.end, text: text.slice(last.start, span.end) };
    } else merged.push({ ...span });
  }
  return merged;
}
