/**
 * Per-workspace sentiment adaptation: a small sparse linear correction over the base
 * model's own hashed features, added to the base model's calibrated log-probabilities.
 * It is trained on the workspace's sentiment corrections (what people said the label is),
 * anchored on some of the workspace's uncorrected mentions (where it must keep saying what
 * the base model says), so a wording corrected a few times flips while the rest stays put.
 * Pure: no store, no files. The base model is only used through its exports
 * (`featuresOf`, `probabilities`), and an adapter is valid for one base model version
 * (`baseModelVersion`): a replaced model file makes it stale, to be retrained.
 */
import { createHash } from 'node:crypto';
import type { Sentiment, SentimentLabel } from '../core/mention.ts';
import type { FeatureVector } from './hashing.ts';
import { sameTextKey } from './same-text.ts';

export const ADAPT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** What the adapter needs of the base model: its features and its calibrated probabilities (SentimentAnalyzer has both). */
export interface BaseSentiment {
  featuresOf(text: string, lang: string): FeatureVector;
  probabilities(text: string, lang: string): [number, number, number];
  readonly featureConfig: unknown;
}

/** A trained adapter as stored: weights per hashed bucket, three per bucket in ADAPT_LABELS order. */
export interface SentimentAdapter {
  baseVersion: string;
  /** Corrections it was trained on. */
  corrections: number;
  weights: Map<number, [number, number, number]>;
}

export interface AdaptExample {
  text: string;
  lang: string;
  label: SentimentLabel;
}

export interface TrainOptions {
  /** L2 pull of every weight towards 0 (no change from the base model). */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  /** Corrections count this much more than an anchor (an anchor only says "keep the base's answer"). */
  correctionWeight?: number;
  /** Only buckets that occur in at least this many corrections get a weight: a wording that recurs, not one post's noise. */
  minCount?: number;
  /** …and in at most this share of the anchors: a bucket the workspace's other posts are full of is no particular wording. */
  maxShare?: number;
}

/** Texts in the languages the base model reads, to tell one base model from another by its answers. */
const PROBES: readonly [string, string][] = [
  ['en', 'I love this, thank you so much!'],
  ['en', 'Worst support ever, still waiting'],
  ['en', 'The store opens at nine'],
  ['fr', "Ce n'est pas terrible, franchement"],
  ['it', 'Che bella giornata, grazie a tutti'],
  ['de', 'Leider wieder kaputt geliefert'],
  ['es', 'Me encanta, muy recomendable'],
  ['pt', 'Não gostei do atendimento'],
  ['bg', 'Много хубаво обслужване'],
  ['id', 'tidak bagus sama sekali'],
  ['ar', 'خدمة سيئة جدا'],
  ['hi', 'bahut accha laga yaar'],
  // Languages without a head have their own temperatures (since 2026-12-07): a recalibration is a new base.
  ['ru', 'Ужасный сервис, больше никогда'],
  ['uk', 'Дуже дякую, чудова кава'],
  ['mk', 'Одлична услуга, благодарам'],
];

const versions = new WeakMap<object, string>();

/**
 * A fingerprint of the base sentiment model: its feature configuration and its answers on
 * fixed probe texts. A retrained or replaced model answers differently, so its adapters
 * are recognised as stale without the model file having to carry a version.
 */
export function baseModelVersion(base: BaseSentiment): string {
  const known = versions.get(base);
  if (known) return known;
  const hash = createHash('sha256').update(JSON.stringify(base.featureConfig));
  for (const [lang, text] of PROBES) hash.update(base.probabilities(text, lang).map((p) => p.toFixed(6)).join(','));
  const version = hash.digest('hex').slice(0, 16);
  versions.set(base, version);
  return version;
}

interface Row {
  features: FeatureVector;
  logBase: [number, number, number];
  /** Target distribution: one-hot for a correction, the base's own for an anchor. */
  target: [number, number, number];
  weight: number;
  /** Its text's `sameTextKey`: copies of one post share a fold of the held-out check. */
  key: string;
}

function rowOf(base: BaseSentiment, text: string, lang: string, target: [number, number, number] | null, weight: number): Row {
  const p = base.probabilities(text, lang);
  const logBase = p.map((x) => Math.log(Math.max(x, 1e-9))) as [number, number, number];
  return { features: base.featuresOf(text, lang), logBase, target: target ?? p, weight, key: sameTextKey(text) };
}

