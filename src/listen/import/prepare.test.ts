import { describe, expect, it } from 'vitest';
import type { Enricher } from '../pipeline.ts';
import { DEFAULT_MAPPING } from './column-mapping.ts';
import { prepareRows } from './prepare.ts';
import { createRowMapper } from './row-mapper.ts';

const toMention = createRowMapper({ mapping: DEFAULT_MAPPING, source: 'import', now: Date.UTC(2026, 10, 22) });

describe('prepareRows', () => {
  it('parses JSON lines, keeps reader problems and mapping problems with their lines, and enriches the rest', () => {
    const enriched: string[] = [];
    const enricher: Enricher = { enrich: (batch) => batch.forEach((m) => (enriched.push(m.externalId), (m.lang = 'en'))) };
    const result = prepareRows(
      [
        { line: 1, raw: '{"id":"1","text":"hi","date":"2026-01-01","author":"a"}' },
        { line: 2, raw: '{"id":"2","text":' },
        { line: 3, raw: 'x'.repeat(20), problem: 'line longer than 2,000,000 bytes' },
        { line: 4, raw: '1;;x', value: { id: '4', text: '', date: '2026-01-01', author: 'a' } },
        { line: 5, raw: 'csv', value: { id: '5', text: 'csv row', date: '2026-01-01', author: 'b' } },
      ],
      toMention,
      enricher,
    );
    expect(result.rows).toBe(5);
    expect(result.mentions.map((m) => [m.externalId, m.lang])).toEqual([['1', 'en'], ['5', 'en']]);
    expect(enriched).toEqual(['1', '5']);
    expect(result.rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'broken JSON'],
      [3, 'line longer than 2,000,000 bytes'],
      [4, 'missing text'],
    ]);
    expect(result.rejects[0]!.raw).toBe('{"id":"2","text":');
  });
});
