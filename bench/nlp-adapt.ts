/**
 * `npm run bench:nlp-adapt`: how much a workspace's sentiment gains from its corrections
 * (src/nlp/adapter.ts), and the checklist pass rates.
 *
 * Each val set of ../shared/data/sentiment (never trained on) plays one workspace: 30 % of
 * it is held back, the rest are the workspace's other texts. A person reviews those in a
 * random order and sets the label of each text reviewed (a correction; when the model was
 * right it confirms it), N = 10, 50, 200 of them (fewer when the set has fewer texts). The
 * adapter is trained as `murmur nlp adapt` trains it: those corrections, anchored on the
 * workspace's uncorrected texts. Accuracy and macro-F1 on the held-back texts, before and
 * after, averaged over three seeded draws.
 */
import { trainAdapter, adaptedReader } from '../src/nlp/adapter.ts';
import { anchorCount } from '../src/nlp/adapt.ts';
import { readModels } from '../src/nlp/models.ts';
import { accuracy, macroF1, mean } from '../scripts/nlp/metrics.ts';
import { SENTIMENT_SETS, loadSentiment, type SentimentRow } from '../scripts/nlp/sentiment-data.ts';
import { checklistTable, markdownTable } from './nlp-checklist.ts';
import { NOT_SURE_BELOW } from '../src/watch/figure-definitions.ts';

const CORRECTIONS = [10, 50, 200];
const SEEDS = [1, 2, 3];
const HELD_BACK = 0.3;

const pct = (x: number) => (x * 100).toFixed(1);

/** mulberry32: a seeded shuffle, so every run draws the same workspaces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function main(): void {
  const nlp = readModels();
  const score = (rows: readonly SentimentRow[], analyze: (text: string, lang: string) => string) => {
    const predicted = rows.map((r) => analyze(r.text, r.lang));
    const gold = rows.map((r) => r.label);
    return { acc: accuracy(gold, predicted), f1: macroF1(gold, predicted) };
  };
  console.log('Sentiment adaptation from corrections: a val set plays a workspace (30 % held back); accuracy / macro-F1 on the held-back texts, mean of 3 seeded draws\n');
  const header = ['set', 'held back', 'base acc', 'base F1', ...CORRECTIONS.flatMap((n) => [`N=${n} acc`, `N=${n} F1`])];
  const rows: string[][] = [];
  const gains = new Map<number, number[]>();
  let trainedMs = 0;
  let trainings = 0;
  for (const set of SENTIMENT_SETS) {
    const all = loadSentiment('val', [set]);
    const perSeed = SEEDS.map((seed) => {
      const rows = shuffled(all, seed);
      const held = rows.slice(0, Math.round(rows.length * HELD_BACK));
      const pool = rows.slice(held.length);
      const base = score(held, (text, lang) => nlp.analyzer.analyze(text, lang).label);
      const after = CORRECTIONS.map((n) => {
        const corrections = pool.slice(0, n).map((r) => ({ text: r.text, lang: r.lang, label: r.label }));
        const anchors = pool.slice(corrections.length, corrections.length + anchorCount(corrections.length));
        const started = performance.now();
        const adapter = trainAdapter(nlp.analyzer, corrections, anchors);
        trainedMs += performance.now() - started;
        trainings++;
        const reader = adaptedReader(nlp.analyzer, adapter);
        return { n: corrections.length, ...score(held, (text, lang) => reader.analyze(text, lang).label) };
      });
      return { held: held.length, base, after };
    });
    const baseAcc = mean(perSeed.map((s) => s.base.acc));
    const baseF1 = mean(perSeed.map((s) => s.base.f1));
    const cells = CORRECTIONS.flatMap((n, i) => {
      const acc = mean(perSeed.map((s) => s.after[i]!.acc));
      const f1 = mean(perSeed.map((s) => s.after[i]!.f1));
      const available = perSeed[0]!.after[i]!.n;
      if (available === n) gains.set(n, [...(gains.get(n) ?? []), acc - baseAcc]);
      const mark = available < n ? ` (${available})` : '';
      return [`${pct(acc)}${mark}`, pct(f1)];
    });
    rows.push([set, String(perSeed[0]!.held), pct(baseAcc), pct(baseF1), ...cells]);
  }
  console.log(markdownTable(header, rows));
  console.log('\n(k): the set has only k texts besides the held-back ones, so k corrections.');
  for (const n of CORRECTIONS) {
    const g = gains.get(n);
    if (g?.length) console.log(`N=${n}: accuracy ${mean(g) >= 0 ? '+' : ''}${pct(mean(g))} points on average over the ${g.length} sets with ${n} corrections`);
  }
  console.log(`training: ${(trainedMs / trainings).toFixed(0)} ms per adapter on average (${trainings} adapters, up to 200 corrections + ${anchorCount(200)} anchors)`);
  console.log(checklistTable(nlp.analyzer));
  console.log(notSureTable(nlp.analyzer));
}

/**
 * The "not sure" band (src/watch/figure-definitions.ts): for candidate thresholds, the share
 * of val posts whose top probability is under it and the model's accuracy on each side.
 * NOT_SURE_BELOW is the largest under which the model is right less often than wrong.
 */
function notSureTable(analyzer: ReturnType<typeof readModels>['analyzer']): string {
  const scored = loadSentiment('val').map((r) => {
    const s = analyzer.analyze(r.text, r.lang);
    return { top: Math.max(s.probabilities.negative, s.probabilities.neutral, s.probabilities.positive), right: s.label === r.label };
  });
  const acc = (xs: typeof scored) => (xs.length ? pct(xs.filter((x) => x.right).length / xs.length) : '-');
  const rows = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7].map((t) => {
    const under = scored.filter((s) => s.top < t);
    const rest = scored.filter((s) => s.top >= t);
    return [`${t.toFixed(2)}${t === NOT_SURE_BELOW ? ' (NOT_SURE_BELOW)' : ''}`, pct(under.length / scored.length), acc(under), acc(rest)];
  });
  return `\n"Not sure" band on the val splits (${scored.length} posts): top probability under t\n\n${markdownTable(['t', 'share %', 'accuracy under', 'accuracy at or above'], rows)}`;
}

main();
