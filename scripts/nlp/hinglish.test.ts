import { describe, expect, it } from 'vitest';
import { romanizeHindi } from './hinglish.ts';

describe('romanizeHindi', () => {
  it('writes long vowels doubled and single, and drops the inherent vowel at the end', () => {
    expect(romanizeHindi('बेकार')).toEqual(['bekaar', 'bekar']);
    expect(romanizeHindi('मस्त')).toEqual(['mast']);
    expect(romanizeHindi('खुश')).toEqual(['khush']);
  });

  it('gives the common spellings of a doubled consonant', () => {
    expect(romanizeHindi('अच्छा')).toEqual(expect.arrayContaining(['achchha', 'accha', 'achha', 'acha']));
  });

  it('drops a medial inherent vowel the way speech does, as a variant', () => {
    const spellings = romanizeHindi('समझना');
    expect(spellings).toContain('samajhna');
    expect(spellings).not.toContain('samjhna');
    expect(romanizeHindi('ज़बरदस्त')).toContain('zabardast');
  });

  it('answers nothing for a word that is not all Devanagari', () => {
    expect(romanizeHindi('film')).toEqual([]);
    expect(romanizeHindi('बेकारx')).toEqual([]);
    expect(romanizeHindi('')).toEqual([]);
  });
});