function oneHot(label: SentimentLabel): [number, number, number] {
  return ADAPT_LABELS.map((l) => (l === label ? 1 : 0)) as [number, number, number];
}

function adaptedProbabilities(row: { features: FeatureVector; logBase: readonly number[] }, weights: Map<number, [number, number, number]>, out: number[]): void {
  const s = [row.logBase[0]!, row.logBase[1]!, row.logBase[2]!];
  const { index, value } = row.features;
  for (let i = 0; i < index.length; i++) {
    const w = weights.get(index[i]!);
    if (!w) continue;
    const v = value[i]!;
    s[0]! += w[0] * v;
    s[1]! += w[1] * v;
    s[2]! += w[2] * v;
  }
  softmaxInto(s, out);
}

/** The probabilities and label a reader through `weights` gives (rounded as the base model's `analyze`). */
function readThrough(row: { features: FeatureVector; logBase: readonly number[] }, weights: Map<number, [number, number, number]>): { probabilities: [number, number, number]; label: SentimentLabel } {
  const out = [0, 0, 0];
  adaptedProbabilities(row, weights, out);
  const probabilities = out.map(round3) as [number, number, number];
  return { probabilities, label: labelOf(probabilities) };
}

function softmaxInto(s: number[], out: number[]): void {
  const top = Math.max(s[0]!, s[1]!, s[2]!);
  let sum = 0;
  for (let k = 0; k < 3; k++) sum += out[k] = Math.exp(s[k]! - top);
  for (let k = 0; k < 3; k++) out[k]! /= sum;
}

/** At least half of the post's buckets occur in one correction: the same wording, reworded. */
const REWORDING_OVERLAP = 0.5;

function rewordsACorrection(anchor: Row, corrections: readonly Row[]): boolean {
  const own = new Set(anchor.features.index);
  if (own.size === 0) return false;
  return corrections.some((c) => {
    let shared = 0;
    for (const bucket of new Set(c.features.index)) if (own.has(bucket)) shared++;
    return shared >= REWORDING_OVERLAP * own.size;
  });
}

/** The rows an adapter trains on, computed once (features and base probabilities are most of the cost). */
interface TrainingRows {
  corrections: Row[];
  /** Uncorrected posts, less those worded like a correction (what the correction is about, not an anchor). */
  anchors: Row[];
}

/**
 * Training runs in the server's process: its work is written as generators whose every `yield`
 * is a point where an async caller lets other work run (`trainCheckedAdapterInSlices`), while
 * sync callers run them straight through (`finish`). One implementation, two pacings.
 */
type Work<T> = Generator<void, T, void>;

/** Rows (or folds) between two yields: a slice of tens of milliseconds at most. */
const ROWS_PER_SLICE = 64;

function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

function* trainingRows(base: BaseSentiment, corrections: readonly AdaptExample[], anchors: readonly { text: string; lang: string }[], options: TrainOptions): Work<TrainingRows> {
  const rows: TrainingRows = { corrections: [], anchors: [] };
  for (const c of corrections) {
    rows.corrections.push(rowOf(base, c.text, c.lang, oneHot(c.label), options.correctionWeight ?? 3));
    if (rows.corrections.length % ROWS_PER_SLICE === 0) yield;
  }
  for (const [i, a] of anchors.entries()) {
    const row = rowOf(base, a.text, a.lang, null, 1);
    if (!rewordsACorrection(row, rows.corrections)) rows.anchors.push(row);
    if ((i + 1) % ROWS_PER_SLICE === 0) yield;
  }
  return rows;
}

/**
 * An adapter's weights from correction rows, anchored on anchor rows (uncorrected texts of the
 * same workspace). Full-batch gradient descent with L2 (deterministic: no sampling). Only buckets
 * that occur in a correction get weights, so the adapter stays as small as the corrections.
 */
