/**
 * Posts per CPU-second for language ID + sentiment on one core: the one computation behind the figure
 * bench:nlp prints and the speed rule of the trainer's ship gate (ship-gate.ts).
 */
import { fileURLToPath } from 'node:url';
import { readModels, type NlpModels } from '../../src/nlp/models.ts';
import { loadLangid } from './langid-data.ts';

export interface EnrichmentSpeed {
  posts: number;
  perCpuSecond: number;
  perWallSecond: number;
}

/**
 * Detects and scores `texts` over and over, at least `passes` times and for at least `minWallMs`.
 * CPU time of this single-threaded process, not wall time, so the figure stays meaningful on a
 * shared machine where other jobs take turns on the cores.
 */
export function enrichmentSpeed(nlp: NlpModels, texts: readonly string[], passes: number, minWallMs = 0): EnrichmentSpeed {
  for (const text of texts.slice(0, 2000)) nlp.analyzer.analyze(text, nlp.detector.detect(text).lang); // warm-up (JIT)
  let posts = 0;
  let done = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  while (done < passes || performance.now() - wall < minWallMs) {
    for (const text of texts) nlp.analyzer.analyze(text, nlp.detector.detect(text).lang);
    posts += texts.length;
    done++;
  }
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { posts, perCpuSecond: posts / cpuSeconds, perWallSecond: posts / ((performance.now() - wall) / 1000) };
}

/** Medians of `rounds` alternating one-pass timings of two model sets, so both see the same load. */
export function sideBySideSpeed(shipped: NlpModels, candidate: NlpModels, texts: readonly string[], rounds = 5): { shipped: number; candidate: number } {
  const timings = { shipped: [] as number[], candidate: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    timings.shipped.push(enrichmentSpeed(shipped, texts, 1).perCpuSecond);
    timings.candidate.push(enrichmentSpeed(candidate, texts, 1).perCpuSecond);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { shipped: median(timings.shipped), candidate: median(timings.candidate) };
}

// `node --import tsx scripts/nlp/enrichment-speed.ts SHIPPED_DIR CANDIDATE_DIR`: sideBySideSpeed in a
// fresh process, printed as JSON. The trainer uses it so that its own heap (gigabytes of training
// features, collected at random moments) does not weigh on one of the two timings.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [shippedDir, candidateDir] = process.argv.slice(2);
  const texts = loadLangid('val').map((r) => r.text);
  console.log(JSON.stringify(sideBySideSpeed(readModels(shippedDir), readModels(candidateDir), texts)));
}
