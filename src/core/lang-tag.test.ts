import { describe, expect, it } from 'vitest';
import { languageTag, primaryLanguage } from './lang-tag.ts';

describe('languageTag', () => {
  it('writes tags in BCP 47 case and reads "_" as "-"', () => {
    expect(languageTag('EN')).toBe('en');
    expect(languageTag(' pt-br ')).toBe('pt-BR');
    expect(languageTag('en_US')).toBe('en-US');
    expect(languageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(languageTag('es-419')).toBe('es-419');
  });

  it('gives null for what is not a language tag or names no language', () => {
    for (const raw of ['English', 'x-default', '', 'e', 'en--us', 'und', 'MUL', 'zxx', null, 42, `en-${'a'.repeat(40)}`]) expect(languageTag(raw)).toBeNull();
  });

  it('reads the language without region or script', () => {
    expect(primaryLanguage('pt-BR')).toBe('pt');
    expect(primaryLanguage('fil')).toBe('fil');
    expect(primaryLanguage('und')).toBeNull();
  });
});
