import { describe, expect, it } from 'vitest';
import { analyzeText, foldWord, isHashtag, WORD_RUN } from './words.ts';

describe('analyzeText', () => {
  it('cuts words exactly as WORD_RUN does (the query side uses the regex)', () => {
    const alphabet = ['a', 'Z', '9', '_', ' ', '.', '-', '#', '@', "'", 'é', 'e\u0301', 'Ё', 'ق', 'َ', 'स', 'ि', '्', '\u200d', '☕', '\ufe0f', '😀', '𝔘', 'ß', 'ﬁ', '\u00a0', '\n'];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      const doc = analyzeText(text);
      const expected = [...text.matchAll(WORD_RUN)].map((m) => ({ word: foldWord(m[0]), start: m.index, end: m.index + m[0].length })).filter((w) => w.word !== '');
      expect(doc.words.map((word, p) => ({ word, start: doc.starts[p], end: doc.ends[p] })), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('folds case and diacritics and keeps offsets into the original text', () => {
    const doc = analyzeText('Le CAFÉ, ёлка & القَهْوَة');
    expect(doc.words).toEqual(['le', 'cafe', 'елка', 'القهوة']);
    expect(doc.words.map((_, p) => 'Le CAFÉ, ёлка & القَهْوَة'.slice(doc.starts[p], doc.ends[p]))).toEqual(['Le', 'CAFÉ', 'ёлка', 'القَهْوَة']);
  });

  it('chains repeated words and marks hashtags', () => {
    const doc = analyzeText('#Brew brew a#brew #1 brew');
    expect(doc.first.get('brew')).toBe(0);
    expect([0, 1, 2, 3, 4, 5].map((p) => doc.next[p])).toEqual([1, 3, -1, 5, -1, -1]);
    expect(doc.words.map((_, p) => isHashtag(doc, p))).toEqual([true, false, false, false, false, false]);
  });
});
