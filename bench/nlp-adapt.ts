/**
 * `npm run bench:nlp-adapt`: how much a workspace's sentiment gains from its corrections
 * (src/nlp/adapter.ts), the checklist pass rates and the "not sure" band.
 *
 * Two kinds of workspace, both of texts the shipped model was never trained on:
 * - each val set of ../shared/data/sentiment (random tweets or reviews: no wording recurs
 *   between them);
 * - one brand's stream, where the same complaints recur in different words: GermEval 2017
 *   (../shared/data/sentiment-extra/de.germeval2017, train and val files: Deutsche Bahn
 *   customer feedback from tweets, Facebook and news, three classes). The trainer weighs the
 *   de.germeval group 0 (scripts/nlp/train-sentiment.ts); a model trained on it would make
 *   this scenario optimistic, and should then use its val file only.
 * Posts with the same text (`sameTextKey`: a repost with another link or handle) are kept
 * once, so no text is both held back and corrected. 30 % of a workspace is held back; a
 * person reviews the other texts in a random order and sets the label of each text reviewed
 * (a correction; when the model was right it confirms it), N = 10, 50, 200 of them (fewer
 * when the set has fewer texts). The adapter is trained as `murmur nlp adapt` trains it: those
 * corrections, anchored on the workspace's uncorrected texts. Accuracy and macro-F1 on the
 * held-back texts, before and after, averaged over three seeded draws; "fixed / broken": held-
 * back texts the adapter turned from wrong to right and from right to wrong (mean per draw).
 */
import { trainCheckedAdapter, adaptedReader } from '../src/nlp/adapter.ts';
import { anchorCount } from '../src/nlp/adapt.ts';
import { readModels } from '../src/nlp/models.ts';
import { accuracy, macroF1, mean } from '../scripts/nlp/metrics.ts';
import { EXTRA_DIR, SENTIMENT_SETS, loadSentiment } from '../scripts/nlp/sentiment-data.ts';
import { readJsonLines } from '../scripts/nlp/data.ts';
import type { SentimentLabel } from '../src/core/mention.ts';
import { distinctTexts, notSureThreshold, splitWorkspace } from './adapt-workspaces.ts';
import { checklistTable, markdownTable } from './nlp-checklist.ts';
import { NOT_SURE_BELOW } from '../src/watch/figure-definitions.ts';

const CORRECTIONS = [10, 50, 200];
const SEEDS = [1, 2, 3];
const HELD_BACK = 0.3;
const NOT_SURE_CANDIDATES = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

const pct = (x: number) => (x * 100).toFixed(1);

type Analyzer = ReturnType<typeof readModels>['analyzer'];

interface Post {
  text: string;
  lang: string;
  label: SentimentLabel;
}

interface Workspace {
  name: string;
  posts: readonly Post[];
}

interface Draw {
  held: number;
  base: { acc: number; f1: number };
  after: { n: number; acc: number; f1: number; fixed: number; broken: number }[];
}

const timing = { ms: 0, adapters: 0, applied: 0 };

function score(gold: readonly string[], predicted: readonly string[]) {
  return { acc: accuracy(gold, predicted), f1: macroF1(gold, predicted) };
}

/** One seeded draw of a workspace: the held-back texts read by the base model, then after N corrections. */
function draw(analyzer: Analyzer, posts: readonly Post[], seed: number): Draw {
  const { held, pool } = splitWorkspace(posts, seed, HELD_BACK);
  const gold = held.map((r) => r.label);
  const baseLabels = held.map((r) => analyzer.analyze(r.text, r.lang).label);
  const after = CORRECTIONS.map((n) => {
    const corrections = pool.slice(0, n).map((r) => ({ text: r.text, lang: r.lang, label: r.label }));
    const anchors = pool.slice(corrections.length, corrections.length + anchorCount(corrections.length));
    const started = performance.now();
    const { adapter, applied } = trainCheckedAdapter(analyzer, corrections, anchors);
    timing.ms += performance.now() - started;
    timing.adapters++;
    if (applied) timing.applied++;
    const reader = adaptedReader(analyzer, adapter);
    const labels = held.map((r) => reader.analyze(r.text, r.lang).label);
    const fixed = labels.filter((l, i) => l === gold[i] && baseLabels[i] !== gold[i]).length;
    const broken = labels.filter((l, i) => l !== gold[i] && baseLabels[i] === gold[i]).length;
    return { n: corrections.length, ...score(gold, labels), fixed, broken };
  });
  return { held: held.length, base: score(gold, baseLabels), after };
}

