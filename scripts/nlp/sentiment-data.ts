/**
 * The sentiment train/val splits: ../shared/data/sentiment (one set per file, the sets we score on)
 * and ../shared/data/sentiment-extra (more labelled posts, one source per file, train only here).
 */
import { existsSync } from 'node:fs';
import type { SentimentLabel } from '../../src/core/mention.ts';
import { SHARED_DATA, readJsonLines } from './data.ts';

export const SENTIMENT_SETS = ['en', 'fr', 'de', 'it', 'pt', 'es', 'ar', 'hi', 'id', 'bg', 'bg_cinexio'] as const;
export type SentimentSet = (typeof SENTIMENT_SETS)[number];

export interface SentimentRow {
  text: string;
  label: SentimentLabel;
  /** The language the runtime is told: bg_cinexio reviews are Bulgarian like the bg tweets. */
  lang: string;
  /** The scored set, or `<lang>.<source>` for a row of sentiment-extra. */
  set: SentimentSet | string;
  /** Extra rows only: the group of sources it belongs to (weighed and ablated together). */
  group?: ExtraGroup;
  /** The source labels positive/negative only (no neutral class). */
  twoClass?: boolean;
}

export function loadSentiment(split: 'train' | 'val', sets: readonly SentimentSet[] = SENTIMENT_SETS): SentimentRow[] {
  return sets.flatMap((set) =>
    readJsonLines<{ text: string; label: SentimentLabel; lang: string }>(`${SHARED_DATA}sentiment/${set}.${split}.jsonl`).map(
      (row) => ({ text: row.text, label: row.label, lang: row.lang, set }),
    ),
  );
}

// Mozetič tweets in the languages we score (en de es pt), and in the ten others, which can only teach
// the shared (all-language) weights.
const MOZETIC_SCORED = ['de', 'en', 'es', 'pt'];
const MOZETIC_OTHER = ['bs', 'hr', 'hu', 'pl', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv'];

/**
 * The files of ../shared/data/sentiment-extra we may train a shipped model on, by group. Left out on
 * their licences (see ../shared/data/sentiment-extra/SOURCES.md and ATTRIBUTION.md): es.intertass2017
 * and es.tass2012-general (TASS corpora were given out under a research licence agreement, and this
 * copy may not be a sanctioned redistribution), ar.astd (GPL-2.0: a model derived from it could not
 * ship under the terms the rest of the model ships under).
 */
export const EXTRA_GROUPS = {
  mozetic: { files: MOZETIC_SCORED.map((lang) => `${lang}.mozetic2016-twitter15`), twoClass: true },
  'mozetic-other': { files: MOZETIC_OTHER.map((lang) => `${lang}.mozetic2016-twitter15`), twoClass: true },
  'en.semeval': { files: ['en.semeval2013-16'], twoClass: false },
  'hi.sentimix': { files: ['hi.sentimix2020'], twoClass: false },
  'it.sentipolc': { files: ['it.sentipolc2016'], twoClass: false },
  'de.germeval': { files: ['de.germeval2017'], twoClass: false },
  'ar.semeval': { files: ['ar.semeval2017-ar'], twoClass: false },
  'fr.allocine': { files: ['fr.allocine-tvseries-reviews'], twoClass: true },
} as const;
export type ExtraGroup = keyof typeof EXTRA_GROUPS;
export const EXTRA_GROUP_NAMES = Object.keys(EXTRA_GROUPS) as ExtraGroup[];

/**
 * SentiMix text was rebuilt from CoNLL tokens, so its punctuation stands apart ("aren ’ t", "coming .");
 * this joins it back as the other sets write it ("aren’t", "coming.").
 */
export function detokenizeSentimix(text: string): string {
  return text.replace(/(\p{L}) ([’']) (?=\p{L})/gu, '$1$2').replace(/ +([.,!?…]+)(?= |$)/gu, '$1');
}

export const EXTRA_DIR = `${SHARED_DATA}sentiment-extra/`;

export function hasExtraData(): boolean {
  return existsSync(`${EXTRA_DIR}SOURCES.md`);
}

/** The rows of `groups`' files (train or val), tagged with their source and group. */
export function loadExtraSentiment(split: 'train' | 'val', groups: readonly ExtraGroup[] = EXTRA_GROUP_NAMES): SentimentRow[] {
  return groups.flatMap((group) =>
    EXTRA_GROUPS[group].files.flatMap((file) =>
      readJsonLines<{ text: string; label: SentimentLabel; lang: string }>(`${EXTRA_DIR}${file}.${split}.jsonl`).map((row) => ({
        text: row.text,
        label: row.label,
        lang: row.lang,
        set: file,
        group,
        twoClass: EXTRA_GROUPS[group].twoClass,
      })),
    ),
  );
}
