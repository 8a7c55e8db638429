import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('nlp');

describe('murmur nlp', () => {
  it('accepts --json (its output is JSON lines either way)', async () => {
    const file = join(cli.dir, 'posts.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 1, text: 'I love this coffee, it is wonderful' })}\n${JSON.stringify({ id: 2, text: 'Ce café est vraiment horrible' })}\n`);
    expect(await cli.murmur('nlp', file)).toBe(0);
    const plain = cli.out;
    expect(await cli.murmur('nlp', file, '--json')).toBe(0);
    expect(cli.out).toBe(plain);
    const rows = cli.out.trim().split('\n').map((line) => JSON.parse(line) as { id: number; lang: string; sentiment: string });
    expect(rows.map((r) => [r.id, r.lang])).toEqual([[1, 'en'], [2, 'fr']]);
  });

  it('adapts to the workspace\'s corrections (`nlp adapt`), says from how many (`nlp adapter`), and `enrich --all` keeps it', async () => {
    const wording = ['Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'Anche oggi Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'Brewly ha alzato di nuovo i prezzi: non ne vale la pena!'];
    const file = join(cli.dir, 'wording.jsonl');
    writeFileSync(file, wording.map((text, i) => JSON.stringify({ id: `w${i}`, text, created_at: '2026-03-01T10:00:00Z', author: 'marco' })).join('\n'));
    expect(await cli.murmur('import', file, '--no-progress')).toBe(0);
    expect(await cli.murmur('search', '--json', '--limit', '10')).toBe(0);
    const found = JSON.parse(cli.out) as { mentions: { id: number; sentiment: { label: string } | null }[] };
    const base = found.mentions[0]!.sentiment!.label;
    const target = base === 'negative' ? 'positive' : 'negative';
    const ids = found.mentions.map((m) => m.id).sort((a, b) => a - b);

    expect(await cli.murmur('nlp', 'adapter', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual({ corrections: 0, adaptedFrom: null, trainedAt: null, stale: false, heldOut: null, applied: false });
    expect(await cli.murmur('inbox', 'correct', String(ids[0]), String(ids[1]), '--sentiment', target)).toBe(0);
    expect(await cli.murmur('nlp', 'adapt', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ corrections: 2, scanned: 3, changed: 1 });
    expect(await cli.murmur('nlp', 'adapter')).toBe(0);
    expect(cli.out).toMatch(/^adapted from 2 corrections on 20\S+ \(2 now\); held-out check 0 fixed \/ 0 broken$/m);

    expect(await cli.murmur('enrich', '--all', '--json', '--no-progress')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ scanned: 3, changed: 0 });
    expect(await cli.murmur('search', '--json', '--limit', '10')).toBe(0);
    expect((JSON.parse(cli.out) as typeof found).mentions.map((m) => m.sentiment?.label)).toEqual([target, target, target]);
  });
});
