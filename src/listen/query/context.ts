/**
 * What a query is matched against, analysed once per mention and shared by every
 * topic: ingestion runs all topics over each mention, and tokenising the text is
 * the expensive part, so the analysis of the mention last asked about is kept.
 */
import { domainOf, extractHandles } from '../../core/text.ts';
import { UNLIMITED, type WorkBudget } from './budget.ts';
import { analyzeText, type AnalyzedText } from './words.ts';

/** The parts of a mention a query can look at. `MentionInput` and `Mention` both fit. */
export interface Matchable {
  text: string;
  author?: { handle: string } | null;
  /** Detected language; `langHint` (the network's own) is used when it is missing. */
  lang?: string | null;
  langHint?: string | null;
  source?: string | null;
  url?: string | null;
}

/** A stored mention row as the matcher sees it (the network's language hint is not stored). */
export function matchableRow(row: { text: string; author_handle: string; lang: string | null; source: string; url: string | null }): Matchable {
  return { text: row.text, author: { handle: row.author_handle }, lang: row.lang, source: row.source, url: row.url };
}

export class MatchContext {
  readonly doc: AnalyzedText;
  /** What the query being matched may still spend (set per match by `CompiledQuery.matches`). */
  budget: WorkBudget = UNLIMITED;
  #handles: string[] | undefined;
  #link: { host: string; path: string } | null | undefined;
  #linkOf: string | null | undefined;

  constructor(readonly subject: Matchable) {
    this.doc = analyzeText(subject.text ?? '');
  }

  /** Handles @-mentioned in the text, lower-cased. */
  get handles(): string[] {
    const text = this.subject.text ?? '';
    return (this.#handles ??= text.includes('@') ? extractHandles(text) : []);
  }

  get authorHandle(): string | null {
    const handle = this.subject.author?.handle;
    return handle ? handle.toLowerCase().replace(/^@/, '') : null;
  }

  get lang(): string | null {
    return (this.subject.lang ?? this.subject.langHint)?.toLowerCase() ?? null;
  }

  /** Host without `www.` and the lower-cased path + query of the mention's link. */
  get link(): { host: string; path: string } | null {
    if (this.#link === undefined || this.#linkOf !== this.subject.url) {
      this.#linkOf = this.subject.url;
      this.#link = parseLink(this.subject.url);
    }
    return this.#link;
  }
}

// WHATWG URL parsing costs ~10 µs; plain ASCII http(s) links (nearly all) are cut
// with a regex instead, and `domainOf` (URL) handles the rest (IDN, odd forms).
const SIMPLE_URL = /^https?:\/\/([a-z0-9.-]+)(?::\d+)?([/?][^#]*)?(?:#.*)?$/i;

function parseLink(url: string | null | undefined): { host: string; path: string } | null {
  if (!url) return null;
  const simple = SIMPLE_URL.exec(url);
  if (simple) {
    const host = simple[1]!.toLowerCase().replace(/^www\./, '');
    if (host === '') return null;
    const rest = simple[2] ?? '/';
    return { host, path: (rest.startsWith('?') ? `/${rest}` : rest).toLowerCase() };
  }
  const host = domainOf(url);
  if (!host) return null;
  const parsed = new URL(url);
  return { host, path: `${parsed.pathname}${parsed.search}`.toLowerCase() };
}

// Ingestion asks every topic about one mention before moving to the next, so one
// remembered analysis gives full sharing. (A WeakMap keyed by mention measured
// slower: its entries are costly to collect, and batches make millions of them.)
let last: MatchContext | null = null;

/** The analysed form of `subject`, reused while the same object with the same text is asked about. */
export function matchContext(subject: Matchable): MatchContext {
  if (last !== null && last.subject === subject && last.doc.text === subject.text) return last;
  last = new MatchContext(subject);
  return last;
}
