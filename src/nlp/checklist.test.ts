import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as templates from '../demo/templates.ts';
import { CAPABILITIES, CHECKLIST_DIR, checklistPassRates, loadChecklist, type ChecklistCase } from './checklist.ts';

const LABELS = ['negative', 'neutral', 'positive'];
const cases = loadChecklist();

/** Every string the demo's templates hold, brand and topic slots removed. */
function demoTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(demoTexts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(demoTexts);
  return [];
}

describe('the sentiment checklist set', () => {
  it('is well formed: one file per language, known capabilities and labels, unique ids', () => {
    const files = readdirSync(CHECKLIST_DIR).filter((f) => f.endsWith('.jsonl'));
    expect(files.map((f) => f.replace('.jsonl', ''))).toEqual(expect.arrayContaining(['en', 'fr', 'it', 'bg', 'id']));
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const c of cases) {
      const where = `${c.lang}.jsonl ${c.id}`;
      if (Object.keys(c).sort().join() !== 'capability,expected,group,id,lang,text') problems.push(`${where}: fields ${Object.keys(c).join(', ')}`);
      if (!(CAPABILITIES as readonly string[]).includes(c.capability)) problems.push(`${where}: capability ${c.capability}`);
      if (!LABELS.includes(c.expected)) problems.push(`${where}: expected ${c.expected}`);
      if (!c.id.startsWith(`${c.lang}-${c.capability}-`) || !c.id.startsWith(c.group)) problems.push(`${where}: id does not name its language, capability and group`);
      if (typeof c.text !== 'string' || c.text.trim() === '') problems.push(`${where}: empty text`);
      if (ids.has(c.id)) problems.push(`${where}: duplicate id`);
      ids.add(c.id);
    }
    expect(problems).toEqual([]);
  });

  it('covers negation, contrast, price/value, questions and emoji in every language, in minimal pairs', () => {
    const byLang = new Map<string, ChecklistCase[]>();
    for (const c of cases) byLang.set(c.lang, [...(byLang.get(c.lang) ?? []), c]);
    for (const [lang, own] of byLang) {
      const capabilities = new Set(own.map((c) => c.capability));
      for (const needed of ['negation', 'contrast', 'price_value', 'question', 'emoji'] as const) expect(capabilities, `${lang} ${needed}`).toContain(needed);
      // A negation pair flips the label: the same sentence with and without the negation.
      const negations = own.filter((c) => c.capability === 'negation');
      const groups = new Map<string, Set<string>>();
      for (const c of negations) groups.set(c.group, (groups.get(c.group) ?? new Set()).add(c.expected));
      expect([...groups.values()].some((labels) => labels.size === 2), `${lang} negation pairs`).toBe(true);
    }
  });

  it('holds none of the demo stream’s own sentences', () => {
    const demo = demoTexts(templates)
      .map((t) => t.replace(/\{[a-z]+\}/g, '').trim().toLowerCase())
      .filter((t) => t.length > 12);
    const copied = cases.filter((c) => demo.some((d) => c.text.toLowerCase().includes(d) || d.includes(c.text.toLowerCase())));
    expect(copied.map((c) => c.id)).toEqual([]);
  });

  it('scores a reader per capability and language', () => {
    const sample = cases.filter((c) => c.lang === 'en' && (c.capability === 'negation' || c.capability === 'emoji'));
    const rates = checklistPassRates(sample, (text) => (/not|never|😡/.test(text) ? 'negative' : 'positive'));
    // The keyword reader misses the negated negative ("not slow at all") and the upside-down face.
    expect(rates).toEqual([
      { capability: 'negation', lang: 'en', passed: 4, cases: 6 },
      { capability: 'emoji', lang: 'en', passed: 2, cases: 3 },
    ]);
  });
});
