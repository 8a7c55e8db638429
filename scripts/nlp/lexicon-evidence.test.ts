import { describe, expect, it } from 'vitest';
import { lexiconVeto } from './lexicon-evidence.ts';

const post = (text: string, label: string, lang = 'bg') => ({ text, label, lang });
const fold = (text: string) => text.toLowerCase();
const asIs = (word: string) => word;

describe('lexiconVeto', () => {
  // "ужасен" ("terrible") in nine negative posts and one positive; "страхотен" ("great") the other way.
  const rows = [
    ...Array.from({ length: 9 }, (_, i) => post(`Ужасен ден ${i}`, 'negative')),
    post('ужасен и смешен', 'positive'),
    ...Array.from({ length: 9 }, (_, i) => post(`страхотен ден ${i}`, 'positive')),
    post('страхотен провал', 'negative'),
    post('рядка дума', 'negative'),
    post('рядка', 'positive'),
    ...Array.from({ length: 20 }, () => post('ужасен', 'neutral')),
  ];
  const veto = lexiconVeto(rows, { minPosts: 5, minLogOdds: 1 }, fold, asIs);

  it('vetoes a term whose posts lean clearly against its valence', () => {
    expect(veto('bg', 'ужасен', 0.8)).toBe(true);
    expect(veto('bg', 'страхотен', -0.5)).toBe(true);
  });

  it('keeps a term its posts agree with, one seen in too few posts, and one never seen', () => {
    expect(veto('bg', 'ужасен', -0.6)).toBe(false);
    expect(veto('bg', 'страхотен', 0.8)).toBe(false);
    expect(veto('bg', 'рядка', 0.5)).toBe(false);
    expect(veto('bg', 'непозната', 0.5)).toBe(false);
  });

  it('counts posts in the term\'s own language only', () => {
    expect(veto('ru', 'ужасен', 0.8)).toBe(false);
  });

  it('leaves a term alone when its lean against the valence is under the threshold', () => {
    // In a language whose posts are half negative, half positive, "добре" is in 6 negative posts and 4 positive: log-odds ≈ −0.37.
    const rowsOf = (word: string, negative: number, positive: number) => [...Array.from({ length: negative }, () => post(word, 'negative')), ...Array.from({ length: positive }, () => post(word, 'positive'))];
    const mixed = [...rowsOf('добре', 6, 4), ...rowsOf('друго', 14, 16)];
    expect(lexiconVeto(mixed, { minPosts: 5, minLogOdds: 1 }, fold, asIs)('bg', 'добре', 0.4)).toBe(false);
    expect(lexiconVeto(mixed, { minPosts: 5, minLogOdds: 0.3 }, fold, asIs)('bg', 'добре', 0.4)).toBe(true);
  });
});
