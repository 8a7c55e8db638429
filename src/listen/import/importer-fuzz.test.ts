/**
 * The importer's "lose nothing" guard: seeded, mutated JSONL and CSV files (ids beyond
 * 2^53, duplicate ids, over-long lines and fields, NUL, bytes that are not UTF-8, days
 * that do not exist, broken JSON and CSV, quoted line breaks, CRLF, BOM, blank lines), and
 * for each file: every row read is either stored, exactly as written, or rejected with its
 * own line number; stored + rejected = rows; nothing else is stored. Each mutation's outcome
 * is known from the generator, so a row stored when it should have been refused (or the
 * reverse) fails too. Deterministic (fixed seeds) and bounded (a few MB per file).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Random } from '../../core/random.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { importMentions } from './importer.ts';
import type { RejectRecord } from './rejects.ts';

const NOW = Date.UTC(2026, 10, 22);
const ROWS = 250;

interface Expected {
  /** First line of the row's record. */
  line: number;
  /** What must happen to it: stored with this id and text, or rejected. */
  outcome: { stored: { id: string; text: string } } | { rejected: string };
}

interface Fuzzed {
  bytes: Buffer;
  rows: Expected[];
}

const WORDS = ['coffee', 'Brewly', 'latte', 'café', 'Доставка', 'kopi', '😀', '#brew', '@ann', 'naïve', 'https://x.example/p'];
const SAFE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_()[]{}#@/é€';

/** A mutation: what it does to the row's fields or bytes, and whether the row must then be stored. */
type Mutation =
  | 'none'
  | 'huge-numeric-id'
  | 'duplicate-id'
  | 'over-long-line'
  | 'over-long-text'
  | 'nul-escape'
  | 'nul-byte'
  | 'invalid-utf8'
  | 'feb-30'
  | 'year-0'
  | 'year-9999'
  | 'not-a-date'
  | 'broken'
  | 'safe-char-flip'
  | 'spaces-only'
  | 'javascript-url'
  | 'line-breaks';

const WEIGHTS: Record<Mutation, number> = {
  none: 40,
  'huge-numeric-id': 6,
  'duplicate-id': 5,
  'over-long-line': 0.4,
  'over-long-text': 1,
  'nul-escape': 3,
  'nul-byte': 3,
  'invalid-utf8': 4,
  'feb-30': 2,
  'year-0': 1,
  'year-9999': 1,
  'not-a-date': 1,
  broken: 4,
  'safe-char-flip': 6,
  'spaces-only': 1,
  'javascript-url': 2,
  'line-breaks': 4,
};

function generate(seed: number, format: 'jsonl' | 'csv'): Fuzzed {
  const random = new Random(seed);
  const crlf = random.next() < 0.5;
  const eol = crlf ? '\r\n' : '\n';
  const parts: Buffer[] = [];
  const rows: Expected[] = [];
  let line = 1;
  let overLong = 0;
  const storedIds: string[] = [];
  const push = (bytes: Buffer) => {
    parts.push(bytes);
    line += bytes.filter((b) => b === 0x0a).length;
  };
  if (random.next() < 0.5) parts.push(Buffer.from('\ufeff'));
  if (format === 'csv') push(Buffer.from(`id,text,date,author,likes,url${eol}`));

  for (let i = 0; i < ROWS; i++) {
    if (random.next() < 0.05) push(Buffer.from(eol)); // a blank line: no row
    let mutation = random.weighted(WEIGHTS);
    if (mutation === 'over-long-line' && overLong++ > 0) mutation = 'none';
    if (mutation === 'duplicate-id' && storedIds.length === 0) mutation = 'none';
    if (mutation === 'line-breaks' && format === 'jsonl') mutation = 'none';

    let id = `f${seed}-${i}`;
    let text = `m${i} ${Array.from({ length: random.int(1, 8) }, () => random.pick(WORDS)).join(' ')}`;
    let date = `2026-0${random.int(1, 10)}-${String(random.int(1, 29)).padStart(2, '0')}T10:00:00Z`;
    let url = '';
    let rejected: string | null = null;
    if (mutation === 'huge-numeric-id') id = String(1790000000000000000n + BigInt(seed * 100_000 + i));
    if (mutation === 'duplicate-id') [id, rejected] = [random.pick(storedIds), 'duplicate'];
    if (mutation === 'over-long-line') [text, rejected] = [`${text} ${'x'.repeat(2_100_000)}`, 'longer than 2,000,000 bytes'];
    if (mutation === 'over-long-text') [text, rejected] = [`${text} ${'y'.repeat(100_001)}`, 'over the limit of 100,000'];
    if (mutation === 'nul-escape') [text, rejected] = [`${text}\u0000tail`, 'NUL character'];
    if (mutation === 'feb-30') [date, rejected] = ['2026-02-30T10:00:00Z', 'no such day'];
    if (mutation === 'year-0') [date, rejected] = ['0000-01-01T00:00:00Z', 'before 1990'];
    if (mutation === 'year-9999') [date, rejected] = ['9999-12-31T00:00:00Z', 'in the future'];
    if (mutation === 'not-a-date') [date, rejected] = ['next tuesday', 'unparseable date'];
    if (mutation === 'spaces-only') [text, rejected] = ['   ', 'missing text'];
    if (mutation === 'javascript-url') [url, rejected] = ['javascript://x.example/%0aalert(document.domain)', 'not an http(s) URL'];
    if (mutation === 'safe-char-flip') {
      // By code point: half an emoji would be an unpaired surrogate (a rejected row, not a stored one).
      const chars = [...text];
      chars[random.int(0, chars.length)] = random.pick([...SAFE]);
      text = chars.join('');
    }
    if (mutation === 'line-breaks') text = `${text}\nsecond line, "quoted"\r\nthird`;

    let record: Buffer;
    if (format === 'jsonl') {
      // Numbers beyond 2^53 as JSON numbers: what JSON.parse would round.
      const idJson = mutation === 'huge-numeric-id' ? id : JSON.stringify(id);
      const url_ = url === '' ? '' : `,"url":${JSON.stringify(url)}`;
      record = Buffer.from(`{"id":${idJson},"text":${JSON.stringify(text)},"created_at":${JSON.stringify(date)},"author":"u${i % 7}","likes":${i}${url_}}`);
    } else {
      const quoted = `"${text.replaceAll('"', '""')}"`;
      record = Buffer.from(`${id},${quoted},${date},u${i % 7},${i},${url}`);
      if (mutation === 'nul-escape') rejected = 'NUL character';
    }
    const textAt = record.indexOf(`m${i} `);
    if (mutation === 'nul-byte') {
      record = Buffer.concat([record.subarray(0, textAt + 2), Buffer.from([0]), record.subarray(textAt + 2)]);
      rejected = format === 'jsonl' ? 'broken JSON' : 'NUL character';
    }
    if (mutation === 'invalid-utf8') {
      record = Buffer.concat([record.subarray(0, textAt + 1), Buffer.from([random.pick([0xe9, 0xff, 0x80, 0xc3])]), record.subarray(textAt + 1)]);
      rejected = 'not valid UTF-8';
    }
    if (mutation === 'broken') {
      // Cut between characters (a cut inside one would make it a UTF-8 problem instead).
      if (format === 'jsonl') record = Buffer.from(record.toString().slice(0, random.int(1, record.toString().length - 1)));
      else record = Buffer.concat([record, Buffer.from(',extra')]); // one field too many
      rejected = format === 'jsonl' ? 'broken JSON' : 'broken CSV';
    }
    rows.push({ line, outcome: rejected === null ? { stored: { id, text } } : { rejected } });
    if (rejected === null) storedIds.push(id);
    push(Buffer.concat([record, Buffer.from(eol)]));
  }
  return { bytes: Buffer.concat(parts), rows };
}

