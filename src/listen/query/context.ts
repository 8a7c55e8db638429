/**
 * What a query is matched against, analysed once per mention and shared by every
 * topic: ingestion runs all topics over each mention, and tokenising the text is
 * the expensive part, so the analysis is memoised per mention object.
 */
import { domainOf, extractHandles } from '../../core/text.ts';
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

export class MatchContext {
  readonly doc: AnalyzedText;
  #handles: string[] | undefined;
  #link: { host: string; path: string } | null | undefined;
  #linkOf: string | null | undefined;

  constructor(readonly subject: Matchable) {
    this.doc = analyzeText(subject.text ?? '');
  }

  /** Handles @-mentioned in the text, lower-cased. */
  get handles(): string[] {
    return (this.#handles ??= extractHandles(this.subject.text ?? ''));
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
      const host = domainOf(this.subject.url);
      let path = '';
      if (host) {
        const url = new URL(this.subject.url!);
        path = `${url.pathname}${url.search}`.toLowerCase();
      }
      this.#link = host ? { host, path } : null;
    }
    return this.#link;
  }
}

const cache = new WeakMap<object, MatchContext>();

/** The analysed form of `subject`, computed once while the object and its text stay the same. */
export function matchContext(subject: Matchable): MatchContext {
  const cached = cache.get(subject);
  if (cached && cached.subject.text === subject.text && cached.doc.text === subject.text) return cached;
  const context = new MatchContext(subject);
  cache.set(subject, context);
  return context;
}
