/**
 * What a command loads at start-up. For a short command loading is most of the cost (npm run
 * bench:startup measures it), and zod alone costs 65–90 ms of CPU to load: a command line that
 * validates nothing with it must not pay for it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MURMUR_FROM_SOURCE, TSX_IMPORT } from './source-entry.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-startup-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loaded = join(dir, 'loaded.txt');
// Loaded before the command: at exit it writes whether zod was loaded (zod keeps its global
// configuration on globalThis from the moment it loads).
const probe = join(dir, 'probe.mjs');
writeFileSync(probe, `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(${JSON.stringify(loaded)}, String('__zod_globalConfig' in globalThis)));\n`);

function loadsZod(...args: string[]): boolean {
  const result = spawnSync(process.execPath, ['--import', probe, ...MURMUR_FROM_SOURCE, '--db', join(dir, 'small.db'), ...args], { cwd: dir, encoding: 'utf8' });
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.status).toBe(0);
  return readFileSync(loaded, 'utf8') === 'true';
}

describe('start-up loads', () => {
  it('murmur topics list and murmur search load no zod; zod loads when a --tag is to be checked', () => {
    loadsZod('topics', 'add', 'Brewly', '--query', 'brewly');
    expect(loadsZod('topics', 'list')).toBe(false);
    expect(loadsZod('search', 'brewly')).toBe(false);
    expect(loadsZod('search', 'brewly', '--tag', 'Billing')).toBe(true);
  });
});

// Loaded before the code under test: records each echarts or playwright-core module loaded.
const heavyLoads = join(dir, 'heavy.txt');
const heavyProbe = join(dir, 'heavy-probe.mjs');
writeFileSync(heavyProbe, `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (/node_modules\\\\/(echarts|playwright-core)\\\\//.test(resolved.url)) appendFileSync(${JSON.stringify(heavyLoads)}, resolved.url + '\\\\n');
  return resolved;
}\`));\n`);

/** Which of echarts and playwright-core loading `module` (from src/) loads, then calling `call` on it, if given. */
function heavyPackagesLoadedBy(module: string, call = ''): string[] {
  writeFileSync(heavyLoads, '');
  const entry = new URL(`../${module}`, import.meta.url).href;
  const script = `const m = await import(${JSON.stringify(entry)}); ${call}`;
  const result = spawnSync(process.execPath, ['--import', heavyProbe, ...TSX_IMPORT, '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  return [...new Set(readFileSync(heavyLoads, 'utf8').split('\n').filter(Boolean).map((url) => url.match(/node_modules\/(echarts|playwright-core)\//)![1]!))].sort();
}

describe('heavy packages load when first needed', () => {
  // Each costs about half a second: the server and every command importing report code
  // would pay it at start-up, though most never draw a chart or print a PDF.
  it('the server loads neither echarts nor playwright-core until a report is rendered', () => {
    expect(heavyPackagesLoadedBy('server/server.ts')).toEqual([]);
    // The probe sees both when they do load.
    const playwright = pathToFileURL(createRequire(import.meta.url).resolve('playwright-core')).href;
    expect(heavyPackagesLoadedBy('reports/pdf.ts', `await import(${JSON.stringify(playwright)});`)).toEqual(['playwright-core']);
    expect(heavyPackagesLoadedBy('reports/html.ts', `await m.reportHtml({ lang: 'en', title: 't', subtitle: 's', generated: 'g', headline: { type: 'metrics', items: [] }, sections: [] });`)).toEqual(['echarts']);
  });
});
