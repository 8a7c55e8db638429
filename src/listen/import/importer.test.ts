import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countMentions, getMentionsByIds } from '../../store/mentions.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { createEnricher } from '../../nlp/enricher.ts';
import type { Pipeline } from '../pipeline.ts';
import { buildMapping, parseMapFlags } from './column-mapping.ts';
import { importMentions, type ImportOptions } from './importer.ts';
import type { RejectRecord } from './rejects.ts';

const NOW = Date.UTC(2026, 10, 22);
const noPipeline: Pipeline = { enricher: null, topics: [] };

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'murmur-import-')), name);
  writeFileSync(path, content);
  return path;
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const post = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `p${i}`,
  text: `Post number ${i} about #Brewly`,
  created_at: `2026-03-0${(i % 9) + 1}T10:00:00Z`,
  author: `user${i % 3}`,
  likes: i,
  ...extra,
});

function readRejects(path: string): RejectRecord[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RejectRecord);
}

describeEachStore('import', (open) => {
  const run = async (store: Awaited<ReturnType<typeof open>>, options: Partial<ImportOptions> & { input: string }) =>
    importMentions(store, await workspaceId(store), { pipeline: noPipeline, now: NOW, ...options });

  it('imports every row once, and a re-import updates instead of duplicating', async () => {
    const store = await open();
    const rows = Array.from({ length: 25 }, (_, i) => post(i));
    // Ten rows without an id: their derived id must be stable across runs.
    for (const row of rows.slice(15)) delete (row as { id?: string }).id;
    const input = tempFile('mentions.jsonl', jsonl(rows));
    const first = await run(store, { input, batchSize: 4 });
    expect(first).toMatchObject({ rows: 25, imported: 25, updated: 0, rejected: 0, rejectsFile: null, format: 'jsonl', compressed: false });
    const again = await run(store, { input, batchSize: 7 });
    expect(again).toMatchObject({ rows: 25, imported: 0, updated: 25, rejected: 0 });
    expect(await countMentions(store, await workspaceId(store))).toBe(25);
    expect(existsSync(`${input}.rejects.jsonl`)).toBe(false);
  });

  it('leaves every imported mention findable by full text, on a first import and after', async () => {
    const store = await open();
    const find = async () =>
      (await store.db.selectFrom('mentions').select('external_id').where(store.driver.fullTextCondition([{ word: 'brewly', prefix: false }])).execute()).length;
    await run(store, { input: tempFile('a.jsonl', jsonl(Array.from({ length: 9 }, (_, i) => post(i)))), batchSize: 4 });
    expect(await find()).toBe(9);
    await run(store, { input: tempFile('b.jsonl', jsonl([post(20), post(3, { text: 'edited, no brand' })])) });
    expect(await find()).toBe(9);
  });

  it('refreshes engagement on re-import', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await run(store, { input: tempFile('a.jsonl', jsonl([post(1, { likes: 2 })])) });
    await run(store, { input: tempFile('a.jsonl', jsonl([post(1, { likes: 40 })])) });
    const row = await store.db.selectFrom('mentions').select(['id']).where('external_id', '=', 'p1').executeTakeFirstOrThrow();
    const [stored] = await getMentionsByIds(store, [row.id]);
    expect(stored!.engagement.likes).toBe(40);
    expect(await countMentions(store, ws)).toBe(1);
  });

  it('writes each bad row to the rejects file with its line and reason, storing none of it', async () => {
    const store = await open();
    const lines = [
      JSON.stringify(post(1)),
      '{"id": "p2", "text": "broken',
      JSON.stringify(post(3, { text: '' })),
      '',
      JSON.stringify(post(5, { created_at: 'next tuesday' })),
      JSON.stringify(post(6, { text: 'y'.repeat(100_001) })),
      JSON.stringify(post(7, { shares: -2 })),
      '"just a string"',
      JSON.stringify(post(9)),
    ];
    const input = tempFile('mixed.jsonl', lines.join('\n'));
    const summary = await run(store, { input, batchSize: 2 });
    expect(summary).toMatchObject({ rows: 8, imported: 2, updated: 0, rejected: 6, rejectsFile: `${input}.rejects.jsonl` });
    const rejects = readRejects(summary.rejectsFile!);
    expect(rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'broken JSON'],
      [3, 'missing text'],
      [5, 'published_at (column "created_at")'],
      [6, 'text'],
      [7, 'shares'],
      [8, 'row is not an object'],
    ]);
    expect(rejects[0]!.raw).toBe('{"id": "p2", "text": "broken');
    expect(rejects[2]!.reason).toContain('unparseable date "next tuesday"');
    expect(rejects[3]!.reason).toContain('over the limit of 100,000');
    expect(rejects[3]).toMatchObject({ rawTruncated: true });
    expect(rejects[3]!.raw).toHaveLength(10_000);
    const stored = await store.db.selectFrom('mentions').select('external_id').orderBy('external_id').execute();
    expect(stored.map((r) => r.external_id)).toEqual(['p1', 'p9']);

    // A clean second run removes the stale rejects file.
    const clean = await run(store, { input: tempFile('clean.jsonl', jsonl([post(1)])), rejectsPath: summary.rejectsFile! });
    expect(clean.rejectsFile).toBeNull();
    expect(existsSync(summary.rejectsFile!)).toBe(false);
  });

  it('gives the same result with rows prepared (and enriched) in worker threads', async () => {
    const [inline, pooled, plain, enrichedInline] = [await open(), await open(), await open(), await open()];
    const varied = (i: number, extra: Record<string, unknown> = {}) => post(i, { ...extra, text: `Café n°${i} @Kaffio #Brewly #Déjà${i % 3} https://x.example/p`, url: `https://Shop.example.com/p/${i}` });
    const lines = [JSON.stringify(post(1)), '{broken', JSON.stringify(post(3, { likes: 'many' })), ...Array.from({ length: 40 }, (_, i) => JSON.stringify(varied(10 + i))), JSON.stringify(varied(10, { likes: 99 }))];
    const input = tempFile('pool.jsonl', lines.join('\n'));
    const a = await run(inline, { input, batchSize: 8, rejectsPath: `${input}.a` });
    const b = await run(pooled, { input, batchSize: 8, rejectsPath: `${input}.b`, workers: 2, enrichInWorkers: true });
    const { seconds: _a, rowsPerSecond: _ar, rejectsFile: _af, ...summaryA } = a;
    const { seconds: _b, rowsPerSecond: _br, rejectsFile: _bf, ...summaryB } = b;
    expect(summaryB).toEqual(summaryA);
    expect(summaryA).toMatchObject({ rows: 44, imported: 41, updated: 0, rejected: 3 });
    expect(readFileSync(`${input}.b`, 'utf8')).toBe(readFileSync(`${input}.a`, 'utf8'));
    const rows = async (store: typeof inline) => store.db.selectFrom('mentions').select(['external_id', 'likes', 'lang', 'sentiment']).orderBy('external_id').execute();
    const [ra, rb] = [await rows(inline), await rows(pooled)];
    // The first copy of p10 is kept in both, the second rejected as a duplicate; only the pooled run was enriched.
    expect(rb.find((r) => r.external_id === 'p10')!.likes).toBe(10);
    expect(readFileSync(`${input}.a`, 'utf8')).toContain('"line":44,"reason":"duplicate: an earlier row of this file has the same source \\"import\\" and id \\"p10\\"');
    expect(rb.map((r) => [r.external_id, r.likes])).toEqual(ra.map((r) => [r.external_id, r.likes]));
    expect(ra.every((r) => r.lang === null)).toBe(true);
    expect(rb.every((r) => r.lang !== null && r.sentiment !== null)).toBe(true);
    // The workers' enrichment is the one this thread would have done.
    await run(enrichedInline, { input, batchSize: 8, rejectsPath: `${input}.d`, pipeline: { enricher: createEnricher(), topics: [] } });
    const enrichment = async (store: typeof inline) =>
      store.db.selectFrom('mentions').select(['external_id', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_pos']).orderBy('external_id').execute();
    expect(await enrichment(pooled)).toEqual(await enrichment(enrichedInline));
    // The derived columns a worker computes are those the writer computes itself.
    const derived = async (store: typeof inline) => ({
      mentions: await store.db.selectFrom('mentions').select(['external_id', 'domain', 'text_norm', 'hashtags', 'mentioned']).orderBy('external_id').execute(),
      tags: await store.db.selectFrom('mention_hashtags').innerJoin('mentions', 'mentions.id', 'mention_hashtags.mention_id').select(['external_id', 'tag', 'mention_hashtags.published_at']).orderBy('external_id').orderBy('tag').execute(),
    });
    // Workers that do not enrich compute them (the writer is then the bottleneck).
    await run(plain, { input, batchSize: 8, rejectsPath: `${input}.c`, workers: 2 });
    const [da, db, dc] = [await derived(inline), await derived(pooled), await derived(plain)];
    expect(db).toEqual(da);
    expect(dc).toEqual(da);
    expect(da.mentions.find((r) => r.external_id === 'p11')).toMatchObject({ domain: 'shop.example.com', hashtags: '["brewly","deja2"]', mentioned: '["kaffio"]' });
    expect(da.tags.filter((t) => t.external_id === 'p11').map((t) => t.tag)).toEqual(['brewly', 'deja2']);
  });

  it('with enriching workers, a re-import leaves enrichment to the writer, which redoes only changed texts', async () => {
    const store = await open();
    // An unmapped 1.5 KB field makes the file ~1 MB: several 256 KB chunks, so the importer can switch between them.
    const posts = Array.from({ length: 600 }, (_, i) => post(i, { text: `Post number ${i} about #Brewly, a lovely coffee`, html: 'x'.repeat(1500) }));
    const input = tempFile('enrich.jsonl.gz', gzipSync(jsonl(posts)));
    let enrichedHere = 0;
    const real = createEnricher();
    const pipeline: Pipeline = { topics: [], enricher: { enrich: (batch) => ((enrichedHere += batch.length), real.enrich(batch)) } };
    const options = { batchSize: 50, workers: 1, enrichInWorkers: true, pipeline };
    await run(store, { input, ...options });
    expect(enrichedHere).toBe(0); // every row was new: the worker enriched them all

    posts[599] = { ...posts[599]!, text: 'Post number 599: the worst coffee, awful, I hate it' };
    const changed = tempFile('enrich-again.jsonl.gz', gzipSync(jsonl(posts)));
    const again = await run(store, { input: changed, ...options });
    expect(again).toMatchObject({ imported: 0, updated: 600 });
    expect(enrichedHere).toBeGreaterThanOrEqual(1);
    expect(enrichedHere).toBeLessThan(600);
    const last = await store.db.selectFrom('mentions').select(['text', 'sentiment', 'lang']).where('external_id', '=', 'p599').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ text: posts[599]!.text, sentiment: 'negative', lang: 'en' });
    const unenriched = await store.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).where('sentiment', 'is', null).executeTakeFirstOrThrow();
    expect(Number(unenriched.n)).toBe(0);
  });

  it('reads gzip by its magic bytes, whatever the file is called', async () => {
    const store = await open();
    const input = tempFile('export.data', gzipSync(jsonl([post(1), post(2), post(3)])));
    const summary = await run(store, { input });
    expect(summary).toMatchObject({ compressed: true, format: 'jsonl', imported: 3 });
  });

  it('imports a semicolon CSV with BOM, CRLF, quoted multi-line text and a mapping', async () => {
    const store = await open();
    const csv = '\ufeffPost ID;Body;Posted;Who;Hearts\r\n1;"first line\r\nsecond; line";2026-03-01 10:00;@ann;12\r\n2;short;2026-03-02;bo;x\r\n3;third;2026-03-03;cy;1\r\n';
    const input = tempFile('export.csv.gz', gzipSync(csv));
    const mapping = buildMapping(parseMapFlags(['id=Post ID', 'text=Body', 'published_at=Posted', 'author=Who', 'likes=Hearts']));
    const summary = await run(store, { input, mapping, source: 'brandwatch' });
    expect(summary).toMatchObject({ format: 'csv', compressed: true, rows: 3, imported: 2, rejected: 1 });
    expect(readRejects(summary.rejectsFile!)).toEqual([
      { line: 4, reason: 'likes (column "Hearts"): expected a non-negative whole number, got "x"', raw: '2;short;2026-03-02;bo;x' },
    ]);
    const row = await store.db.selectFrom('mentions').selectAll().where('external_id', '=', '1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'brandwatch', text: 'first line\r\nsecond; line', author_handle: 'ann', likes: 12, published_at: Date.UTC(2026, 2, 1, 10) });
  });

  it('keeps ids beyond 2^53 exact, as numbers or with id_str, so distinct tweets stay distinct', async () => {
    const store = await open();
    const tweet = (end: number, withStr: boolean) =>
      `{"id":1790000000000000${end}${withStr ? `,"id_str":"1790000000000000${end}"` : ''},"full_text":"tweet ${end}","created_at":"Wed Oct 10 20:19:24 +0000 2018","user":{"screen_name":"ann"},"in_reply_to_status_id":1790000000000000${end - 100}}`;
    const numeric = await run(store, { input: tempFile('tweets.jsonl', [505, 506, 507].map((end) => tweet(end, false)).join('\n')) });
    expect(numeric).toMatchObject({ rows: 3, imported: 3, updated: 0, rejected: 0 });
    const both = await run(store, { input: tempFile('tweets2.jsonl', [505, 506, 507, 508].map((end) => tweet(end, true)).join('\n')) });
    expect(both).toMatchObject({ rows: 4, imported: 1, updated: 3, rejected: 0 });
    const stored = await store.db.selectFrom('mentions').select(['external_id', 'parent_external_id', 'text']).orderBy('external_id').execute();
    expect(stored).toEqual([505, 506, 507, 508].map((end) => ({ external_id: `1790000000000000${end}`, parent_external_id: `1790000000000000${end - 100}`, text: `tweet ${end}` })));
    // A form that lost its digits before murmur read it is refused, not stored rounded.
    const lossy = await run(store, { input: tempFile('lossy.jsonl', '{"id":1.79e21,"text":"x","created_at":"2026-01-01","author":"a"}\n') });
    expect(readRejects(lossy.rejectsFile!)[0]!.reason).toBe('id: the number 1.79e+21 cannot be read without losing digits; write the id as a string');
  });

  it('rejects a later row with an id already in the file instead of merging it, in this batch or an earlier one', async () => {
    const store = await open();
    const lines = [
      JSON.stringify(post(1, { likes: 1 })),
      JSON.stringify(post(2)),
      JSON.stringify(post(3)),
      '{broken',
      JSON.stringify(post(1, { likes: 99, text: 'the second p1' })),
      JSON.stringify(post(4)),
      JSON.stringify(post(4, { likes: 7 })),
      JSON.stringify(post(5, { created_at: 'never' })),
      JSON.stringify({ text: 'no id', created_at: '2026-03-01T10:00:00Z', author: 'zed' }),
      JSON.stringify({ text: 'no id', created_at: '2026-03-01T10:00:00Z', author: 'zed' }),
      JSON.stringify(post(6)),
    ];
    const input = tempFile('dups.jsonl', lines.join('\n'));
    for (const [batchSize, expected] of [
      [2, { imported: 6, updated: 0 }],
      [3, { imported: 0, updated: 6 }],
    ] as const) {
      const summary = await run(store, { input, batchSize });
      expect(summary).toMatchObject({ rows: 11, rejected: 5, ...expected });
      const rejects = readRejects(summary.rejectsFile!);
      expect(rejects.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
        [4, 'broken JSON'],
        [5, 'duplicate'],
        [7, 'duplicate'],
        [8, 'published_at (column "created_at")'],
        [10, 'duplicate'],
      ]);
      expect(rejects[1]).toEqual({ line: 5, reason: 'duplicate: an earlier row of this file has the same source "import" and id "p1"; the first row was kept, this one is not merged into it', raw: lines[4] });
      expect(rejects[4]!.reason).toMatch(/^duplicate: an earlier row of this file has the same source "import", author, date and text \(the row has no id/);
    }
    const stored = await store.db.selectFrom('mentions').select(['external_id', 'likes', 'text']).orderBy('external_id').execute();
    expect(stored).toHaveLength(6);
    expect(stored.find((r) => r.external_id === 'p1')).toMatchObject({ likes: 1, text: post(1).text });
    expect(stored.find((r) => r.external_id === 'p4')).toMatchObject({ likes: 4 });
  });

  it('gives the same result on both stores for NUL, unpaired surrogates and days that do not exist: one rejected row each, with its line', async () => {
    const store = await open();
    const rows = Array.from({ length: 3000 }, (_, i) => post(i));
    const lines = rows.map((r) => JSON.stringify(r));
    lines[2500] = JSON.stringify(post(2500, { text: 'nul \u0000 inside' }));
    lines[2600] = JSON.stringify(post(2600, { author_name: '\u0000' }));
    lines[2700] = JSON.stringify(post(2700)).replace('Post number', 'half \\ud83d a pair');
    lines[2800] = JSON.stringify(post(2800, { created_at: '2026-02-30T10:00:00Z' }));
    const summary = await run(store, { input: tempFile('nul.jsonl', lines.join('\n')) });
    expect(summary).toMatchObject({ rows: 3000, imported: 2996, rejected: 4 });
    expect(readRejects(summary.rejectsFile!).map((r) => [r.line, r.reason])).toEqual([
      [2501, 'text: contains a NUL character (U+0000), which cannot be stored'],
      [2601, 'author_name: contains a NUL character (U+0000), which cannot be stored'],
      [2701, 'text: contains an unpaired UTF-16 surrogate (broken \\uD800-\\uDFFF escape), which is not valid Unicode'],
      [2801, 'published_at (column "created_at"): no such day: "2026-02-30T10:00:00Z"'],
    ]);
    // In a CSV, a raw NUL byte.
    const csv = await run(store, { input: tempFile('nul.csv', 'id,text,date,author\nc1,ok,2026-03-01,a\nc2,"bad \u0000 byte",2026-03-01,a\nc3,ok,2026-03-01,a\n') });
    expect(csv).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
    expect(readRejects(csv.rejectsFile!)[0]).toMatchObject({ line: 3, reason: 'text: contains a NUL character (U+0000), which cannot be stored' });
  });

  it('rejects rows that are not UTF-8 with their line, and reads them right with --encoding', async () => {
    const store = await open();
    const bytes = Buffer.concat([Buffer.from('id,text,date,author\n1,plain,2026-03-01,a\n2,caf'), Buffer.from([0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94]), Buffer.from(',2026-03-01,b\n3,end,2026-03-01,c\n')]);
    const input = tempFile('cp1252.csv', bytes);
    const utf8 = await run(store, { input });
    expect(utf8).toMatchObject({ encoding: 'utf8', rows: 3, imported: 2, rejected: 1 });
    expect(readRejects(utf8.rejectsFile!)[0]!.reason).toMatch(/^not valid UTF-8: byte 0xE9 at byte 6 of the record; .*--encoding cp1252/);
    const cp1252 = await run(store, { input, encoding: 'cp1252' });
    expect(cp1252).toMatchObject({ encoding: 'cp1252', rows: 3, imported: 1, updated: 2, rejected: 0 });
    const row = await store.db.selectFrom('mentions').select('text').where('external_id', '=', '2').executeTakeFirstOrThrow();
    expect(row.text).toBe('café “ok”');
  });

  it('rejects one over-long CSV line and imports every row after it', async () => {
    const store = await open();
    const good = Array.from({ length: 2000 }, (_, i) => `g${i},row ${i},2026-03-01,a`);
    for (const size of [3_000_000, 10_000_000]) {
      const input = tempFile('long.csv', ['id,text,date,author', 'first,ok,2026-03-01,a', `long,${'x'.repeat(size)},2026-03-01,a`, ...good].join('\n') + '\n');
      const summary = await run(store, { input });
      expect(summary).toMatchObject({ rows: 2002, rejected: 1 });
      expect(summary.imported + summary.updated).toBe(2001);
      expect(readRejects(summary.rejectsFile!)).toMatchObject([{ line: 3, reason: 'record longer than 2,000,000 bytes', rawTruncated: true }]);
    }
    expect(await countMentions(store, await workspaceId(store))).toBe(2001);
  });

  it('fails before reading when the file is missing, the source name is invalid or the file is a JSON array', async () => {
    const store = await open();
    await expect(run(store, { input: '/nonexistent/murmur.jsonl' })).rejects.toThrow('cannot read /nonexistent/murmur.jsonl: no such file');
    await expect(run(store, { input: tempFile('a.jsonl', jsonl([post(1)])), source: 'My Source' })).rejects.toThrow(/--source: not a source name/);
    await expect(run(store, { input: tempFile('export.json', JSON.stringify([post(1)], null, 2)) })).rejects.toThrow(/holds a JSON array; murmur import reads JSON Lines.*jq -c/);
  });
});

describe('format detection', () => {
  it('sniffs JSONL from content when the extension says nothing', async () => {
    const { openInput } = await import('../../core/files/input.ts');
    const { detectFormat } = await import('./importer.ts');
    const a = await openInput(tempFile('dump', '\ufeff  {"text":"x"}\n'));
    expect(detectFormat(a)).toBe('jsonl');
    const b = await openInput(tempFile('dump', 'text,date\n'));
    expect(detectFormat(b)).toBe('csv');
    expect(detectFormat(b, 'jsonl')).toBe('jsonl');
  });
});
