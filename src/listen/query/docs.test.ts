import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileQuery } from './matcher.ts';
import { QuerySyntaxError } from './errors.ts';

const doc = readFileSync(new URL('../../../docs/query-language.md', import.meta.url), 'utf8');

describe('docs/query-language.md', () => {
  it('every example query parses', () => {
    const examples = doc
      .split('```text')[1]!
      .split('```')[0]!
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(examples.length).toBeGreaterThan(6);
    for (const query of examples) expect(() => compileQuery(query), query).not.toThrow();
  });

  it('every query in the syntax table parses (except the documented errors)', () => {
    const table = doc.split('## Syntax')[1]!.split('## Examples')[0]!;
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    for (const row of rows) {
      const example = /\| ([^|]*) \|$/.exec(row)![1]!;
      for (const [, query] of example.matchAll(/`([^`]+)`/g)) {
        expect(() => compileQuery(query!), query).not.toThrow();
      }
    }
  });

  it('shows the error display exactly as the parser draws it', () => {
    try {
      compileQuery('brewly AND (late OR');
      throw new Error('unreachable');
    } catch (error) {
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect(doc).toContain(`error: invalid query: ${(error as QuerySyntaxError).message}\n${(error as QuerySyntaxError).caret}`);
    }
  });
});
