import { describe, expect, it } from 'vitest';
import { parseAmount } from './crm-csv.ts';
import { buildUtmUrl, normalizeUtmValue, parseUtm } from './utm.ts';

describe('UTM', () => {
  it('spells every value one way', () => {
    expect(normalizeUtmValue('  Spring Sale 2026! ')).toBe('spring-sale-2026');
    expect(normalizeUtmValue('Été à Lyon')).toBe('ete-a-lyon');
    expect(normalizeUtmValue('news_letter.v2')).toBe('news_letter.v2');
  });

  it('builds a link that keeps other parameters and replaces stale utm_*', () => {
    const url = buildUtmUrl('https://shop.example/p?id=7&utm_source=old', { utm_source: 'Mastodon', utm_medium: 'Social', utm_campaign: 'Spring Sale' });
    expect(url).toBe('https://shop.example/p?id=7&utm_source=mastodon&utm_medium=social&utm_campaign=spring-sale');
    expect(parseUtm(url)).toMatchObject({ utm_source: 'mastodon', utm_campaign: 'spring-sale', utm_content: null });
    expect(() => buildUtmUrl('shop.example', { utm_source: 'a', utm_medium: 'b', utm_campaign: 'c' })).toThrow(/url: "shop.example" is not an absolute URL/);
    expect(() => buildUtmUrl('https://x.example', { utm_source: '!!', utm_medium: 'b', utm_campaign: 'c' })).toThrow(/utm_source/);
  });

  it('reads amounts in the formats CRMs export', () => {
    expect(parseAmount('1 234,50 €')).toBe(1234.5);
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('1.234,5')).toBe(1234.5);
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount('n/a')).toBe('n/a');
  });
});

