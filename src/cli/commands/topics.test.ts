import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('topics');
const { dir } = cli;
const murmur = cli.murmur;

describe('murmur topics / search', () => {
  it('adds, lists, updates, removes topics and searches, all with --json', async () => {
    const file = join(dir, 'mentions.jsonl');
    writeFileSync(
      file,
      [
        { id: '1', text: 'Brewly delivery was late', author: 'alice', created_at: '2026-03-01T10:00:00Z' },
        { id: '2', text: 'Beanly beans are fine', author: 'bob', created_at: '2026-03-02T10:00:00Z' },
        { id: '3', text: 'brewly is great', author: 'carol', created_at: '2026-03-03T10:00:00Z' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    expect(await murmur('import', file, '--no-enrich', '--no-progress', '--json')).toBe(0);

    expect(await murmur('topics', 'add', 'Brewly', '--query', 'brewly', '--no-progress', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ topic: { name: 'Brewly', role: 'brand' }, backfill: { matched: 2 } });
    expect(await murmur('topics', 'add', 'Beanly', '--query', 'beanly', '--competitor', '--no-progress')).toBe(0);
    expect(cli.out).toContain('added Beanly (competitor): beanly');
    expect(cli.out).toContain('matched 1 of 1');

    expect(await murmur('topics', 'list', '--json')).toBe(0);
    expect(JSON.parse(cli.out).map((t: { name: string; mentions: number }) => [t.name, t.mentions])).toEqual([
      ['Beanly', 1],
      ['Brewly', 2],
    ]);

    expect(await murmur('topics', 'update', 'Brewly', '--query', 'brewly NOT late', '--no-progress', '--json')).toBe(0);
    expect(JSON.parse(cli.out).backfill.matched).toBe(1);

    expect(await murmur('search', '--topic', 'Brewly', '--json')).toBe(0);
    expect(JSON.parse(cli.out).mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['3']);
    expect(await murmur('search', 'brewly OR beanly', '--limit', '2', '--json')).toBe(0);
    const first = JSON.parse(cli.out);
    expect(first.mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['3', '2']);
    // The exact total comes with the first page, in JSON and in text.
    expect(first.total).toBe(3);
    expect(await murmur('search', 'brewly', '--sort', 'newest')).toBe(0);
    expect(cli.out).toContain('2 mentions found');
    expect(await murmur('search', '--sort', 'loudest')).toBe(1);
    expect(cli.err).toContain('--sort must be one of newest, reach, engagement, negative, got "loudest"');
    expect(await murmur('search', 'brewly OR beanly', '--limit', '2', '--cursor', first.nextCursor, '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ mentions: [{ externalId: '1' }], nextCursor: null });
    expect(JSON.parse(cli.out).total).toBeUndefined();
    expect(await murmur('search', 'brewly')).toBe(0);
    expect(cli.out).toContain('brewly is great');
    // --to DAY includes that day, like the watch commands' --to; --topic ignores case.
    expect(await murmur('search', '--from', '2026-03-03', '--to', '2026-03-03', '--topic', 'brewly', '--json')).toBe(0);
    expect(JSON.parse(cli.out).mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['3']);
    expect(await murmur('search', '--to', '2026-03-03T00:00:00Z', '--json')).toBe(0);
    expect(JSON.parse(cli.out).mentions.map((m: { externalId: string }) => m.externalId)).toEqual(['2', '1']);
    expect(await murmur('search', '--limit', 'abc')).toBe(1);
    expect(cli.err).toContain('--limit must be a whole number from 1 to 1000, got "abc"');
    expect(await murmur('search', '--from', '2026-02-30')).toBe(1);
    expect(cli.err).toContain('--from must be a date such as 2026-03-01');
    expect(await murmur('search', '--topic', 'Nope')).toBe(1);
    expect(cli.err).toContain('no topic named "Nope" (this workspace has: Beanly, Brewly)');

    expect(await murmur('topics', 'backfill', '--no-progress', '--json')).toBe(0);
    expect(JSON.parse(cli.out).map((r: { topic: string; backfill: { matched: number } }) => [r.topic, r.backfill.matched])).toEqual([
      ['Beanly', 1],
      ['Brewly', 1],
    ]);
    expect(await murmur('topics', 'backfill', 'Nope')).toBe(1);
    expect(cli.err).toContain('no topic named "Nope"');

    // Mentions imported after the topics exist are linked on the way in.
    const more = join(dir, 'more.jsonl');
    writeFileSync(more, JSON.stringify({ id: '4', text: 'Beanly and Brewly, both fine', author: 'dan', created_at: '2026-03-04T10:00:00Z' }));
    expect(await murmur('import', more, '--no-enrich', '--no-progress', '--json')).toBe(0);
    expect(await murmur('topics', 'list', '--json')).toBe(0);
    expect(JSON.parse(cli.out).map((t: { name: string; mentions: number }) => [t.name, t.mentions])).toEqual([
      ['Beanly', 2],
      ['Brewly', 2],
    ]);

    // Why is (or isn't) a stored mention in a topic?
    expect(await murmur('topics', 'test', '--topic', 'Brewly', '--mention', String(first.mentions[0].id), '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ match: true, highlights: [{ text: 'brewly' }] });
    expect(await murmur('topics', 'test', '--topic', 'Brewly', '--text', 'Brewly was late')).toBe(0);
    expect(cli.out).toContain('no match');
    expect(await murmur('topics', 'test', '--topic', 'Brewly', '--mention', '99999')).toBe(1);
    expect(cli.err).toContain('no stored mention with id 99999');
    expect(await murmur('topics', 'test', 'x', '--topic', 'Brewly', '--text', 'x')).toBe(1);
    expect(cli.err).toContain('give either a query or --topic NAME');

    expect(await murmur('topics', 'remove', 'Beanly')).toBe(0);
    expect(cli.out).toContain('removed Beanly');
    expect(await murmur('topics', 'list', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toHaveLength(1);
  });

  it('prints the caret display and exits 1 on a malformed query', async () => {
    expect(await murmur('topics', 'add', 'Bad', '--query', 'brewly AND (late OR')).toBe(1);
    expect(cli.err).toContain('invalid query: expected a term or "(" after OR at position 20');
    expect(cli.err).toContain('  brewly AND (late OR\n                     ^ expected a term or "(" after OR');
    expect(await murmur('search', 'NEAR/2 x')).toBe(1);
    expect(cli.err).toContain('at the start of the query');
    expect(await murmur('topics', 'test', '*x', '--text', 'x')).toBe(1);
    expect(cli.err).toContain('a word cannot start with a wildcard');
  });

  it('explains a match on a sample text', async () => {
    expect(await murmur('topics', 'test', 'brewly NEAR/2 late', '--text', 'Brewly was late', '--json')).toBe(0);
    const result = JSON.parse(cli.out);
    expect(result.match).toBe(true);
    expect(result.highlights.map((h: { text: string }) => h.text)).toEqual(['Brewly', 'late']);
    expect(await murmur('topics', 'test', 'author:alice brewly', '--text', 'Brewly', '--author', 'bob')).toBe(0);
    expect(cli.out).toContain('no match');
    expect(cli.out).toMatch(/✗.*author:alice/);
  });

  it('tests every line of a JSON-lines file, one JSON line out per line in', async () => {
    const file = join(dir, 'sample.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', text: 'Brewly rocks', lang: 'en' }),
        JSON.stringify({ id: 'b', text: 'Brewly rocks', lang: 'fr' }),
        '',
        'not json',
        JSON.stringify({ id: 'c', text: 'Brewly', author: { handle: 'brewly' }, url: 'https://blog.brewly.com/x' }),
        JSON.stringify({ id: 'd' }),
      ].join('\n'),
    );
    expect(await murmur('topics', 'test', 'brewly (lang:en OR site:brewly.com)', '--file', file)).toBe(2);
    const lines = cli.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'a', text: 'Brewly rocks', lang: 'en', match: true },
      { id: 'b', text: 'Brewly rocks', lang: 'fr', match: false },
      { line: 4, match: null, error: expect.stringContaining('not JSON') },
      { id: 'c', text: 'Brewly', author: { handle: 'brewly' }, url: 'https://blog.brewly.com/x', match: true },
      { line: 6, match: null, error: 'missing "text" (a string)' },
    ]);
    expect(await murmur('topics', 'test', 'x', '--file', join(dir, 'missing.jsonl'))).toBe(1);
    expect(cli.err).toContain('no such file');
  });
});
