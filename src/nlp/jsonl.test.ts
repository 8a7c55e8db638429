import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enrichJsonLines } from './jsonl.ts';
import { models } from './models.ts';
import { MURMUR_FROM_SOURCE } from '../cli/source-entry.ts';

const INPUT = [
  JSON.stringify({ id: 1, text: 'I absolutely love the new update, great job! 😍' }),
  '',
  '{not json',
  JSON.stringify({ id: 2, body: 'no text field' }),
  JSON.stringify({ id: 3, text: 'yaar ye service bahut bekaar hai, koi jawab nahi deta' }),
  JSON.stringify({ id: 4, text: '🔥🔥🔥' }),
].join('\n');

async function collect(stream: PassThrough): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('enrichJsonLines', () => {
  it('adds lang, lang_confidence, sentiment and sentiment_scores, keeps the other fields, reports bad lines', async () => {
    const output = new PassThrough();
    const collected = collect(output);
    const result = await enrichJsonLines(Readable.from([INPUT]), output, models());
    output.end();
    const rows = (await collected).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(result).toMatchObject({ lines: 6, written: 3 });
    expect(result.rejected).toEqual([
      { line: 3, reason: expect.stringContaining('not JSON') },
      { line: 4, reason: 'no string "text" field' },
    ]);
    expect(rows.map((r) => r.id)).toEqual([1, 3, 4]);
    expect(rows[0]).toMatchObject({ lang: 'en', sentiment: 'positive' });
    // The sentiment the runtime gives the text, not a pinned label: romanized Hindi is at chance on val
    // (its calibrated probabilities are nearly flat, and this complaint ties negative/neutral).
    expect(rows[1]).toMatchObject({ lang: 'hi', lang_script: 'Latn', sentiment: models().analyzer.analyze(String(rows[1]!.text), 'hi').label });
    expect(rows[2]).toMatchObject({ lang: 'und', lang_confidence: 0 });
    const scores = rows[0]!.sentiment_scores as Record<string, number>;
    expect(Object.keys(scores).sort()).toEqual(['negative', 'neutral', 'positive']);
  });
});

describe('murmur nlp', () => {
  it('round-trips JSON lines through the CLI on stdin, exit code 2 when lines were skipped', () => {
    const run = spawnSync(process.execPath, [...MURMUR_FROM_SOURCE, 'nlp', '-'], { input: INPUT, encoding: 'utf8' });
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ id: 1, lang: 'en', sentiment: 'positive' });
    expect(run.stderr).toContain('stdin:3');
    expect(run.status).toBe(2);
  });
});
