import { describe, expect, it } from 'vitest';
import { detectLanguage } from './index.ts';
import { cyrillicRule, shouldRecheckLatin } from './untrained.ts';

describe('languages outside the trained 20', () => {
  it.each([
    ['Dit is een mooie dag in Amsterdam', 'nl'],
    ['Dnes je krásný den v Praze', 'cs'],
    ['Bugün hava çok güzel', 'tr'],
    ['Astăzi este o zi frumoasă', 'ro'],
    ['Сьогодні чудовий день у Києві, їдемо до моря', 'uk'],
    ['Денес е убав ден во Скопје, одиме на ќе прошетка', 'mk'],
  ])('%s → %s', (text, lang) => {
    const guess = detectLanguage(text);
    expect(guess.lang).toBe(lang);
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it.each([
    ['Heute ist ein schöner Tag in Berlin', 'de'],
    ['Dnes je krásny deň v Bratislave', 'sk'],
    ['Ma nem megyek dolgozni, túl fáradt vagyok', 'hu'],
    ['Hoje está um dia lindo em Lisboa', 'pt'],
    ['Hoy hace un día precioso en Madrid', 'es'],
    ['Oggi è una bella giornata a Roma', 'it'],
    ['Сегодня прекрасный день в Москве', 'ru'],
    ['Днес е хубав ден в София', 'bg'],
    ['Idag är det en fin dag i Stockholm', 'sv'],
    ['Danas je lijep dan u Zagrebu, idemo van', 'hr'],
    ['Dzisiaj jest piękny dzień w Warszawie', 'pl'],
    ['This is a lovely day in London', 'en'],
  ])('our own languages still answer: %s → %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('und rules are unchanged', () => {
    expect(detectLanguage('😀😀 https://t.co/x @brand')).toEqual({ lang: 'und', confidence: 0 });
  });

  it('Cyrillic letters only Ukrainian or Macedonian use decide them', () => {
    expect(cyrillicRule('їжак', 'ru')).toBe('uk');
    expect(cyrillicRule('ѕвезда', 'bg')).toBe('mk');
    expect(cyrillicRule('і ў', 'ru')).toBeNull(); // Belarusian
    expect(cyrillicRule('привет', 'ru')).toBeNull();
    // one Ukrainian hashtag in a long Russian post
    expect(cyrillicRule('вот мы в свое время просрали момент удачи вам украинцы вы же понимаете что решать нужно именно сегодня євромайдан', 'ru')).toBeNull();
  });

  it('romanized Hindi never goes to the second opinion', () => {
    expect(shouldRecheckLatin('yaar ye movie bahut bakwas thi', 'hi', 0.3)).toBe(false);
    expect(shouldRecheckLatin('het is mooi weer vandaag', 'de', 0.95)).toBe(true);
    expect(shouldRecheckLatin('ich bin heute sehr müde', 'de', 0.99)).toBe(false);
    expect(shouldRecheckLatin('het is mooi', 'de', 0.5)).toBe(false); // too short to overrule us
    // a confident Slovak or Swedish answer is re-checked only on a cue of its untrained neighbour
    expect(shouldRecheckLatin('dnes je krásny deň v bratislave', 'sk', 1)).toBe(false);
    expect(shouldRecheckLatin('dnes je krásný den v praze', 'sk', 1)).toBe(true);
    expect(shouldRecheckLatin('idag är det en fin dag i stockholm', 'sv', 1)).toBe(false);
    expect(shouldRecheckLatin('i dag er det en fin dag i oslo', 'sv', 1)).toBe(true);
    expect(shouldRecheckLatin('danas je dobar dan u zagrebu', 'hr', 0.5)).toBe(false);
  });
});
