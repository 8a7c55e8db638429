/**
 * `npm run eval:langid-untrained`: language ID on UDHR clauses (formal text, see
 * udhr-data.ts) for the untrained languages and for some of ours, and, unless
 * --udhr-only, the val accuracy of our 20 languages (every row; --quick: every
 * 10th) with the untrained-language checks, to show what they cost.
 */
import { readModels } from '../../src/nlp/models.ts';
import { UNTRAINED } from '../../src/nlp/untrained.ts';
import { loadLangid } from './langid-data.ts';
import { accuracy, mean } from './metrics.ts';
import { loadUdhr } from './udhr-data.ts';

const pct = (x: number) => (x * 100).toFixed(1);
const { detector } = readModels();

function perLanguage(rows: { lang: string; text: string }[]): Map<string, { acc: number; n: number; wrong: string }> {
  const out = new Map<string, { acc: number; n: number; wrong: string }>();
  for (const lang of [...new Set(rows.map((r) => r.lang))]) {
    const mine = rows.filter((r) => r.lang === lang);
    const predicted = mine.map((r) => detector.detect(r.text).lang);
    const wrong = new Map<string, number>();
    for (const p of predicted) if (p !== lang) wrong.set(p, (wrong.get(p) ?? 0) + 1);
    const top = [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, n]) => `${l} ${n}`).join(', ');
    out.set(lang, { acc: accuracy(mine.map((r) => r.lang), predicted), n: mine.length, wrong: top });
  }
  return out;
}

const udhr = perLanguage(loadUdhr(150));
console.log('\nUDHR clauses (formal text): accuracy %\n\n| lang (n) | Murmur | most common wrong answers |\n|---|---:|---|');
for (const [lang, r] of udhr) console.log(`| ${lang} (${r.n}) | ${pct(r.acc)} | ${r.wrong} |`);
const untrained = [...udhr].filter(([lang]) => UNTRAINED.has(lang) || lang === 'mk');
console.log(`| mean, ${untrained.length} untrained | ${pct(mean(untrained.map(([, r]) => r.acc)))} | |`);

if (!process.argv.includes('--udhr-only')) {
  let val = loadLangid('val');
  if (process.argv.includes('--quick')) val = val.filter((_, i) => i % 10 === 0);
  const started = process.cpuUsage();
  const res = perLanguage(val);
  const used = process.cpuUsage(started);
  console.log(`\nval (${val.length} rows): mean accuracy ${(100 * mean([...res.values()].map((r) => r.acc))).toFixed(2)}`);
  for (const [lang, r] of [...res].sort()) console.log(`  ${lang} ${pct(r.acc)}`);
  console.log(`langid: ${Math.round(val.length / ((used.user + used.system) / 1e6))} texts per CPU-second (incl. eld load)`);
}
