/**
 * A small multilingual behavioural test set for sentiment, in the spirit of CheckList
 * (Ribeiro et al., ACL 2020): minimal pairs per language (checklist/<lang>.jsonl) that
 * differ only by the phenomenon a capability names — a negation over a positive word, an
 * intensifier, a contrast "but", a price complaint without a negative word, a question, an
 * emoji that flips the tone, courtesy praise, irony. `checklistPassRates` scores any reader
 * on it per capability and language (`npm run bench:nlp`, docs/nlp.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SentimentLabel } from '../core/mention.ts';
import { sourceFile } from '../core/package-root.ts';

export const CHECKLIST_DIR = sourceFile('nlp', 'checklist');

export const CAPABILITIES = ['negation', 'intensifier', 'contrast', 'price_value', 'question', 'emoji', 'courtesy', 'irony'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ChecklistCase {
  id: string;
  /** The minimal pair (or set) the case belongs to: its texts differ only by the phenomenon. */
  group: string;
  lang: string;
  capability: Capability;
  text: string;
  expected: SentimentLabel;
}

/** Every case, by file (one file per language), in file order. */
export function loadChecklist(dir: string = CHECKLIST_DIR): ChecklistCase[] {
  return readCaseFiles<ChecklistCase>(dir);
}

/** The JSON lines of every .jsonl file directly in `dir`, files sorted by name (subfolders skipped). */
export function readCaseFiles<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as T),
    );
}

export interface PassRate {
  capability: Capability;
  lang: string;
  passed: number;
  cases: number;
}

/** Cases passed per (capability, language), capabilities in CAPABILITIES order, languages sorted. */
export function checklistPassRates(cases: readonly ChecklistCase[], analyze: (text: string, lang: string) => SentimentLabel): PassRate[] {
  const rates = new Map<string, PassRate>();
  for (const c of cases) {
    const key = `${c.capability}\u0000${c.lang}`;
    const rate = rates.get(key) ?? { capability: c.capability, lang: c.lang, passed: 0, cases: 0 };
    rate.cases++;
    if (analyze(c.text, c.lang) === c.expected) rate.passed++;
    rates.set(key, rate);
  }
  return [...rates.values()].sort((a, b) => CAPABILITIES.indexOf(a.capability) - CAPABILITIES.indexOf(b.capability) || a.lang.localeCompare(b.lang));
}
