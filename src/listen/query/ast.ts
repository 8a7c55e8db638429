/**
 * The typed syntax tree of a topic query. Every node keeps the character range
 * it came from (`start` inclusive, `end` exclusive, UTF-16 offsets into the
 * query) so errors and `topics test` can point back at the query text.
 */

export interface SourceRange {
  start: number;
  end: number;
}

/** One word of a term or phrase, folded (case and diacritics removed). */
export type WordPattern =
  | { kind: 'exact'; word: string }
  /** `deliv*`: the word starts with `prefix` (zero or more characters follow). */
  | { kind: 'prefix'; prefix: string }
  /** `colo?r`, `b*ing`: `?` is exactly one character, `*` zero or more. */
  | { kind: 'glob'; pattern: string };

export const QUERY_FIELDS = ['author', 'lang', 'source', 'site', 'url'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export type QueryNode =
  | ({ kind: 'and'; children: QueryNode[] } & SourceRange)
  | ({ kind: 'or'; children: QueryNode[] } & SourceRange)
  | ({ kind: 'not'; child: QueryNode } & SourceRange)
  /** `left NEAR/n right`: at most `distance` words between; `ordered` for NEAR/nf. */
  | ({ kind: 'near'; left: QueryNode; right: QueryNode; distance: number; ordered: boolean } & SourceRange)
  /**
   * A sequence of words in order. A plain term is a one-word phrase; a term with
   * punctuation (`coca-cola`, `brewly.com`) is a phrase of its parts.
   * `slop` is set for `"a b"~n`: the words in any order with at most n other words among them.
   * `exactCase` (from `{BT}`) holds the words as written: the text must spell them the same way.
   */
  | ({ kind: 'phrase'; words: WordPattern[]; quoted: boolean; slop: number | null; exactCase?: string[] } & SourceRange)
  | ({ kind: 'hashtag'; tag: WordPattern } & SourceRange)
  /** `@handle` or Mastodon's `@user@instance`, lower-cased, without the leading '@'. */
  | ({ kind: 'handle'; handle: string } & SourceRange)
  | ({ kind: 'field'; field: QueryField; value: string } & SourceRange);

export type QueryNodeKind = QueryNode['kind'];

/** Nodes that occupy word positions in the text, so NEAR can measure distances between them. */
export function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'phrase':
    case 'hashtag':
    case 'near':
      return true;
    case 'or':
      return node.children.every(isPositional);
    default:
      return false;
  }
}
