/**
 * Builds src/demo/data/sample-texts.jsonl: a few thousand short, labelled social posts
 * the sample stream weaves brand names into. Reads ../shared/data/sentiment (train splits
 * only), so only this script needs ../shared; the output is committed.
 *
 *   npx tsx scripts/demo/build-sample-texts.ts [--shared ../shared]
 *
 * Deterministic: texts are picked by a hash of their content, so a rebuild is identical.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LANGUAGES = ['en', 'fr', 'it', 'bg', 'id', 'de', 'es', 'pt', 'ar', 'hi'] as const;
const PER_LABEL = 120;
const MAX_LENGTH = 240;

const sharedArg = process.argv.indexOf('--shared');
const shared = resolve(sharedArg > 0 ? process.argv[sharedArg + 1]! : join(import.meta.dirname, '../../../shared'));
const output = join(import.meta.dirname, '../../src/demo/data/sample-texts.jsonl');

interface Row {
  text: string;
  label: 'negative' | 'neutral' | 'positive';
  lang: string;
  source: string;
}

// Some UMSAB files carry JSON escapes and HTML entities as literal text ("I\u2019m", "&gt;").
const decodeEscapes = (text: string) =>
  text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/&(gt|lt|quot|#39|amp);/g, (_, name: string) => ({ gt: '>', lt: '<', quot: '"', '#39': "'", amp: '&' })[name]!);

const rank = (text: string) => createHash('sha256').update(text).digest('hex');

const lines: string[] = [];
for (const lang of LANGUAGES) {
  const rows = readFileSync(join(shared, 'data/sentiment', `${lang}.train.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row)
    .map((row) => ({ ...row, text: decodeEscapes(row.text).replace(/\s+/g, ' ').trim() }))
    .filter((row) => row.text.length >= 20 && row.text.length <= MAX_LENGTH);
  for (const label of ['negative', 'neutral', 'positive'] as const) {
    const picked = rows
      .filter((row) => row.label === label)
      .sort((a, b) => (rank(a.text) < rank(b.text) ? -1 : 1))
      .slice(0, PER_LABEL);
    for (const row of picked) lines.push(JSON.stringify({ text: row.text, lang, label, source: row.source }));
  }
}
writeFileSync(output, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} texts to ${output}`);
