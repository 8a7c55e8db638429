import { describe, expect, it } from 'vitest';
import { analyzeBatch, analyzeSentiment, detectLanguage, readModels } from './index.ts';

describe('shipped models', () => {
  it('load from the repository alone', () => {
    const { detector } = readModels();
    expect(detector.languages).toContain('hi');
    expect(detector.languages.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['This is not good, not good at all.', 'en'],
    ["Franchement, ce film n'est pas terrible, je me suis ennuyé.", 'fr'],
    ['Не е добре, много съм разочарован.', 'bg'],
    ['Makanannya tidak bagus dan pelayanannya lambat.', 'id'],
  ])('reads negated praise as negative: %s', (text, lang) => {
    const sentiment = analyzeSentiment(text, lang);
    expect(sentiment.probabilities.negative).toBeGreaterThan(sentiment.probabilities.positive);
    expect(sentiment.score).toBeLessThan(0);
  });

  // The issue's own examples, bare: at least the lean must be right.
  it.each([
    ['not good', 'en', -1],
    ['pas terrible', 'fr', -1],
    ['не е добре', 'bg', -1],
    ['tidak bagus', 'id', -1],
    ['non è male', 'it', 1],
  ])('leans the right way on the bare negation %s', (text, lang, sign) => {
    expect(Math.sign(analyzeSentiment(text as string, lang as string).score)).toBe(sign);
  });

  it.each([
    ['Non è male, anzi mi è piaciuto molto!', 'it'],
    ['Not bad at all, I really liked it!', 'en'],
  ])('reads negated criticism as not negative: %s', (text, lang) => {
    const sentiment = analyzeSentiment(text, lang);
    expect(sentiment.label).not.toBe('negative');
    expect(sentiment.score).toBeGreaterThan(0);
  });

  it('gives calibrated probabilities that sum to 1 and a score in [-1, 1]', () => {
    const { probabilities, score } = analyzeSentiment('I love this so much ❤️❤️', 'en');
    expect(probabilities.negative + probabilities.neutral + probabilities.positive).toBeCloseTo(1, 2);
    expect(probabilities.positive).toBeGreaterThan(0.6);
    expect(score).toBeGreaterThan(0.5);
  });

  it.each(['😀😀😀', '🔥🔥 👍', 'https://example.com/x?y=1', '@alice @bob@mastodon.social', '#1 2026 !!!', '@user http'])(
    'answers und with confidence 0 on a post with no language: %s',
    (text) => {
      expect(detectLanguage(text)).toEqual({ lang: 'und', confidence: 0 });
    },
  );

  it('identifies romanized Hindi as hi in Latin script', () => {
    const guess = detectLanguage('yaar ye movie toh bahut bakwas thi, paisa barbaad ho gaya');
    expect(guess).toMatchObject({ lang: 'hi', script: 'Latn' });
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it.each([
    ['Je ne sais pas quoi penser de ce nouveau produit, franchement.', 'fr'],
    ['Das neue Update ist wirklich eine Katastrophe für uns alle.', 'de'],
    ['Il servizio clienti non mi ha mai risposto, che vergogna.', 'it'],
    ['Новият модел на телефона е много по-добър от стария.', 'bg'],
    ['Pelayanannya ramah dan tempatnya bersih sekali.', 'id'],
    ['El servicio al cliente fue excelente, muy recomendable.', 'es'],
    ['O atendimento foi péssimo e ninguém resolveu nada.', 'pt'],
    ['الخدمة كانت ممتازة وسأعود مرة أخرى', 'ar'],
    ['Καλημέρα σε όλους, τι ωραία μέρα', 'el'],
  ])('identifies %s as %s, ignoring links and handles', (text, lang) => {
    const guess = detectLanguage(`@brand ${text} https://t.co/xyz #promo`);
    expect(guess.lang).toBe(lang);
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it('uses a network hint only to tip close calls', () => {
    expect(detectLanguage('The service was terrible and nobody answered my emails.', 'fr').lang).toBe('en');
  });

  it('batch gives the same answers as the single forms', () => {
    const texts = ['I love it', "c'est nul", 'tidak bagus', '😀', 'yeh bahut accha hai'];
    const batch = analyzeBatch(texts);
    texts.forEach((text, i) => {
      const language = detectLanguage(text);
      expect(batch[i]!.language).toEqual(language);
      expect(batch[i]!.sentiment).toEqual(analyzeSentiment(text, language.lang));
    });
  });
});
