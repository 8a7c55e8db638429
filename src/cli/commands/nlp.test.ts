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
});
