/**
 * The dashboard offers the lists src/ defines (alert kinds, networks, languages) by importing
 * them, never by restating them: a copy would silently miss the next connector or kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../src/core/mention.ts';
import { SENTIMENT_LANGUAGES } from '../../src/nlp/languages.ts';
import { ALERT_KINDS } from '../../src/watch/alerts/kinds.ts';

const WEB_SRC = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** An array literal holding the list's first three names in order, however quoted and spaced. */
const restatement = (list: readonly string[]) => new RegExp(list.slice(0, 3).map((name) => `['"\`]${name}['"\`]`).join('\\s*,\\s*'));

it.each([
  ['alert kinds', ALERT_KINDS],
  ['networks', SOURCE_NAMES],
  ['languages', SENTIMENT_LANGUAGES],
])('restates no list of %s that src/ defines', (_, list) => {
  const pattern = restatement(list);
  const copies = sources(WEB_SRC).filter((file) => pattern.test(readFileSync(file, 'utf8')));
  expect(copies.map((file) => file.slice(WEB_SRC.length + 1))).toEqual([]);
});
