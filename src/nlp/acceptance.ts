/**
 * Product acceptance cases for sentiment (checklist/acceptance/*.jsonl): sentences the product itself
 * shows, such as the demo's crisis post. A new model may not misread one that the shipped model reads
 * right (the trainer's ship gate, scripts/nlp/ship-gate.ts); never something to tune on, and
 * they stay out of the CheckList capability rates (checklist.ts), which must not hold the demo's text.
 */
import type { SentimentLabel } from '../core/mention.ts';
import { sourceFile } from '../core/package-root.ts';
import { readCaseFiles } from './checklist.ts';

const ACCEPTANCE_DIR = sourceFile('nlp', 'checklist', 'acceptance');

export interface AcceptanceCase {
  id: string;
  lang: string;
  text: string;
  expected: SentimentLabel;
  /** Where the product shows this sentence (so a change there is seen here). */
  source: string;
}

export interface AcceptanceFailure extends AcceptanceCase {
  got: SentimentLabel;
}

export function loadAcceptance(dir: string = ACCEPTANCE_DIR): AcceptanceCase[] {
  return readCaseFiles<AcceptanceCase>(dir);
}

/** The cases `analyze` reads wrong (empty: the reader may ship). */
export function acceptanceFailures(cases: readonly AcceptanceCase[], analyze: (text: string, lang: string) => SentimentLabel): AcceptanceFailure[] {
  return cases.flatMap((c) => {
    const got = analyze(c.text, c.lang);
    return got === c.expected ? [] : [{ ...c, got }];
  });
}
