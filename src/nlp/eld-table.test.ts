import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeEldTable, encodeEldTable, readEldTable, type EldDatabase } from './eld-table.ts';
import { ELD_TABLE_PATH, eldPackageFile, eldUntrained } from './untrained.ts';

const require = createRequire(import.meta.url);

describe('the compact eld table', () => {
  it('round-trips a database', () => {
    const database: EldDatabase = { type: 'T2', languages: { 0: 'nl', 1: 'de' }, ngrams: { ' Lé4L': { 0: 176 }, 'ab': { 0: 6, 1: 207 } } };
    const table = decodeEldTable(encodeEldTable(database, 'test'));
    expect(table.size).toBe(2);
    expect(table.entry('ab')).toEqual({ 0: 6, 1: 207 });
    expect(table.entry(' Lé4L')).toEqual({ 0: 176 });
    expect(table.entry('zz')).toBeUndefined();
    expect(table.ngramLookup()['ab']).toEqual({ 0: 6, 1: 207 });
  });

  it('still equals the database of the installed eld (rebuild it with scripts/nlp/build-eld-table.ts after an upgrade)', async () => {
    const { version } = require(eldPackageFile('package.json')) as { version: string };
    const { ngramsData } = (await import(eldPackageFile('src/ngrams/medium.js'))) as { ngramsData: EldDatabase };
    const table = readEldTable(ELD_TABLE_PATH);
    expect(table.source).toBe(`eld ${version} medium`);
    expect(table.languages).toEqual(ngramsData.languages);
    expect(table.size).toBe(Object.keys(ngramsData.ngrams).length);
    for (const [key, scores] of Object.entries(ngramsData.ngrams)) {
      if (JSON.stringify(table.entry(key)) !== JSON.stringify(scores)) expect.fail(`n-gram ${JSON.stringify(key)} differs`);
    }
  });

  it('gives the answers and scores of eld itself', () => {
    const { eld } = require(eldPackageFile('src/entries/static.medium.js')) as {
      eld: { detect(text: string): { language: string; getScores(): Record<string, number> } };
    };
    for (const text of ['dit is een nederlandse zin over koffie en zo verder', 'dnes je krásný den v praze a jdeme ven', 'bugün hava çok güzel ve dışarı çıkıyoruz']) {
      const theirs = eld.detect(text);
      const lang = theirs.language;
      expect(eldUntrained(text, 'de')).toEqual({ lang, score: Math.min(1, theirs.getScores()[lang]!) });
    }
  });
});
