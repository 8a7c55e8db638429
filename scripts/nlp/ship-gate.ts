/**
 * When a retrained sentiment model may replace the shipped one (train:sentiment applies it; docs/nlp.md
 * states it). Pure: the trainer measures, this decides.
 *
 * (a) Its val mean beats the shipped model's on every one of GATE.seeds seeds, seed by seed (the
 *     candidate's seed k against the shipped settings' seed k, as the shipped file records them):
 *     one seed's mean moves by ±0.3 with the shuffle alone, so a gain on one seed proves nothing, and
 *     a gain against the shipped model's lowest seed can be that noise alone. A file that records
 *     only its own seed is compared on that figure for every seed.
 * (b) It reads right every acceptance case (src/nlp/checklist/acceptance/) the shipped model reads
 *     right: no regression on a sentence the product shows. A case both models misread does not block
 *     a better model; the gate never asks more of a candidate than of what ships today.
 * (c) Language ID + sentiment keep ≥ GATE.minPostsPerCpuSecond on one core, and the model files
 *     stay under GATE.maxModelBytes (the issue's limits). CPU-seconds still stretch on a loaded
 *     machine (shared caches: the shipped model measured 13,500–14,500 at load 11 and 25,564 in
 *     bench:nlp at load 5), so the candidate is timed side by side with the shipped model: it must
 *     be no more than GATE.speedTolerance slower than it, and reach the absolute figure whenever the
 *     shipped model does in the same rounds (when neither does, the machine is too busy to say more
 *     than "no slower than what ships", and bench:nlp on a quieter machine has the last word).
 */
export const GATE = { seeds: 3, minPostsPerCpuSecond: 20_000, speedTolerance: 0.1, maxModelBytes: 50_000_000 } as const;

export interface ShipEvidence {
  /** The shipped settings' val mean macro-F1 per seed as its file records them (the shipped seed first; older files record one). */
  shippedValMeans: readonly number[];
  /** The candidate's val mean macro-F1 per seed (the shipped seed first), as it would ship (Int8). */
  candidateValMeans: readonly number[];
  /** Acceptance case ids the shipped model reads right. */
  shippedRight: readonly string[];
  /** Acceptance case ids the candidate misreads. */
  candidateWrong: readonly string[];
  /** Language ID + sentiment with the candidate, posts per CPU-second on one core. */
  postsPerCpuSecond: number;
  /** The same with the shipped model, measured in alternation with the candidate. */
  shippedPostsPerCpuSecond: number;
  /** src/nlp/models as it would be stored with the candidate. */
  modelBytes: number;
}

export interface ShipVerdict {
  ship: boolean;
  /** One line per rule that refused (empty when `ship`). */
  refusals: string[];
}

const pct = (x: number) => (x * 100).toFixed(2);

/** What the candidate's `seed`-th seed must beat: the shipped settings' same seed, or its only recorded one. */
export function shippedSeedMean(shippedValMeans: readonly number[], seed: number): number {
  return shippedValMeans[seed] ?? shippedValMeans[0] ?? 0;
}

export function shipVerdict(e: ShipEvidence): ShipVerdict {
  const refusals: string[] = [];
  if (e.candidateValMeans.length < GATE.seeds) refusals.push(`(a) ${e.candidateValMeans.length} seed(s) measured, ${GATE.seeds} needed`);
  const notBetter = e.candidateValMeans.filter((m, seed) => !(m > shippedSeedMean(e.shippedValMeans, seed)));
  if (notBetter.length > 0) {
    const shipped = e.candidateValMeans.map((_, seed) => pct(shippedSeedMean(e.shippedValMeans, seed)));
    refusals.push(`(a) val mean ${e.candidateValMeans.map(pct).join(' / ')} does not beat the shipped ${shipped.join(' / ')} on every seed`);
  }
  const regressed = e.shippedRight.filter((id) => e.candidateWrong.includes(id));
  if (regressed.length > 0) refusals.push(`(b) misreads acceptance case(s) the shipped model reads right: ${regressed.join(', ')}`);
  const speeds = `${Math.round(e.postsPerCpuSecond)} posts per CPU-second (shipped model ${Math.round(e.shippedPostsPerCpuSecond)})`;
  if (!(e.postsPerCpuSecond >= e.shippedPostsPerCpuSecond * (1 - GATE.speedTolerance))) refusals.push(`(c) ${speeds}: more than ${GATE.speedTolerance * 100} % slower`);
  else if (e.postsPerCpuSecond < GATE.minPostsPerCpuSecond && e.shippedPostsPerCpuSecond >= GATE.minPostsPerCpuSecond) refusals.push(`(c) ${speeds}: under ${GATE.minPostsPerCpuSecond}`);
  if (!(e.modelBytes < GATE.maxModelBytes)) refusals.push(`(c) models ${(e.modelBytes / 1e6).toFixed(1)} MB, not under ${GATE.maxModelBytes / 1e6} MB`);
  return { ship: refusals.length === 0, refusals };
}