describeEachStore('import fuzz', (open) => {
  it.each([
    [1, 'jsonl', 0],
    [2, 'csv', 0],
    [3, 'jsonl', 1],
    [4, 'csv', 1],
    [5, 'jsonl', 0],
    [6, 'csv', 0],
  ] as const)('seed %i (%s, %i workers): every row is stored as written or rejected with its line', async (seed, format, workers) => {
    const { bytes, rows } = generate(seed, format);
    const dir = mkdtempSync(join(tmpdir(), 'murmur-fuzz-'));
    const input = join(dir, `fuzz.${format}`);
    writeFileSync(input, bytes);
    const store = await open();
    const ws = await workspaceId(store);
    const summary = await importMentions(store, ws, { input, pipeline: { enricher: null, topics: [] }, now: NOW, batchSize: 37, workers });

    const rejects = summary.rejectsFile
      ? readFileSync(summary.rejectsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RejectRecord)
      : [];
    const stored = await store.db.selectFrom('mentions').select(['external_id', 'text', 'published_at']).where('workspace_id', '=', ws).execute();
    const storedById = new Map(stored.map((m) => [m.external_id, m]));
    const rejectByLine = new Map(rejects.map((r) => [r.line, r]));

    // Counts: every row read is accounted for, once.
    expect(summary.rows).toBe(rows.length);
    expect(summary.imported + summary.updated + summary.rejected).toBe(summary.rows);
    expect(summary.updated).toBe(0);
    expect(stored).toHaveLength(summary.imported);
    expect(rejects).toHaveLength(summary.rejected);
    expect(rejectByLine.size).toBe(rejects.length);
    expect(rejects.map((r) => r.line)).toEqual([...rejects.map((r) => r.line)].sort((a, b) => a - b));

    // Row by row: the outcome the generator expects, on the row's own line.
    for (const row of rows) {
      const reject = rejectByLine.get(row.line);
      if ('stored' in row.outcome) {
        expect(reject?.reason, `line ${row.line} should be stored`).toBeUndefined();
        const mention = storedById.get(row.outcome.stored.id);
        expect(mention?.text, `line ${row.line}: id ${row.outcome.stored.id}`).toBe(row.outcome.stored.text);
      } else {
        expect(reject?.reason, `line ${row.line} should be rejected (${row.outcome.rejected})`).toContain(row.outcome.rejected);
      }
    }
    // Nothing stored that no row asked for, and nothing damaged.
    const expectedIds = new Set(rows.flatMap((r) => ('stored' in r.outcome ? [r.outcome.stored.id] : [])));
    for (const mention of stored) {
      expect(expectedIds.has(mention.external_id), mention.external_id).toBe(true);
      expect(mention.text).not.toMatch(/[\u0000\ufffd]/);
      expect(mention.published_at).toBeGreaterThanOrEqual(Date.UTC(1990, 0, 1));
    }
  });
});
