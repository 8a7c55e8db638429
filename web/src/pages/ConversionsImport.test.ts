import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CONVERSION_PROBLEM_CODES } from '../../../src/roi/conversion-problems.ts';
import { en } from '../i18n/locales/en.ts';
import { fr } from '../i18n/locales/fr.ts';
import { rejectReason } from './ConversionsImport.tsx';

describe('refused CRM rows in the reader’s language', () => {
  it('has words for every problem code the API gives (other languages: locales.test.ts)', () => {
    for (const code of CONVERSION_PROBLEM_CODES) expect(en.conversionsImport.problems[code], code).toBeTruthy();
  });

  it('words each problem from its code and field, falling back to the English reason for a code it does not know', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false } });
    const t = i18n.t.bind(i18n);
    expect(rejectReason(t, { line: 5, reason: 'stage: unknown stage "Refund"', problems: [{ code: 'unknown_stage', field: 'stage' }] })).toBe(
      `${fr.conversionsImport.fields.stage} : étape inconnue ; utilisez lead ou sale (ou mql, sql, opportunity, won, purchase…).`,
    );
    expect(rejectReason(t, { line: 7, reason: 'broken CSV: …', problems: [{ code: 'broken_csv', field: null }] })).toBe(fr.conversionsImport.problems.broken_csv);
    const unknown = { line: 9, reason: 'stage: something new', problems: [{ code: 'something_new', field: 'stage' }] };
    expect(rejectReason(t, unknown as never)).toBe('stage: something new');
  });
});
