import { describe, expect, it } from 'vitest';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';
import { it as italian } from './locales/it.ts';
import { bg } from './locales/bg.ts';
import { id } from './locales/id.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const english = leaves(en);
const others = { fr, it: italian, bg, id } as Record<string, Tree>;

describe('translations', () => {
  it('English has a good number of keys to compare against', () => {
    expect(english.size).toBeGreaterThan(150);
  });

  for (const [code, messages] of Object.entries(others)) {
    describe(code, () => {
      const translated = leaves(messages);
      it('has every English key and no other', () => {
        expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      });
      it('has no empty text and keeps every {{placeholder}}', () => {
        for (const [key, text] of english) {
          const other = translated.get(key) ?? '';
          expect(other.trim(), `${code}:${key} is empty`).not.toBe('');
          expect(placeholders(other), `${code}:${key} placeholders`).toEqual(placeholders(text));
        }
      });
      it('is actually translated, not English copied over', () => {
        let same = 0;
        for (const [key, text] of english) if (translated.get(key) === text) same++;
        // Brand names, "ROI", "Email" and the like may stay; most text must not.
        expect(same / english.size).toBeLessThan(code === 'bg' ? 0.05 : 0.3);
      });
    });
  }
});
