import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runMurmur as murmur } from '../cli-testing.ts';
import { MURMUR_FROM_SOURCE } from '../source-entry.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'murmur-cli-import-'));
const row = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: String(i), body: `post ${i}`, ts: '2026-02-01T00:00:00Z', who: 'ann', ...extra });

afterEach(() => {
  process.exitCode = undefined;
});

describe('murmur import', () => {
  it('exits 0 when every row went in, and prints the summary as JSON with --json', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.jsonl'), [row(1), row(2)].join('\n'));
    writeFileSync(join(d, 'map.json'), JSON.stringify({ text: 'body', published_at: 'ts' }));
    const result = await murmur('--db', join(d, 'm.db'), 'import', join(d, 'in.jsonl'), '--mapping', join(d, 'map.json'), '--map', 'author=who', '--no-enrich', '--no-progress', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 2, imported: 2, updated: 0, rejected: 0, rejectsFile: null });
  });

  it('exits 2 when rows were rejected and says where they went', async () => {
    const d = dir();
    writeFileSync(join(d, 'in.jsonl'), [row(1), row(2, { ts: 'soon' }), '{oops'].join('\n'));
    const rejects = join(d, 'bad-rows.jsonl');
    const result = await murmur('--db', join(d, 'm.db'), 'import', join(d, 'in.jsonl'), '--map', 'text=body', '--map', 'published_at=ts', '--map', 'author=who', '--rejects', rejects, '--no-enrich', '--no-progress');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('imported (new): 1');
    expect(result.stdout).toContain(`rejected:       2 → ${rejects}`);
    expect(readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l).line)).toEqual([2, 3]);
  });

  it('exits 1 on a missing file, an unreadable database or a bad flag', async () => {
    const d = dir();
    const missing = await murmur('--db', join(d, 'm.db'), 'import', join(d, 'none.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('none.jsonl: no such file');

    writeFileSync(join(d, 'in.jsonl'), row(1));
    writeFileSync(join(d, 'garbage.db'), 'this is not a database, just text '.repeat(200));
    const badDb = await murmur('--db', join(d, 'garbage.db'), 'import', join(d, 'in.jsonl'));
    expect(badDb.code).toBe(1);
    expect(badDb.stderr).toMatch(/garbage\.db/);

    const badMap = await murmur('--db', join(d, 'm.db'), 'import', join(d, 'in.jsonl'), '--map', 'colour=red');
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toContain('unknown field "colour"');
  });

  it('reads a Windows-1252 file with --encoding, and names the flag when a row is not UTF-8', async () => {
    const d = dir();
    const file = join(d, 'excel.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('id;text;date;author\r\n1;'), Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]), Buffer.from(';2026-02-01;ann\r\n')]));
    const plain = await murmur('--db', join(d, 'm.db'), 'import', file, '--no-enrich', '--no-progress', '--json');
    expect(plain.code).toBe(2);
    expect(JSON.parse(readFileSync(`${file}.rejects.jsonl`, 'utf8')).reason).toMatch(/not valid UTF-8.*--encoding cp1252/);
    const decoded = await murmur('--db', join(d, 'm.db'), 'import', file, '--encoding', 'windows-1252', '--no-enrich', '--no-progress');
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toContain('rows read (csv, cp1252)');
    const unknown = await murmur('--db', join(d, 'm.db'), 'import', file, '--encoding', 'klingon');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown encoding "klingon"');
  });

  it('reads gzip from stdin with "-" (the real command, as a user pipes it)', async () => {
    const d = dir();
    const child = spawn(
      process.execPath,
      [...MURMUR_FROM_SOURCE, '--db', join(d, 'm.db'), 'import', '-', '--map', 'text=body', '--map', 'published_at=ts', '--map', 'author=who', '--no-enrich', '--json'],
      { cwd: d, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end(gzipSync([row(1), row(2), row(3, { body: '' })].join('\n')));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ input: '-', compressed: true, imported: 2, rejected: 1, rejectsFile: 'stdin.rejects.jsonl' });
    expect(JSON.parse(readFileSync(join(d, 'stdin.rejects.jsonl'), 'utf8'))).toMatchObject({ line: 3 });
  });
});

describe('default worker count', () => {
  it('one worker on two cores or more, none on one core', async () => {
    const { defaultWorkers } = await import('./import.ts');
    expect(defaultWorkers(2)).toBe(1);
    expect(defaultWorkers(16)).toBe(1);
    expect(defaultWorkers(1)).toBe(0);
  });
});
