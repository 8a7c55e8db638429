/**
 * eld's "medium" n-gram database in a compact form. eld ships it as a JavaScript object
 * literal: evaluating that module costs about 200 MB of RSS (measured with
 * `npm run bench:ingest`), more than the rest of an enriching import together. The same
 * 105k n-grams packed into one byte buffer plus a key index take about 15 MB, and eld's
 * own detector still does the scoring: `ngramLookup` hands it the plain
 * `{ languageId: score }` object it expects, built on demand for each n-gram it asks for.
 *
 * The table is built from the installed eld package by scripts/nlp/build-eld-table.ts;
 * eld-table.test.ts checks that it still equals eld's database.
 *
 * File: gzip of `MAGIC\n`, a JSON header line, then per n-gram: key length (u8), the key
 * as UTF-16 code units (u16 LE), entry count (u8), then (language id u8, score u8) pairs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = 'MURMUR-ELD-TABLE-1';

/** eld's database shape: `ngrams[key][languageId] = score`, `languages[languageId] = code`. */
export interface EldDatabase {
  type: string;
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number>>;
}

interface Header {
  magic: string;
  /** Which eld database this was built from, e.g. "eld 2.1.0 medium". */
  source: string;
  type: string;
  languages: Record<number, string>;
  count: number;
}

export function encodeEldTable(database: EldDatabase, source: string): Buffer {
  const keys = Object.keys(database.ngrams);
  const parts: Buffer[] = [];
  for (const key of keys) {
    const entries = Object.entries(database.ngrams[key]!);
    if (key.length > 255 || entries.length > 255) throw new Error(`eld table: n-gram ${JSON.stringify(key)} does not fit the format`);
    const part = Buffer.alloc(2 + key.length * 2 + entries.length * 2);
    let at = part.writeUInt8(key.length, 0);
    for (let i = 0; i < key.length; i++) at = part.writeUInt16LE(key.charCodeAt(i), at);
    at = part.writeUInt8(entries.length, at);
    for (const [id, score] of entries) {
      at = part.writeUInt8(Number(id), at);
      at = part.writeUInt8(score, at);
    }
    parts.push(part);
  }
  const header: Header = { magic: MAGIC, source, type: database.type, languages: database.languages, count: keys.length };
  return gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...parts]), { level: 9 });
}

export interface EldTable {
  source: string;
  type: string;
  languages: Record<number, string>;
  /** How many n-grams the table holds. */
  size: number;
  /** eld's `{ languageId: score }` for an n-gram, or undefined when it has none. */
  entry(key: string): Record<number, number> | undefined;
  /** An object eld's detector can use as its `ngrams` database. */
  ngramLookup(): Record<string, Record<number, number>>;
}

export function decodeEldTable(gzipped: Buffer): EldTable {
  const bytes = gunzipSync(gzipped);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
  if (header.magic !== MAGIC) throw new Error(`eld table: not a ${MAGIC} file`);
  // Keys map to the offset of their entry count; the entries stay in the buffer.
  const offsets = new Map<string, number>();
  let at = newline + 1;
  for (let n = 0; n < header.count; n++) {
    const length = bytes[at++]!;
    let key = '';
    for (let i = 0; i < length; i++, at += 2) key += String.fromCharCode(bytes[at]! | (bytes[at + 1]! << 8));
    offsets.set(key, at);
    at += 1 + bytes[at]! * 2;
  }
  if (at !== bytes.length) throw new Error(`eld table: ${bytes.length - at} bytes left over after ${header.count} n-grams`);
  const entry = (key: string) => {
    let offset = offsets.get(key);
    if (offset === undefined) return undefined;
    const scores: Record<number, number> = {};
    const end = offset + 1 + bytes[offset]! * 2;
    for (offset++; offset < end; offset += 2) scores[bytes[offset]!] = bytes[offset + 1]!;
    return scores;
  };
  return {
    source: header.source,
    type: header.type,
    languages: header.languages,
    size: offsets.size,
    entry,
    // eld only ever reads `ngrams[key]` while detecting (languageDetector.js, calculateScores).
    ngramLookup: () => new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? entry(key) : undefined) }),
  };
}

export function readEldTable(path: string): EldTable {
  return decodeEldTable(readFileSync(path));
}
