import { describe, expect, it } from 'vitest';
import { SAMPLE_BRAND, groundTruth } from '../demo/ground-truth.ts';
import { brandPosts, crisisPost } from '../demo/templates.ts';
import { acceptanceFailures, loadAcceptance } from './acceptance.ts';
import { loadChecklist } from './checklist.ts';

const cases = loadAcceptance();

describe('sentiment acceptance cases', () => {
  it('hold the demo sentences issue 17 and the crisis day stand on', () => {
    expect(cases.map((c) => [c.id, c.expected])).toEqual(
      expect.arrayContaining([
        ['demo-crisis-post', 'negative'],
        ['demo-it-price-complaint', 'negative'],
        ['demo-bg-kind-staff', 'positive'],
      ]),
    );
  });

  it('are sentences the demo really shows, with the label the demo gives them', () => {
    const shown = new Map<string, string>([[crisisPost, 'negative'], [`RT @${groundTruth.crisis.author}: ${crisisPost}`, 'negative']]);
    for (const byLabel of Object.values(brandPosts))
      for (const [label, texts] of Object.entries(byLabel)) for (const text of texts) shown.set(text.replaceAll('{b}', SAMPLE_BRAND), label);
    expect(cases.filter((c) => shown.get(c.text) !== c.expected).map((c) => c.id)).toEqual([]);
  });

  it('stay out of the CheckList capability cases', () => {
    const ids = new Set(loadChecklist().map((c) => c.id));
    expect(cases.filter((c) => ids.has(c.id))).toEqual([]);
  });

  it('name the cases a reader gets wrong, with its answer', () => {
    const failures = acceptanceFailures(cases, (text) => (/unacceptable|non ne vale/.test(text) ? 'negative' : 'neutral'));
    expect(failures.map((f) => [f.id, f.got])).toEqual([['demo-bg-kind-staff', 'neutral']]);
  });
});
