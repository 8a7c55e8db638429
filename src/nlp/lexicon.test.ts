import { describe, expect, it } from 'vitest';
import { Lexicon, valenceOf } from './lexicon.ts';

const rows = [
  's\tar\tممتاز\t0.6',
  's\tar\tخدمه\t0.2',
  's\tar\tافضل\t0.4',
  's\ten\tgood\t0.5',
  'f\tar\tأ\tا',
  'f\tar\tة\tه',
  'a\tar\tال-',
  'a\tar\tو-',
  'a\tar\tوال-',
  'a\tar\t-ه',
  'a\tar\t-ات',
].join('\n');

describe('Lexicon lookups with letter folds and clitics', () => {
  const lexicon = Lexicon.parse(rows, 'test');
  const ar = lexicon.forLang('ar');

  it('finds a word written with another letter form, or with a clitic attached', () => {
    expect(valenceOf(ar, 'أفضل')).toBe(0.4);
    expect(valenceOf(ar, 'ممتازة')).toBe(0.6); // ة folds to ه, then the suffix comes off
    expect(valenceOf(ar, 'والخدمة')).toBe(0.2); // the longest prefix first
    expect(valenceOf(ar, 'الممتازات')).toBe(0.6); // a prefix and a suffix
  });

  it('never strips a word down to under three letters, and answers undefined for a word not listed', () => {
    expect(valenceOf(Lexicon.parse('s\tar\tحب\t0.5\na\tar\tال-', 'test').forLang('ar'), 'الحب')).toBeUndefined();
    expect(valenceOf(ar, 'كتاب')).toBeUndefined();
  });

  it('looks a word up as it is in a language without folds or clitics', () => {
    expect(valenceOf(lexicon.forLang('en'), 'good')).toBe(0.5);
    expect(valenceOf(lexicon.forLang('en'), 'thegood')).toBeUndefined();
  });

  it('takes a suffix off in a language that lists suffixes only', () => {
    expect(valenceOf(Lexicon.parse('s\tar\tممتاز\t0.6\na\tar\t-ه', 'test').forLang('ar'), 'ممتازه')).toBe(0.6);
  });

  it('names a malformed clitic or letter-fold row', () => {
    expect(() => Lexicon.parse('a\tar\tال', 'lexicon.tsv')).toThrow(/lexicon.tsv:1: a clitic is written "PREFIX-" or "-SUFFIX"/);
    expect(() => Lexicon.parse('f\tar\tأ', 'lexicon.tsv')).toThrow(/lexicon.tsv:1: a letter fold is written/);
  });
});
