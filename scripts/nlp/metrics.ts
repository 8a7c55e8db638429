/** Evaluation measures shared by the training scripts and bench/nlp.ts. */

/**
 * Macro-F1 over the classes that occur in the gold labels. For a set without a
 * neutral class (bg tweets) that is the mean F1 of negative and positive, and a
 * neutral prediction counts as a miss.
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const classes = [...new Set(gold)];
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return classes.length ? sum / classes.length : 0;
}

export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  return gold.length ? right / gold.length : 0;
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Quantisation clip quantiles the training scripts try (see encodeModel). */
export const CLIPS = [1, 0.99999, 0.9999, 0.999];

/** The clip whose quantised model scores best on val (ties: the first). */
export function chooseClip(clips: readonly number[], score: (clip: number) => number): number {
  let best = { clip: clips[0]!, score: -Infinity };
  for (const clip of clips) {
    const s = score(clip);
    console.log(`  Int8 clip ${clip}: val ${(s * 100).toFixed(2)}`);
    if (s > best.score) best = { clip, score: s };
  }
  return best.clip;
}
