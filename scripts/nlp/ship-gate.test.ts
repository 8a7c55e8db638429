import { describe, expect, it } from 'vitest';
import { GATE, shipVerdict, type ShipEvidence } from './ship-gate.ts';

// The partial-label candidate's situation: better on val, the crisis posts right as before, the
// Italian case newly right, the Bulgarian case wrong as it is for the shipped model.
const passing: ShipEvidence = {
  shippedValMeans: [0.6406],
  candidateValMeans: [0.6459, 0.6452, 0.6441],
  shippedRight: ['demo-crisis-post', 'demo-crisis-repost'],
  candidateWrong: ['demo-bg-kind-staff'],
  postsPerCpuSecond: 24_000,
  shippedPostsPerCpuSecond: 25_000,
  modelBytes: 4_000_000,
};

describe('sentiment ship gate', () => {
  it('ships a model better on every seed that misreads only what the shipped model misreads', () => {
    expect(shipVerdict(passing)).toEqual({ ship: true, refusals: [] });
  });

  it('refuses a gain that does not hold on every seed, or fewer seeds than the rule asks', () => {
    const oneSeedBelow = shipVerdict({ ...passing, candidateValMeans: [0.6459, 0.6452, 0.6406] });
    expect(oneSeedBelow.ship).toBe(false);
    expect(oneSeedBelow.refusals.join()).toMatch(/\(a\).*64\.06/);
    expect(shipVerdict({ ...passing, candidateValMeans: passing.candidateValMeans.slice(0, GATE.seeds - 1) }).ship).toBe(false);
  });

  it('compares seed by seed with the shipped settings\' own seeds when the file records them', () => {
    // The word-trigram model's seeds: a candidate at 65.0 on each seed beats its lowest (64.93) only.
    const shipped = { ...passing, shippedValMeans: [0.6493, 0.6553, 0.6509] };
    const noise = shipVerdict({ ...shipped, candidateValMeans: [0.65, 0.65, 0.65] });
    expect(noise.ship).toBe(false);
    expect(noise.refusals).toEqual(['(a) val mean 65.00 / 65.00 / 65.00 does not beat the shipped 64.93 / 65.53 / 65.09 on every seed']);
    expect(shipVerdict({ ...shipped, candidateValMeans: [0.6494, 0.6554, 0.651] }).ship).toBe(true);
  });

  it('refuses a model that misreads an acceptance case the shipped model reads right, naming it', () => {
    const verdict = shipVerdict({ ...passing, candidateWrong: ['demo-crisis-post', 'demo-bg-kind-staff'] });
    expect(verdict.ship).toBe(false);
    expect(verdict.refusals).toEqual(['(b) misreads acceptance case(s) the shipped model reads right: demo-crisis-post']);
  });

  it('refuses a model too slow or too large', () => {
    expect(shipVerdict({ ...passing, postsPerCpuSecond: 19_999 }).refusals).toEqual(['(c) 19999 posts per CPU-second (shipped model 25000): more than 10 % slower']);
    expect(shipVerdict({ ...passing, postsPerCpuSecond: 19_999, shippedPostsPerCpuSecond: 21_000 }).refusals).toEqual([
      '(c) 19999 posts per CPU-second (shipped model 21000): under 20000',
    ]);
    expect(shipVerdict({ ...passing, modelBytes: 50_000_000 }).refusals).toEqual(['(c) models 50.0 MB, not under 50 MB']);
  });

  it('on a machine too busy for the shipped model to reach the figure, asks the candidate to be no slower than it', () => {
    expect(shipVerdict({ ...passing, postsPerCpuSecond: 13_200, shippedPostsPerCpuSecond: 14_000 }).ship).toBe(true);
    expect(shipVerdict({ ...passing, postsPerCpuSecond: 11_000, shippedPostsPerCpuSecond: 14_000 }).ship).toBe(false);
  });
});
