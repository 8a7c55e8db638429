import { describe, expect, it } from 'vitest';
import { preferHintWhenUnsure, UNSURE_BELOW } from './hint.ts';

const KNOWN = ['de', 'en', 'pt', 'sq'];

describe('preferHintWhenUnsure', () => {
  it('takes the hint\'s language when detection is unsure', () => {
    expect(preferHintWhenUnsure({ lang: 'sq', confidence: 0.19 }, 'pt-BR', KNOWN)).toEqual({ lang: 'pt', confidence: 0.19 });
    expect(preferHintWhenUnsure({ lang: 'en', confidence: UNSURE_BELOW - 0.001 }, 'de', KNOWN).lang).toBe('de');
  });

  it('keeps a sure answer, an und, and a hint that names no language it knows', () => {
    const sure = { lang: 'en', confidence: UNSURE_BELOW };
    expect(preferHintWhenUnsure(sure, 'de', KNOWN)).toBe(sure);
    const none = { lang: 'und', confidence: 0 };
    expect(preferHintWhenUnsure(none, 'de', KNOWN)).toBe(none);
    const unsure = { lang: 'sq', confidence: 0.2, script: 'Latn' };
    for (const hint of ['nl', 'English', 'und', null, undefined, '']) expect(preferHintWhenUnsure(unsure, hint, KNOWN)).toBe(unsure);
  });
});
