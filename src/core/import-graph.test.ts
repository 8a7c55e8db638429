import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKWARD_IMPORTS, forbiddenImports, importCycles, importGraph, importSpecifiers } from './import-graph.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('the import graph of src/', () => {
  const graph = importGraph(SRC);

  it('reads static, type-only, re-export, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n  C,\n} from '../b.ts';",
      "export { d } from './d.ts';",
      "import './side.ts';",
      "const m = await import('./lazy.ts');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.ts', '../b.ts', './d.ts', './side.ts', './lazy.ts']);
    expect(graph.get('cli/main.ts')).toContain('cli/commands/watch.ts'); // a dynamic import
    expect(graph.size).toBeGreaterThan(200);
  });

  it('finds a cycle when there is one', () => {
    const toy = new Map([
      ['a.ts', new Set(['b.ts'])],
      ['b.ts', new Set(['c.ts'])],
      ['c.ts', new Set(['a.ts'])],
      ['d.ts', new Set(['a.ts'])],
    ]);
    expect(importCycles(toy)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('has no backward import between parts (watch → reports, nlp → listen, roi → plan or listen/import, core → anything)', () => {
    expect(forbiddenImports(graph, BACKWARD_IMPORTS)).toEqual([]);
  });
});
