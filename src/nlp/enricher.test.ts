import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { createEnricher } from './enricher.ts';

function mention(text: string, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'import',
    externalId: text,
    url: null,
    author: { handle: 'a', displayName: null, followers: null },
    text,
    publishedAt: new Date(0),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    ...extra,
  };
}

describe('createEnricher', () => {
  it('fills lang, langConfidence and sentiment in place', () => {
    const batch = [mention('Das ist wirklich nicht gut, sehr enttäuschend.'), mention('😀')];
    createEnricher().enrich(batch);
    expect(batch[0]).toMatchObject({ lang: 'de', sentiment: { label: 'negative' } });
    expect(batch[0]!.langConfidence).toBeGreaterThan(0.5);
    expect(batch[1]).toMatchObject({ lang: 'und', langConfidence: 0 });
    expect(batch[1]!.sentiment).not.toBeNull();
  });

  it('keeps a language already set and scores sentiment in it', () => {
    const batch = [mention('ok', { lang: 'fr', langConfidence: 1 })];
    createEnricher().enrich(batch);
    expect(batch[0]).toMatchObject({ lang: 'fr', langConfidence: 1 });
    expect(batch[0]!.sentiment).toBeTruthy();
  });

  it('lets a network hint tip an ambiguous post but not override a clear one', () => {
    // "Good morning" is the same in Bosnian, Croatian, Serbian and Slovenian: hints should tip it.
    const close = ['bs', 'hr', 'sr', 'sl'];
    const hinted = close.map((hint) => mention('Dobro jutro', { langHint: hint }));
    const clear = mention('This is clearly an English sentence about our product.', { langHint: 'de' });
    createEnricher().enrich([...hinted, clear]);
    const unhinted = [mention('Dobro jutro')];
    createEnricher().enrich(unhinted);
    const tipped = hinted.filter((m) => m.lang === m.langHint && m.lang !== unhinted[0]!.lang);
    expect(tipped.length).toBeGreaterThanOrEqual(1);
    expect(clear.lang).toBe('en');
  });

  it('takes the network\'s language when the text is too short to tell, never when the text is clear', () => {
    // Alone, "Menu" and "ok" come out Indonesian and Albanian with low confidence.
    const batch = [mention('Menu', { langHint: 'pt-BR' }), mention('ok', { langHint: 'de' }), mention('Welche Bohnen?', { langHint: 'en' }), mention('😍🔥', { langHint: 'pl' })];
    createEnricher().enrich(batch);
    expect(batch.map((m) => m.lang)).toEqual(['pt', 'de', 'de', 'und']);
    expect(batch[0]!.langConfidence).toBeLessThan(0.5);
  });
});
