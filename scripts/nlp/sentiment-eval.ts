/** Scoring a sentiment analyzer on the val splits, shared by the training script and its test. */
import type { SentimentAnalyzer } from '../../src/nlp/sentiment.ts';
import { macroF1 } from './metrics.ts';
import { SENTIMENT_SETS, type SentimentRow } from './sentiment-data.ts';

/** Macro-F1 per set (bg: negative/positive only, see metrics.ts), in SENTIMENT_SETS order. */
export function evaluate(analyzer: SentimentAnalyzer, val: readonly SentimentRow[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const set of SENTIMENT_SETS) {
    const rows = val.filter((r) => r.set === set);
    scores.set(set, macroF1(rows.map((r) => r.label), rows.map((r) => analyzer.analyze(r.text, r.lang).label)));
  }
  return scores;
}

export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
