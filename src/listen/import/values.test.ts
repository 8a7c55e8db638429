import { describe, expect, it } from 'vitest';
import { LIMITS, LossyNumber, Problem, parseCount, parseDate, parseId, parseLang, parseText, parseUrl } from './values.ts';

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

describe('parseDate: days that do not exist', () => {
  it.each(['2026-02-30T10:00:00Z', '2026-02-29', '2026-04-31 10:00', '2026-13-01', '2026-00-10', '2026-01-00', 'Feb 30 2026', '30 Feb 2026 10:00 +0100', 'Mon, 31 Apr 2025 10:00:00 GMT', 'Wed Feb 30 20:19:24 +0000 2018'])(
    'refuses %s instead of rolling it over',
    (text) => {
      const result = parseDate('published_at', text, NOW);
      expect(result).toBeInstanceOf(Problem);
      expect((result as Problem).message).toMatch(/no such day|unparseable date/);
    },
  );

  it('still reads real days, leap days included', () => {
    expect(parseDate('d', '2024-02-29T10:00:00Z', NOW)).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseDate('d', 'Feb 29 2024', NOW)).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('d', 'Sat, 31 Jan 2026 23:30:00 -0500', NOW)).toBe(Date.UTC(2026, 1, 1, 4, 30));
    expect(parseDate('d', '2026-03-31T23:00:00-02:00', NOW)).toBe(Date.UTC(2026, 3, 1, 1));
  });

  it('refuses years 0000 and 9999', () => {
    expect((parseDate('d', '0000-01-01T00:00:00Z', NOW) as Problem).message).toMatch(/before 1990/);
    expect((parseDate('d', '9999-12-31T00:00:00Z', NOW) as Problem).message).toMatch(/in the future/);
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
    for (const url of ['javascript:alert(1)', 'javascript://x.example/%0aalert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'not a url', 'https://x.example/\u0000']) {
      expect(parseUrl('url', url), url).toBeInstanceOf(Problem);
    }
  });

  it('refuses text the stores cannot keep as it is: NUL and unpaired surrogates', () => {
    expect((parseText('text', 'a\u0000b', 10) as Problem).message).toBe('text: contains a NUL character (U+0000), which cannot be stored');
    expect((parseText('text', '\u0000', 10) as Problem).message).toMatch(/NUL/);
    expect((parseText('text', 'bad \ud83d half', 20) as Problem).message).toMatch(/unpaired UTF-16 surrogate/);
    expect(parseText('text', 'ok \ud83d\ude00', 20)).toBe('ok \ud83d\ude00');
  });

  it('reads ids as text, refusing numbers that lost digits', () => {
    expect(parseId('id', '1790000000000000505', 512)).toBe('1790000000000000505');
    expect(parseId('id', 42, 512)).toBe('42');
    expect(parseId('id', 1790000000000000505, 512)).toBeInstanceOf(LossyNumber);
    expect(parseId('id', 1.5e21, 512)).toBeInstanceOf(LossyNumber);
  });

  it('keeps language tags as BCP 47 tags, none for und', () => {
    expect(parseLang('lang', 'pt-BR')).toBe('pt-BR');
    expect(parseLang('lang', 'pt_br')).toBe('pt-BR');
    expect(parseLang('lang', 'EN')).toBe('en');
    expect(parseLang('lang', 'und')).toBeNull();
    expect(parseLang('lang', 'English!')).toBeInstanceOf(Problem);
  });
});
