import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, buildMapping, parseMapFlags, readColumn, readMappingFile } from './column-mapping.ts';

describe('column mapping', () => {
  it('parses --map flags, repeated flags giving alternatives', () => {
    expect(parseMapFlags(['text=body', 'published_at = ts', 'text=message'])).toEqual({ text: ['body', 'message'], published_at: ['ts'] });
  });

  it('names the bad flag and the mappable fields', () => {
    expect(() => parseMapFlags(['body'])).toThrow('--map "body": expected field=column');
    expect(() => parseMapFlags(['txt=body'])).toThrow(/unknown field "txt"; mappable fields are id, text, published_at/);
  });

  it('reads a mapping file and lets flags win over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'murmur-mapping-'));
    const file = join(dir, 'map.json');
    writeFileSync(file, JSON.stringify({ text: 'body', author: ['poster', 'user'] }));
    const mapping = buildMapping(await readMappingFile(file), parseMapFlags(['text=content']));
    expect(mapping.text).toEqual(['content']);
    expect(mapping.author).toEqual(['poster', 'user']);
    expect(mapping.url).toEqual(DEFAULT_MAPPING.url);
  });

  it('rejects a mapping file that is missing, not JSON, or maps unknown fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'murmur-mapping-'));
    await expect(readMappingFile(join(dir, 'none.json'))).rejects.toThrow(/none.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), '{text: body}');
    await expect(readMappingFile(join(dir, 'bad.json'))).rejects.toThrow(/bad.json/);
    writeFileSync(join(dir, 'unknown.json'), '{"colour": "red"}');
    await expect(readMappingFile(join(dir, 'unknown.json'))).rejects.toThrow(/unknown field "colour"/);
    writeFileSync(join(dir, 'list.json'), '["text"]');
    await expect(readMappingFile(join(dir, 'list.json'))).rejects.toThrow(/expected a JSON object/);
  });

  it('reads dotted columns from nested objects, a literal dotted key first', () => {
    const row = { user: { screen_name: 'alice' }, 'user.name': 'Alice' };
    expect(readColumn(row, 'user.screen_name')).toBe('alice');
    expect(readColumn(row, 'user.name')).toBe('Alice');
    expect(readColumn(row, 'user.missing.deeper')).toBeUndefined();
  });
});
