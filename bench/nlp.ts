/**
 * `npm run bench:nlp`: Murmur's language ID and sentiment against the JS peer
 * libraries on the val splits of ../shared/data (never trained on), side by side,
 * plus model load time and enrichment throughput on one core.
 *
 * Every system gets the same input for language ID: `cleanForLangid` output
 * (URLs, handles, placeholders, '#', emoji, numbers stripped), as the issue
 * prescribes before detection. Sentiment peers get the raw text.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cleanForLangid } from '../src/nlp/clean.ts';
import { MODEL_DIR, readModels } from '../src/nlp/models.ts';
import { enrichmentSpeed } from '../scripts/nlp/enrichment-speed.ts';
import { loadLangid } from '../scripts/nlp/langid-data.ts';
import { accuracy, macroF1, mean } from '../scripts/nlp/metrics.ts';
import { SENTIMENT_SETS, loadSentiment } from '../scripts/nlp/sentiment-data.ts';
import { ABLATION_PATH, calibrationOf, type AblationRecord } from '../scripts/nlp/sentiment-eval.ts';
import { loadLangidPeers, loadSentimentPeers, type Loaded } from './nlp-peers.ts';
import { checklistTable } from './nlp-checklist.ts';

// Published test-set macro-F1 (XLM-T README / UMSAB; IndoNLU leaderboard for SmSA): the distance to close.
const REFERENCE: Record<string, number> = { en: 70.6, fr: 71.2, de: 77.3, it: 69.1, pt: 75.4, es: 67.9, ar: 66.9, hi: 56.4, id: 92.7 };

const pct = (x: number) => (x * 100).toFixed(1);

function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [`\n${title}\n`, line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function failures<T>(loaded: Loaded<T>[]): string[] {
  return loaded.flatMap((l) => ('failure' in l ? [`- ${l.name}: could not run here: ${l.failure}`] : []));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const loadStarted = performance.now();
  const nlp = readModels();
  const loadMs = performance.now() - loadStarted;

  // ---- language ID ----
  let langidVal = loadLangid('val');
  if (quick) langidVal = langidVal.filter((_, i) => i % 10 === 0);
  const langs = [...new Set(langidVal.map((r) => r.lang))].sort();
  const cleaned = langidVal.map((r) => cleanForLangid(r.text));
  const gold = langidVal.map((r) => r.lang);
  const systems: { name: string; supports: ReadonlySet<string> | null; predicted: string[]; perSecond: number }[] = [];

  let started = process.cpuUsage();
  const ours = langidVal.map((r) => nlp.detector.detect(r.text).lang);
  systems.push({ name: 'Murmur', supports: null, predicted: ours, perSecond: langidVal.length / cpuSecondsSince(started) });

  const langidPeers = await loadLangidPeers();
  for (const loaded of langidPeers) {
    if ('failure' in loaded) continue;
    const { peer } = loaded;
    started = process.cpuUsage();
    const predicted: string[] = [];
    for (const text of cleaned) predicted.push(await peer.detect(text));
    systems.push({ name: peer.name, supports: peer.supports, predicted, perSecond: cleaned.length / cpuSecondsSince(started) });
  }
  const langidRows = langs.map((lang) => {
    const idx = gold.flatMap((g, i) => (g === lang ? [i] : []));
    return [
      `${lang} (${idx.length})`,
      ...systems.map((s) =>
        s.supports && !s.supports.has(lang) ? 'n/a' : pct(accuracy(idx.map((i) => gold[i]!), idx.map((i) => s.predicted[i]!))),
      ),
    ];
  });
  const meanRow = [
    'mean (supported langs)',
    ...systems.map((s) => {
      const accs = langs.filter((l) => !s.supports || s.supports.has(l)).map((lang) => {
        const idx = gold.flatMap((g, i) => (g === lang ? [i] : []));
        return accuracy(idx.map((i) => gold[i]!), idx.map((i) => s.predicted[i]!));
      });
      return pct(mean(accs));
    }),
  ];
  const speedRow = ['texts per CPU-second (langid, cold)', ...systems.map((s) => Math.round(s.perSecond).toLocaleString('en'))];
  console.log(table('Language identification: accuracy % on ../shared/data/langid/val.jsonl', ['lang (n)', ...systems.map((s) => s.name)], [...langidRows, meanRow, speedRow]));
  const langidFailures = failures(langidPeers);
  if (langidFailures.length) console.log(`\n${langidFailures.join('\n')}`);

  // ---- sentiment ----
  const val = loadSentiment('val');
  const sentimentPeers = await loadSentimentPeers();
  const full = process.argv.includes('--full');
  const columns: {
    name: string;
    supports: ReadonlySet<string> | null;
    maxPerSet?: number;
    predict: (text: string, lang: string) => Promise<string> | string;
  }[] = [
    { name: 'Murmur', supports: null, predict: (t, l) => nlp.analyzer.analyze(t, l).label },
    { name: 'Murmur (detected lang)', supports: null, predict: (t) => nlp.analyzer.analyze(t, nlp.detector.detect(t).lang).label },
    ...sentimentPeers.flatMap((l) =>
      'failure' in l ? [] : [{ name: l.peer.name, supports: l.peer.supports, maxPerSet: full ? undefined : l.peer.maxPerSet, predict: l.peer.label }],
    ),
  ];
  const scores = new Map<string, Map<string, number>>();
  for (const column of columns) {
    const bySet = new Map<string, number>();
    for (const set of SENTIMENT_SETS) {
      let rows = val.filter((r) => r.set === set);
      const lang = rows[0]!.lang;
      if (column.maxPerSet && rows.length > column.maxPerSet) {
        const step = rows.length / column.maxPerSet;
        rows = Array.from({ length: column.maxPerSet }, (_, i) => rows[Math.floor(i * step)]!);
      }
      if (column.supports && !column.supports.has(lang)) continue;
      const predicted: string[] = [];
      for (const row of rows) predicted.push(await column.predict(row.text, row.lang));
      bySet.set(set, macroF1(rows.map((r) => r.label), predicted));
    }
    scores.set(column.name, bySet);
  }
  // The earlier models' val scores, measured by `npm run train:sentiment -- --ablation` (training runs).
  const ablation = existsSync(ABLATION_PATH) ? (JSON.parse(readFileSync(ABLATION_PATH, 'utf8')) as AblationRecord) : null;
  const previous = ablation?.rows.find((r) => r.name === 'previous shipped model');
  // The baseline trained on all of ../sentiment's train rows, when measured; else the subsampled one.
  const plainRows = ablation?.rows.filter((r) => r.name.startsWith('plain hashed n-grams')) ?? [];
  const plain = plainRows.find((r) => !r.name.includes('(1/')) ?? plainRows[0];
  const earlier = (row: typeof previous, set: string) => (row?.sets[set] === undefined ? 'n/a' : pct(row.sets[set]!));
  const sentimentRows = SENTIMENT_SETS.map((set) => {
    const murmur = scores.get('Murmur')!.get(set)!;
    const ref = REFERENCE[set];
    return [
      `${set} (${val.filter((r) => r.set === set).length})`,
      earlier(plain, set),
      earlier(previous, set),
      ...columns.map((c) => {
        const f1 = scores.get(c.name)!.get(set);
        return f1 === undefined ? 'n/a' : pct(f1);
      }),
      ref === undefined ? '—' : ref.toFixed(1),
      ref === undefined ? '—' : (murmur * 100 - ref).toFixed(1),
    ];
  });
  const sentimentMean = ['mean (11 sets)', plain ? pct(plain.mean) : 'n/a', previous ? pct(previous.mean) : 'n/a', ...columns.map((c) => (scores.get(c.name)!.size === SENTIMENT_SETS.length ? pct(mean([...scores.get(c.name)!.values()])) : '—')), '', ''];
  console.log(
    table(
      'Sentiment: macro-F1 % on ../shared/data/sentiment/*.val.jsonl (bg: negative/positive only)',
      ['set (n)', 'plain n-grams', 'before', ...columns.map((c) => c.name), 'published ref.', 'Murmur − ref.'],
      [...sentimentRows, sentimentMean],
    ),
  );
  for (const column of columns) {
    if (column.maxPerSet) console.log(`\n${column.name}: too slow to score every text; scored on ${column.maxPerSet} evenly spaced texts per set (--full for all).`);
  }
  const sentimentFailures = failures(sentimentPeers);
  if (sentimentFailures.length) console.log(`\n${sentimentFailures.join('\n')}`);
  console.log(
    `\nplain n-grams: hashed word and character n-grams, no lexicon features, trained on ${plain?.name.includes('(1/') ? 'a subsample of ' : ''}../sentiment only; before: the model shipped before the extra data. Both from ${ablation ? `${ablation.command} (${ablation.measured})` : 'the ablation file, missing here'}.`,
  );
  if (ablation) printAblation(ablation);
  const calibration = calibrationOf(nlp.analyzer, val);
  console.log(
    table(
      'Calibration: top-label expected calibration error (ECE, 10 bins) on the same val posts, lower is better',
      ['model', 'raw (T = 1)', 'calibrated (shipped temperatures)', 'cross-fitted (temperatures fitted on the other half)'],
      [
        ...(previous ? [['before', pct(previous.ece.raw), pct(previous.ece.calibrated), pct(previous.ece.crossFitted)]] : []),
        ['Murmur (shipped)', pct(calibration.raw), pct(calibration.calibrated), pct(calibration.crossFitted)],
      ],
    ),
  );
  console.log('\npublished ref.: XLM-T (Barbieri et al., LREC 2022) on the UMSAB test sets; IndoNLU SmSA best (≈ IndoBERT-large) for id. Test, not val: a guide to the distance, not a like-for-like score.');

  console.log(checklistTable(nlp.analyzer));

  // ---- speed ----
  const speed = enrichmentSpeed(nlp, langidVal.map((r) => r.text), 1, quick ? 2000 : 8000);
  console.log(
    `\nMurmur enrichment (langid + sentiment), one core: ${Math.round(speed.perCpuSecond).toLocaleString('en')} texts per CPU-second ` +
      `(${Math.round(speed.perWallSecond).toLocaleString('en')}/s wall-clock) over ${speed.posts.toLocaleString('en')} val posts`,
  );
  console.log(`Murmur model load (langid + sentiment + lexicon, cold): ${loadMs.toFixed(0)} ms`);
  const files = readdirSync(MODEL_DIR).map((name) => ({ name, bytes: statSync(`${MODEL_DIR}/${name}`).size }));
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`Model size (src/nlp/models, as stored): ${(total / 1e6).toFixed(2)} MB (${files.map((f) => `${f.name} ${(f.bytes / 1e6).toFixed(2)}`).join(', ')})`);
}

/** The per-source table: val macro-F1 per set of each training run of the ablation. */
function printAblation(ablation: AblationRecord): void {
  // Each row is compared with the run on ../sentiment alone trained on the same (sub)sample.
  const baseOf = (name: string) => ablation.rows.find((r) => r.name === `../sentiment only${/ \(1\/\d+ of the train rows\)$/.exec(name)?.[0] ?? ''}`);
  const rows = ablation.rows.map((row) => {
    const base = baseOf(row.name);
    return [
      row.name,
      ...SENTIMENT_SETS.map((set) => pct(row.sets[set] ?? 0)),
      pct(row.mean),
      base && row !== base ? ((row.mean - base.mean) * 100).toFixed(1) : '',
    ];
  });
  console.log(
    table(
      `Ablation: val macro-F1 % per data source added (${ablation.command}, ${ablation.measured}; shipped seed, float weights, best epoch; ±0.3 on the mean is seed noise)`,
      ['training data', ...SENTIMENT_SETS, 'mean', 'Δ mean'],
      rows,
    ),
  );
  console.log(`Shipped mix (group weights chosen on val): ${JSON.stringify(ablation.chosen)}`);
}

await main();
