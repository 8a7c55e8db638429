/** The sentiment train/val splits of ../shared/data/sentiment, one set per file. */
import type { SentimentLabel } from '../../src/core/mention.ts';
import { SHARED_DATA, readJsonLines } from './data.ts';

export const SENTIMENT_SETS = ['en', 'fr', 'de', 'it', 'pt', 'es', 'ar', 'hi', 'id', 'bg', 'bg_cinexio'] as const;
export type SentimentSet = (typeof SENTIMENT_SETS)[number];

export interface SentimentRow {
  text: string;
  label: SentimentLabel;
  /** The language the runtime is told: bg_cinexio reviews are Bulgarian like the bg tweets. */
  lang: string;
  set: SentimentSet;
}

export function loadSentiment(split: 'train' | 'val', sets: readonly SentimentSet[] = SENTIMENT_SETS): SentimentRow[] {
  return sets.flatMap((set) =>
    readJsonLines<{ text: string; label: SentimentLabel; lang: string }>(`${SHARED_DATA}sentiment/${set}.${split}.jsonl`).map(
      (row) => ({ text: row.text, label: row.label, lang: row.lang, set }),
    ),
  );
}
