import { describe, expect, it } from 'vitest';
import { suggestVerdict, type GuardrailResult } from './analysis.ts';
import type { CountComparison } from './counts.ts';

const breached: GuardrailResult = { name: 'core', measure: 'mentions', maxDropPct: 20, changePct: -30, breached: true, note: '' };
const count = (lo: number, hi: number) => ({ ci: [lo, hi] }) as unknown as CountComparison & { detectableLift: number };

describe('suggested verdict', () => {
  it('adopts a clear gain, iterates a gain that hurts the core, drops a clear loss', () => {
    expect(suggestVerdict({ decision: 'significant', direction: 'better', guardrails: [], rate: null, count: count(0.1, 0.3) })).toBe('adopt');
    expect(suggestVerdict({ decision: 'significant', direction: 'better', guardrails: [breached], rate: null, count: count(0.1, 0.3) })).toBe('iterate');
    expect(suggestVerdict({ decision: 'significant', direction: 'worse', guardrails: [], rate: null, count: count(-0.3, -0.1) })).toBe('drop');
  });

  it('iterates an inconclusive run that cannot rule out a worthwhile gain, drops one that rules it out', () => {
    expect(suggestVerdict({ decision: 'no detectable effect', direction: 'worse', guardrails: [], rate: null, count: count(-0.15, 0.14) })).toBe('iterate');
    expect(suggestVerdict({ decision: 'no detectable effect', direction: 'better', guardrails: [], rate: null, count: count(-0.04, 0.05) })).toBe('drop');
    expect(suggestVerdict({ decision: 'no detectable effect', direction: 'better', guardrails: [breached], rate: null, count: count(-0.1, 0.3) })).toBe('drop');
  });

  it('waits while there is not enough data', () => {
    expect(suggestVerdict({ decision: 'not enough data yet', direction: 'better', guardrails: [], rate: null, count: null })).toBeNull();
  });
});
