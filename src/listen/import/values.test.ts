import { describe, expect, it } from 'vitest';
import { LIMITS, Problem, parseCount, parseDate, parseLang, parseText, parseUrl } from './values.ts';

const NOW = Date.UTC(2026, 10, 22);

describe('parseDate', () => {
  it('reads ISO 8601, zone-less as UTC, Twitter and epoch seconds or milliseconds', () => {
    expect(parseDate('d', '2026-03-01T10:00:00+02:00', NOW)).toBe(Date.UTC(2026, 2, 1, 8));
    expect(parseDate('d', '2026-03-01 10:00', NOW)).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseDate('d', '2026-03-01T10:00:00.250', NOW)).toBe(Date.UTC(2026, 2, 1, 10, 0, 0, 250));
    expect(parseDate('d', '2026-03-01', NOW)).toBe(Date.UTC(2026, 2, 1));
    expect(parseDate('d', 'Wed Oct 10 20:19:24 +0000 2018', NOW)).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
    expect(parseDate('d', 1767000000, NOW)).toBe(1767000000000);
    expect(parseDate('d', '1767000000123', NOW)).toBe(1767000000123);
    expect(parseDate('d', '1767000000.5', NOW)).toBe(1767000000500);
  });

  it('reads a time without a zone as UTC whatever the machine time zone', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseDate('d', 'March 1, 2026 10:00', NOW)).toBe(Date.UTC(2026, 2, 1, 10));
      expect(parseDate('d', '2026-03-01 10:00', NOW)).toBe(Date.UTC(2026, 2, 1, 10));
      expect(parseDate('d', '1 Mar 2026 10:00 +0100', NOW)).toBe(Date.UTC(2026, 2, 1, 9));
      expect(parseDate('d', 'Sun, 01 Mar 2026 10:00:00 GMT', NOW)).toBe(Date.UTC(2026, 2, 1, 10));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('refuses day/month order it would have to guess', () => {
    expect((parseDate('d', '01/03/2026', NOW) as Problem).message).toMatch(/ambiguous date "01\/03\/2026"/);
  });

  it('refuses text that is no date, dates before 1990 and dates in the future', () => {
    expect(parseDate('published_at', 'yesterday', NOW)).toEqual(new Problem('published_at: unparseable date "yesterday"'));
    expect((parseDate('d', 0, NOW) as Problem).message).toMatch(/before 1990/);
    expect((parseDate('d', '2027-01-01', NOW) as Problem).message).toMatch(/in the future/);
    expect((parseDate('d', { at: 1 }, NOW) as Problem).message).toMatch(/expected a date/);
  });
});

describe('parseCount', () => {
  it('reads whole numbers with thousands separators', () => {
    expect(parseCount('likes', 12)).toBe(12);
    expect(parseCount('likes', '1,234')).toBe(1234);
    expect(parseCount('likes', ' 7 ')).toBe(7);
    expect(parseCount('likes', '12.0')).toBe(12);
  });

  it.each([-3, '-3', '1.5', 1.5, 'many', '12,34', true, Number.MAX_SAFE_INTEGER + 2])('refuses %j', (value) => {
    expect(parseCount('likes', value)).toBeInstanceOf(Problem);
  });
});

describe('other values', () => {
  it('refuses over-long text and non-scalar text', () => {
    expect(parseText('text', 'x'.repeat(LIMITS.textChars), LIMITS.textChars)).toHaveLength(LIMITS.textChars);
    expect((parseText('text', 'x'.repeat(LIMITS.textChars + 1), LIMITS.textChars) as Problem).message).toBe(
      'text: 100,001 characters, over the limit of 100,000',
    );
    expect((parseText('text', ['a'], 10) as Problem).message).toBe('text: expected text, got an array');
  });

  it('accepts http(s) URLs only', () => {
    expect(parseUrl('url', ' https://example.com/a?b=1 ')).toBe('https://example.com/a?b=1');
    expect(parseUrl('url', 'javascript:alert(1)')).toBeInstanceOf(Problem);
    expect(parseUrl('url', 'not a url')).toBeInstanceOf(Problem);
  });

  it('reduces language tags to their primary subtag', () => {
    expect(parseLang('lang', 'pt-BR')).toBe('pt');
    expect(parseLang('lang', 'EN')).toBe('en');
    expect(parseLang('lang', 'English!')).toBeInstanceOf(Problem);
  });
});
