/**
 * How many of the val posts' words find a lexicon entry, per scored language, with the lexicon the
 * trainer would build under the same environment (SENTIMENT_CLITICS, SENTIMENT_HINGLISH;
 * docs/nlp.md, "Lexicon coverage and slips"): `node --import tsx scripts/nlp/lexicon-coverage.ts`.
 */
import { foldText } from '../../src/core/text.ts';
import { Lexicon, valenceOf } from '../../src/nlp/lexicon.ts';
import { buildLexicon } from './build-lexicon.ts';
import { WORD } from './lexicon-evidence.ts';
import { loadSentiment } from './sentiment-data.ts';

const lexicon = Lexicon.parse(buildLexicon(null).rows.join('\n'), 'rebuilt lexicon');
const val = loadSentiment('val');
console.log('| lang | val words | with an entry |\n|---|--:|--:|');
for (const lang of [...new Set(val.map((row) => row.lang))]) {
  const own = lexicon.forLang(lang);
  let words = 0;
  let found = 0;
  for (const row of val.filter((r) => r.lang === lang)) {
    for (const word of foldText(row.text).match(WORD) ?? []) {
      words++;
      if (valenceOf(own, word) !== undefined) found++;
    }
  }
  console.log(`| ${lang} | ${words} | ${found} |`);
}