function trainWeights({ corrections: correctionRows, anchors: anchorRows }: TrainingRows, options: TrainOptions): Map<number, [number, number, number]> {
  const l2 = options.l2 ?? 0.3;
  const epochs = options.epochs ?? 80;
  const rate = options.learningRate ?? 0.5;
  const rows: Row[] = [...correctionRows, ...anchorRows];
  // Only buckets of the corrections get weights; each is given a dense slot so training reads arrays, not maps.
  const minCount = options.minCount ?? 2;
  const seen = new Map<number, number>();
  for (const row of correctionRows) for (const bucket of new Set(row.features.index)) seen.set(bucket, (seen.get(bucket) ?? 0) + 1);
  const inAnchors = new Map<number, number>();
  for (const row of anchorRows) for (const bucket of new Set(row.features.index)) if (seen.has(bucket)) inAnchors.set(bucket, (inAnchors.get(bucket) ?? 0) + 1);
  const maxAnchors = (options.maxShare ?? 0.02) * anchorRows.length;
  const slotOf = new Map<number, number>();
  for (const [bucket, count] of seen) if (count >= minCount && (inAnchors.get(bucket) ?? 0) <= maxAnchors) slotOf.set(bucket, slotOf.size);
  const slots = rows.map((row) => Int32Array.from(row.features.index, (bucket) => slotOf.get(bucket) ?? -1));
  const n = slotOf.size;
  const w = new Float64Array(3 * n);
  const g = new Float64Array(3 * n);
  // AdaGrad over the summed loss: a bucket in every text and one in three corrections both move at a sane pace.
  const squares = new Float64Array(3 * n).fill(1e-8);
  const p = [0, 0, 0];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let j = 0; j < 3 * n; j++) g[j] = l2 * w[j]!;
    rows.forEach((row, r) => {
      const slot = slots[r]!;
      const { value } = row.features;
      const s = [row.logBase[0], row.logBase[1], row.logBase[2]];
      for (let i = 0; i < slot.length; i++) {
        const j = slot[i]!;
        if (j < 0) continue;
        for (let k = 0; k < 3; k++) s[k]! += w[3 * j + k]! * value[i]!;
      }
      softmaxInto(s, p);
      for (let i = 0; i < slot.length; i++) {
        const j = slot[i]!;
        if (j < 0) continue;
        const v = value[i]! * row.weight;
        for (let k = 0; k < 3; k++) g[3 * j + k]! += (p[k]! - row.target[k]!) * v;
      }
    });
    for (let j = 0; j < 3 * n; j++) {
      squares[j]! += g[j]! * g[j]!;
      w[j]! -= (rate * g[j]!) / Math.sqrt(squares[j]!);
    }
  }
  const weights = new Map<number, [number, number, number]>();
  for (const [bucket, j] of slotOf) weights.set(bucket, [w[3 * j]!, w[3 * j + 1]!, w[3 * j + 2]!]);
  // Weights that stayed near zero change nothing: leave them out of the stored adapter.
  for (const [bucket, w] of weights) if (Math.abs(w[0]) + Math.abs(w[1]) + Math.abs(w[2]) < 1e-4) weights.delete(bucket);
  return weights;
}

/** Corrections read by adapters that had not seen them: turned from wrong to right (fixed), and from right to wrong (broken). */
export interface HeldOutCheck {
  fixed: number;
  broken: number;
}

/** The rule: an adapter applies unless it broke more held-out corrections than it fixed. */
export const adapterApplies = (check: HeldOutCheck): boolean => check.broken <= check.fixed;

/** Folds of the held-out check: each correction is read once by an adapter trained on the other four fifths. */
const CHECK_FOLDS = 5;

/**
 * k-fold over the corrections (copies of one text in one fold; the anchors always in): how
 * adapters trained without a correction read it, against the base model. A wording that recurs
 * fixes held-out corrections; one post's noise, learnt as if it recurred, breaks as many or more.
 * Harm shows only on corrections the base model read right (confirmations): a workspace whose
 * people only ever correct misreadings gives the check nothing to break (docs/nlp.md).
 */