/** The learning curve of each workspace (mean of the seeded draws), and the mean accuracy change per N over the workspaces with N corrections. */
function curveTable(analyzer: Analyzer, workspaces: readonly Workspace[]): string {
  const header = ['workspace', 'held back', 'base acc', 'base F1', ...CORRECTIONS.flatMap((n) => [`N=${n} acc`, `N=${n} F1`]), `N=${CORRECTIONS.at(-1)} fixed / broken`];
  const rows: string[][] = [];
  const gains = new Map<number, number[]>();
  for (const { name, posts } of workspaces) {
    const draws = SEEDS.map((seed) => draw(analyzer, posts, seed));
    const baseAcc = mean(draws.map((d) => d.base.acc));
    const cells = CORRECTIONS.flatMap((n, i) => {
      const acc = mean(draws.map((d) => d.after[i]!.acc));
      const available = draws[0]!.after[i]!.n;
      if (available === n) gains.set(n, [...(gains.get(n) ?? []), acc - baseAcc]);
      const mark = available < n ? ` (${available})` : '';
      return [`${pct(acc)}${mark}`, pct(mean(draws.map((d) => d.after[i]!.f1)))];
    });
    const last = draws.map((d) => d.after.at(-1)!);
    const changed = `${mean(last.map((a) => a.fixed)).toFixed(1)} / ${mean(last.map((a) => a.broken)).toFixed(1)}`;
    rows.push([name, String(draws[0]!.held), pct(baseAcc), pct(mean(draws.map((d) => d.base.f1))), ...cells, changed]);
  }
  const lines = [markdownTable(header, rows), '', '(k): the workspace has only k texts besides the held-back ones, so k corrections.'];
  for (const n of CORRECTIONS) {
    const g = gains.get(n);
    // Rounded first, so a change that rounds to 0 prints +0.0, not -0.0.
    const change = Number(pct(mean(g ?? [])));
    if (g?.length) lines.push(`N=${n}: accuracy ${change >= 0 ? '+' : ''}${change.toFixed(1)} points on average over the ${g.length} workspace(s) with ${n} corrections`);
  }
  return lines.join('\n');
}

/** GermEval 2017 (Deutsche Bahn feedback), train and val files, each text once. */
function deutscheBahnStream(): Post[] {
  const file = (split: string) => readJsonLines<Post>(`${EXTRA_DIR}de.germeval2017.${split}.jsonl`);
  return distinctTexts([...file('train'), ...file('val')]).map((r) => ({ text: r.text, lang: r.lang, label: r.label }));
}

function main(): void {
  const nlp = readModels();
  console.log('Sentiment adaptation from corrections: a val set plays a workspace (30 % held back); accuracy / macro-F1 on the held-back texts, mean of 3 seeded draws\n');
  const valSets = SENTIMENT_SETS.map((set) => ({ name: set, posts: loadSentiment('val', [set]) }));
  console.log(curveTable(nlp.analyzer, valSets));
  const stream = deutscheBahnStream();
  console.log(`\nOne brand's stream, where complaints recur in different words: GermEval 2017, Deutsche Bahn customer feedback (${stream.length} distinct texts; never trained on), 30 % held back, same protocol\n`);
  console.log(curveTable(nlp.analyzer, [{ name: 'de.germeval2017', posts: stream }]));
  console.log(`\ntraining: ${(timing.ms / timing.adapters).toFixed(0)} ms per adapter on average, its held-out check included (${timing.adapters} adapters, up to 200 corrections + ${anchorCount(200)} anchors); applied: ${timing.applied} of ${timing.adapters} (the others broke more held-out corrections than they fixed)`);
  console.log(checklistTable(nlp.analyzer));
  console.log(notSureTable(nlp.analyzer));
}

/**
 * The "not sure" band (src/watch/figure-definitions.ts): for candidate thresholds, the share
 * of val posts whose top probability is under it and the model's accuracy on each side, and
 * the threshold the rule picks (`notSureThreshold`), to compare with NOT_SURE_BELOW.
 */
function notSureTable(analyzer: Analyzer): string {
  const scored = loadSentiment('val').map((r) => {
    const s = analyzer.analyze(r.text, r.lang);
    return { top: Math.max(s.probabilities.negative, s.probabilities.neutral, s.probabilities.positive), right: s.label === r.label };
  });
  const acc = (xs: typeof scored) => (xs.length ? pct(xs.filter((x) => x.right).length / xs.length) : '-');
  const rows = NOT_SURE_CANDIDATES.map((t) => {
    const under = scored.filter((s) => s.top < t);
    const rest = scored.filter((s) => s.top >= t);
    return [`${t.toFixed(2)}${t === NOT_SURE_BELOW ? ' (NOT_SURE_BELOW)' : ''}`, pct(under.length / scored.length), acc(under), acc(rest)];
  });
  const chosen = notSureThreshold(scored, NOT_SURE_CANDIDATES);
  const verdict = chosen === NOT_SURE_BELOW ? `the rule picks ${chosen}, as NOT_SURE_BELOW` : `the rule picks ${chosen ?? 'none'}, NOT_SURE_BELOW is ${NOT_SURE_BELOW}: re-choose it`;
  return `\n"Not sure" band on the val splits (${scored.length} posts): top probability under t\n\n${markdownTable(['t', 'share %', 'accuracy under', 'accuracy at or above'], rows)}\n\nThe largest t under which the model is right less often than wrong: ${verdict}`;
}

main();
