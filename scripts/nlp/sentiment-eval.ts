/** Scoring a sentiment analyzer on the val splits, shared by the training script, its test and bench:nlp. */
import { fileURLToPath } from 'node:url';
import { SENTIMENT_LABELS, type SentimentAnalyzer } from '../../src/nlp/sentiment.ts';
import { atTemperature, expectedCalibrationError, fitTemperature, type Scored } from './calibration.ts';
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

/** Val rows as the model scores them at temperature 1 (log-probabilities) with their gold class. */
function scoredRows(analyzer: SentimentAnalyzer, val: readonly SentimentRow[]): Scored[] {
  return val.map((row) => ({
    logits: analyzer.probabilitiesAt(row.text, row.lang, 1).map((p) => Math.log(Math.max(p, 1e-12))),
    gold: SENTIMENT_LABELS.indexOf(row.label),
  }));
}

function fitOn(scored: readonly Scored[], val: readonly SentimentRow[]): { temperature: number; temperatures: Record<string, number> } {
  const temperatures: Record<string, number> = {};
  for (const lang of new Set(val.map((r) => r.lang))) temperatures[lang] = fitTemperature(scored.filter((_, i) => val[i]!.lang === lang));
  return { temperature: fitTemperature(scored), temperatures };
}

/**
 * Temperatures for languages the model has no head for, from labelled posts in them (the Mozetič
 * tweets of languages we do not train on). Those posts are two-class, so a neutral answer is never
 * wrong by them: they can tell that the model is too sure of a polarity, not that it should be surer
 * of anything. Each language's temperature is therefore never below `overall`, the one it would
 * get without (so one whose polar answers hold up keeps it: a Latin-script language mostly answers
 * neutral), and above it where the model is confidently wrong (Russian, read through the Bulgarian
 * tweets' Cyrillic, is answered polar nearly always).
 */
export function fitUntrainedTemperatures(analyzer: SentimentAnalyzer, rows: readonly SentimentRow[], overall: number): Record<string, number> {
  const neutral = SENTIMENT_LABELS.indexOf('neutral');
  const scored = scoredRows(analyzer, rows).map((r) => (r.gold === neutral ? r : { ...r, allowed: [r.gold, neutral] }));
  const temperatures: Record<string, number> = {};
  for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) temperatures[lang] = fitTemperature(scored.filter((_, i) => rows[i]!.lang === lang), overall);
  return temperatures;
}

/**
 * Cyrillic languages without a head and without labelled posts here take Russian's temperature: the
 * model reads them through the Bulgarian tweets' Cyrillic as it does Russian (at the shared
 * temperature it was sure of a polarity for 52 % of the Ukrainian and 64 % of the Macedonian UDHR
 * clauses, neutral legal text; `npm run eval:sentiment-untrained`), and Russian's posts are the ones
 * that measure how sure to be.
 */
export const CALIBRATED_LIKE: Readonly<Record<string, string>> = { uk: 'ru', mk: 'ru' };

/**
 * The temperatures of the languages a model with heads for `headed` has none for: fitted on their
 * labelled posts in `rows` (fitUntrainedTemperatures), or borrowed as CALIBRATED_LIKE says.
 */
export function untrainedTemperatures(analyzer: SentimentAnalyzer, rows: readonly SentimentRow[], overall: number, headed: readonly string[]): Record<string, number> {
  const temperatures = fitUntrainedTemperatures(analyzer, rows.filter((row) => !headed.includes(row.lang)), overall);
  for (const [lang, like] of Object.entries(CALIBRATED_LIKE)) {
    const t = temperatures[like];
    if (t !== undefined && !headed.includes(lang)) temperatures[lang] = t;
  }
  return temperatures;
}

/** One temperature for all languages and one per language, each minimising its val rows' log-loss. */
export function fitTemperatures(analyzer: SentimentAnalyzer, val: readonly SentimentRow[]): { temperature: number; temperatures: Record<string, number> } {
  return fitOn(scoredRows(analyzer, val), val);
}

export interface CalibrationFigures {
  /** ECE of the raw model (temperature 1). */
  raw: number;
  /** ECE with the analyzer's own temperatures (fitted on these very rows: optimistic). */
  calibrated: number;
  /** ECE with temperatures fitted on the other half of val (even/odd rows), pooled: the honest figure. */
  crossFitted: number;
}

/** Top-label ECE on val, over all scored sets together. */
export function calibrationOf(analyzer: SentimentAnalyzer, val: readonly SentimentRow[]): CalibrationFigures {
  const scored = scoredRows(analyzer, val);
  const gold = scored.map((r) => r.gold);
  const calibrated = val.map((row) => analyzer.probabilities(row.text, row.lang));
  const halves = [0, 1].map((h) => val.flatMap((_, i) => (i % 2 === h ? [i] : [])));
  const crossFitted: number[][] = new Array(val.length);
  halves.forEach((fitRows, h) => {
    const fitted = fitOn(fitRows.map((i) => scored[i]!), fitRows.map((i) => val[i]!));
    for (const i of halves[1 - h]!) crossFitted[i] = atTemperature([scored[i]!], fitted.temperatures[val[i]!.lang] ?? fitted.temperature)[0]!;
  });
  return {
    raw: round4(expectedCalibrationError(atTemperature(scored, 1), gold)),
    calibrated: round4(expectedCalibrationError(calibrated, gold)),
    crossFitted: round4(expectedCalibrationError(crossFitted, gold)),
  };
}

/** Where `npm run train:sentiment -- --ablation` writes the per-source table that bench:nlp prints. */
export const ABLATION_PATH = fileURLToPath(new URL('./sentiment-ablation.json', import.meta.url));

export interface AblationRecord {
  measured: string;
  command: string;
  /** The group weights the shipped model was trained with. */
  chosen: Record<string, number>;
  rows: { name: string; sets: Record<string, number>; mean: number; epoch?: number; ece: CalibrationFigures }[];
}
