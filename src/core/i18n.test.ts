import { describe, expect, it } from 'vitest';
import { REPORT_LANGS, wordsFor } from './i18n.ts';

describe('report words', () => {
  it('puts counted nouns in the plural form of each language (Intl.PluralRules)', async () => {
    const cases: Record<(typeof REPORT_LANGS)[number], [string, string, string]> = {
      en: ['1 mention', '2 mentions', '1 negative mention'],
      fr: ['1 mention', '2 mentions', '1 mention négative'],
      it: ['1 menzione', '2 menzioni', '1 menzione negativa'],
      bg: ['1 споменаване', '2 споменавания', '1 негативно споменаване'],
      id: ['1 sebutan', '2 sebutan', '1 sebutan negatif'],
    };
    for (const lang of REPORT_LANGS) {
      const w = await wordsFor(lang);
      expect([w.count('mentions', 1), w.count('mentions', 2), w.count('negativeMentions', 1)], lang).toEqual(cases[lang]);
    }
    const en = await wordsFor('en');
    expect(en.count('days', 1.04, 1)).toBe('1 day'); // shown as 1: singular
    expect(en.count('days', 1.5, 1)).toBe('1.5 days');
    expect(en.count('replies', 1234)).toBe('1,234 replies');
    expect((await wordsFor('fr')).count('days', 1.5, 1)).toBe('1,5 jour'); // French: below 2 is singular
  });

  it('leaves no number to agree with in the sentences that take a formatted number', async () => {
    const en = await wordsFor('en');
    expect(en.t('spike.line', { direction: 'Rise', metric: 'volume', when: 'today', value: '12', expected: '1', ratio: '×12' })).toBe('Rise of volume today: 12 against a usual 1 (×12).');
    expect(en.t('crisis.post', { author: 'ana', source: 'mastodon', reach: '1' })).toBe('High-reach negative post by @ana on mastodon, reach 1.');
  });
});
