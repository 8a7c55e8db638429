/**
 * Loads the shipped models once per process (synchronously: three small gzip
 * files, well under a second) and keeps them.
 */
import { LanguageDetector, type LangidMeta } from './langid.ts';
import { Lexicon } from './lexicon.ts';
import { readModelFile } from './model-file.ts';
import { SentimentAnalyzer, type SentimentMeta } from './sentiment.ts';
import { sourceFile } from '../core/package-root.ts';

export const MODEL_DIR = sourceFile('nlp', 'models');

export interface NlpModels {
  detector: LanguageDetector;
  analyzer: SentimentAnalyzer;
}

let cached: NlpModels | null = null;

/** Reads the models from `dir` (a fresh copy, e.g. to time the load or to try a retrained model). */
export function readModels(dir: string = MODEL_DIR): NlpModels {
  const lexicon = Lexicon.load(`${dir}/lexicon.tsv.gz`);
  return {
    detector: new LanguageDetector(readModelFile<LangidMeta>(`${dir}/langid.bin.gz`)),
    analyzer: new SentimentAnalyzer(readModelFile<SentimentMeta>(`${dir}/sentiment.bin.gz`), lexicon),
  };
}

/** The shipped models, loaded on first use. */
export function models(): NlpModels {
  return (cached ??= readModels());
}
