/**
 * Calibration of the sentiment probabilities: a softmax temperature fitted on val log-loss, and the
 * expected calibration error (ECE) that says how far stated confidence is from observed accuracy.
 * Shared by the training script (fitting) and bench/nlp.ts (reporting).
 */

/** One val post: the model's log-probabilities at temperature 1 and the gold class index. */
export interface Scored {
  logits: readonly number[];
  gold: number;
  /**
   * The classes its label allows, when that is more than one: a post of a two-class source labelled
   * positive says "not negative" (see train-sentiment.ts), so its likelihood is P(positive) + P(neutral).
   */
  allowed?: readonly number[];
}

function softmaxAt(logits: readonly number[], t: number): number[] {
  const top = Math.max(...logits);
  const e = logits.map((x) => Math.exp((x - top) / t));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

function logLoss(rows: readonly Scored[], t: number): number {
  let loss = 0;
  for (const { logits, gold, allowed } of rows) {
    const p = softmaxAt(logits, t);
    const likelihood = allowed ? allowed.reduce((sum, k) => sum + p[k]!, 0) : p[gold]!;
    loss -= Math.log(Math.max(likelihood, 1e-12));
  }
  return loss / rows.length;
}

/** The temperature in [max(0.3, lowest), 5] (steps of 0.05) with the lowest log-loss on `rows`. */
export function fitTemperature(rows: readonly Scored[], lowest = 0.3): number {
  let best = { t: Math.min(5, Math.max(lowest, 1)), loss: Infinity };
  for (let i = 0; i <= 94; i++) {
    const t = Math.round((0.3 + i * 0.05) * 100) / 100;
    if (t < lowest - 1e-9) continue;
    const loss = logLoss(rows, t);
    if (loss < best.loss) best = { t, loss };
  }
  return best.t;
}

/**
 * Top-label ECE over `bins` equal-width confidence bins: the mean |accuracy − confidence| of the
 * bins, weighted by how many posts fall in each (Guo et al. 2017).
 */
export function expectedCalibrationError(probabilities: readonly (readonly number[])[], gold: readonly number[], bins = 10): number {
  const count = new Float64Array(bins);
  const right = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  probabilities.forEach((p, i) => {
    let top = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[top]!) top = k;
    const b = Math.min(bins - 1, Math.floor(p[top]! * bins));
    count[b]!++;
    confidence[b]! += p[top]!;
    if (top === gold[i]) right[b]!++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(right[b]! - confidence[b]!) / probabilities.length;
  return ece;
}

/** Probabilities of `rows` at temperature `t`. */
export function atTemperature(rows: readonly Scored[], t: number): number[][] {
  return rows.map((r) => softmaxAt(r.logits, t));
}
