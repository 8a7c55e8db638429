/**
 * Only src/store/ knows which database it is on: everything else asks the driver for the
 * difference (StoreDriver in store-driver.ts). This scans every source file outside
 * src/store/ (tests included) for the ways code has asked.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../core/package-root.ts';

const ASKING: [RegExp, string][] = [
  [/from\s+['"][^'"]*store\/(sqlite|postgres)\//, 'imports a backend folder of src/store/'],
  [/from\s+['"](better-sqlite3|pg)['"]/, 'imports a database client'],
  [/\b(Sqlite|Postgres)Driver\b/, 'names a backend driver'],
  [/\bkind\s*[!=]==?\s*['"](sqlite|postgres)['"]|['"](sqlite|postgres)['"]\s*[!=]==?/, 'compares with a backend name'],
  [/\b(store|driver)\.kind\b|\bdriver\s*\.\s*kind\b/, "reads the store's kind"],
  [/\bsqlite_master\b|\bpg_(advisory|indexes|catalog)\w*|\bindexed by\b|collate\s+"C"|\bpragma\s*\(/i, 'writes backend-specific SQL'],
];

/** The code of a file with its comments blanked (line numbers kept): prose may name a backend. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Where `text` asks which backend it runs on, as `line: why`. */
export function backendQuestions(text: string): string[] {
  const found: string[] = [];
  code(text)
    .split('\n')
    .forEach((line, i) => {
      for (const [pattern, why] of ASKING) if (pattern.test(line)) found.push(`${i + 1}: ${why}: ${line.trim()}`);
    });
  return found;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(entry.name)) yield path;
  }
}

describe('the store boundary', () => {
  it('recognises each way of asking (the scan can fail)', () => {
    expect(backendQuestions(`import { x } from '../store/sqlite/bulk-upsert.ts';`)).toHaveLength(1);
    expect(backendQuestions(`if (store.kind === 'postgres') lock();`)).not.toEqual([]);
    expect(backendQuestions(`const d = store.driver instanceof SqliteDriver;`)).toHaveLength(1);
    expect(backendQuestions("sql`select name from sqlite_master`")).toHaveLength(1);
    expect(backendQuestions(`const byIndex = kind !== 'sqlite';`)).toHaveLength(1);
    expect(backendQuestions(`// On SQLite, store.kind === 'sqlite' once decided this.\nconst a = 1;`)).toEqual([]);
  });

  it('no code outside src/store/ asks which backend it runs on', () => {
    const src = join(PACKAGE_ROOT, 'src');
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const path = relative(src, file);
      if (path.startsWith('store/')) continue;
      for (const q of backendQuestions(readFileSync(file, 'utf8'))) offenders.push(`src/${path}:${q}`);
    }
    expect(offenders).toEqual([]);
  });
});