function* heldOutCheckOf(rows: TrainingRows, options: TrainOptions): Work<HeldOutCheck> {
  const check = { fixed: 0, broken: 0 };
  const foldOfKey = new Map<string, number>();
  const foldOf = (row: Row) => {
    let fold = foldOfKey.get(row.key);
    if (fold === undefined) foldOfKey.set(row.key, (fold = foldOfKey.size % CHECK_FOLDS));
    return fold;
  };
  const folds = rows.corrections.map(foldOf);
  const none = new Map<number, [number, number, number]>();
  for (let fold = 0; fold < Math.min(CHECK_FOLDS, foldOfKey.size); fold++) {
    const weights = trainWeights({ corrections: rows.corrections.filter((_, i) => folds[i] !== fold), anchors: rows.anchors }, options);
    rows.corrections.forEach((row, i) => {
      if (folds[i] !== fold) return;
      const label = ADAPT_LABELS[row.target.indexOf(1)];
      const before = readThrough(row, none).label === label;
      const after = readThrough(row, weights).label === label;
      if (after && !before) check.fixed++;
      if (before && !after) check.broken++;
    });
    yield;
  }
  return check;
}

export function heldOutCheck(base: BaseSentiment, corrections: readonly AdaptExample[], anchors: readonly { text: string; lang: string }[] = [], options: TrainOptions = {}): HeldOutCheck {
  return finish(heldOutCheckOf(finish(trainingRows(base, corrections, anchors, options)), options));
}

/**
 * The adapter a workspace gets: trained on all its corrections, and applied only if the
 * held-out check does not find it breaking more corrections than it fixes; otherwise
 * an adapter with no weights (the base model reads the workspace). With fewer than three
 * corrections of a wording no fold adapter can learn it (a weight needs two), so the check
 * finds nothing either way and the adapter applies.
 */
export function trainCheckedAdapter(
  base: BaseSentiment,
  corrections: readonly AdaptExample[],
  anchors: readonly { text: string; lang: string }[] = [],
  options: TrainOptions = {},
): CheckedAdapter {
  return finish(checkedAdapter(base, corrections, anchors, options));
}

/** The same, letting other work run between slices (the server: requests go on while a workspace adapts). */
export async function trainCheckedAdapterInSlices(
  base: BaseSentiment,
  corrections: readonly AdaptExample[],
  anchors: readonly { text: string; lang: string }[] = [],
  options: TrainOptions = {},
): Promise<CheckedAdapter> {
  const work = checkedAdapter(base, corrections, anchors, options);
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export interface CheckedAdapter {
  adapter: SentimentAdapter;
  check: HeldOutCheck;
  applied: boolean;
}

function* checkedAdapter(base: BaseSentiment, corrections: readonly AdaptExample[], anchors: readonly { text: string; lang: string }[], options: TrainOptions): Work<CheckedAdapter> {
  const rows = yield* trainingRows(base, corrections, anchors, options);
  const check = yield* heldOutCheckOf(rows, options);
  const applied = adapterApplies(check);
  return { adapter: { baseVersion: baseModelVersion(base), corrections: corrections.length, weights: applied ? trainWeights(rows, options) : new Map() }, check, applied };
}

function labelOf([negative, neutral, positive]: readonly number[]): SentimentLabel {
  return negative! >= neutral! && negative! >= positive! ? 'negative' : positive! >= neutral! ? 'positive' : 'neutral';
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A sentiment reader: the base model, or the base model with a workspace's adapter on top. */
export interface SentimentReader {
  analyze(text: string, lang: string): Sentiment;
}

/** The base model read through `adapter` (the same Sentiment shape and rounding as the base's own `analyze`). */
export function adaptedReader(base: BaseSentiment, adapter: SentimentAdapter): SentimentReader {
  return {
    analyze(text, lang) {
      const p = base.probabilities(text, lang);
      const { probabilities, label } = readThrough({ features: base.featuresOf(text, lang), logBase: p.map((x) => Math.log(Math.max(x, 1e-9))) }, adapter.weights);
      const [negative, neutral, positive] = probabilities;
      return { label, probabilities: { negative, neutral, positive }, score: round3(positive - negative) };
    },
  };
}

/** The adapter as JSON text for the store: `[bucket, wNeg, wNeu, wPos]` rows, rounded. */
export function encodeAdapterWeights(adapter: SentimentAdapter): string {
  const rows = [...adapter.weights].sort((a, b) => a[0] - b[0]).map(([bucket, w]) => [bucket, ...w.map((x) => Math.round(x * 1e5) / 1e5)]);
  return JSON.stringify(rows);
}

export function decodeAdapterWeights(json: string): Map<number, [number, number, number]> {
  const rows = JSON.parse(json) as [number, number, number, number][];
  return new Map(rows.map(([bucket, a, b, c]) => [bucket, [a, b, c]]));
}
