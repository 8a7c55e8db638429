/**
 * `npm run eval:sentiment-untrained [MODEL_DIR]`: how the sentiment model reads languages it has no
 * head for, on the two-class Mozetič val tweets of ten of them (../shared/data/sentiment-extra,
 * not trained on). Per language: how often it answers neutral, how often its polar answers are right,
 * the share it marks "not sure" (the product's rule, figure-definitions.ts), and the share it gives
 * the wrong polarity while sure: the answers a user would take at face value and be misled by.
 * Then, on UDHR clauses (neutral legal text, udhr-data.ts) in those and other languages, the share
 * read as a polarity with confidence: what a neutral post in that language risks.
 */
import { readModels } from '../../src/nlp/models.ts';
import { isNotSure } from '../../src/watch/figure-definitions.ts';
import { loadExtraSentiment } from './sentiment-data.ts';
import { loadUdhr } from './udhr-data.ts';

const dir = process.argv[2];
const { analyzer } = dir ? readModels(dir) : readModels();
const rows = loadExtraSentiment('val', ['mozetic-other']);
const pct = (x: number, n: number) => (n ? (100 * x) / n : 0).toFixed(1);

console.log('| lang (n) | temperature | answered neutral % | polar answers right % | not sure % | sure and the wrong polarity % |');
console.log('|---|--:|--:|--:|--:|--:|');
const total = { n: 0, sureWrong: 0, notSure: 0 };
for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) {
  const mine = rows.filter((r) => r.lang === lang);
  let neutral = 0;
  let right = 0;
  let notSure = 0;
  let sureWrong = 0;
  for (const row of mine) {
    const sentiment = analyzer.analyze(row.text, lang);
    const unsure = isNotSure(sentiment.probabilities);
    if (unsure) notSure++;
    if (sentiment.label === 'neutral') neutral++;
    else if (sentiment.label === row.label) right++;
    else if (!unsure) sureWrong++;
  }
  total.n += mine.length;
  total.sureWrong += sureWrong;
  total.notSure += notSure;
  console.log(`| ${lang} (${mine.length}) | ${analyzer.temperatureFor(lang)} | ${pct(neutral, mine.length)} | ${pct(right, mine.length - neutral)} | ${pct(notSure, mine.length)} | ${pct(sureWrong, mine.length)} |`);
}
console.log(`| all (${total.n}) | | | | ${pct(total.notSure, total.n)} | ${pct(total.sureWrong, total.n)} |`);

const udhr = loadUdhr(150);
console.log('\nUDHR clauses (neutral legal text)\n\n| lang (n) | temperature | answered neutral % | a polarity, not "not sure" % |\n|---|--:|--:|--:|');
for (const lang of [...new Set(udhr.map((r) => r.lang))].sort()) {
  const mine = udhr.filter((r) => r.lang === lang);
  let neutral = 0;
  let surePolar = 0;
  for (const row of mine) {
    const sentiment = analyzer.analyze(row.text, lang);
    if (sentiment.label === 'neutral') neutral++;
    else if (!isNotSure(sentiment.probabilities)) surePolar++;
  }
  console.log(`| ${lang} (${mine.length}) | ${analyzer.temperatureFor(lang)} | ${pct(neutral, mine.length)} | ${pct(surePolar, mine.length)} |`);
}
