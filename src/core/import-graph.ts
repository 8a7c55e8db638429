/**
 * The import graph of src/: which module imports which (static, dynamic and type-only
 * imports and re-exports alike, since a type-only cycle is still a tangle for the reader),
 * its cycles, and the edges between parts that go against the layering. Used by
 * import-graph.test.ts and by `node --import tsx src/core/import-graph.ts` for the figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    // Tests may reach across parts to build fixtures; the graph is about shipped code.
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

// `… from './x.ts'` (imports and re-exports, type-only too), `import './x.ts'` and `import('./x.ts')`.
// Only relative specifiers matter here; a specifier quoted in a comment counts only if the file exists.
const SPECIFIER = /\bfrom\s*['"](\.[^'"]+)['"]|\bimport\s*\(?\s*['"](\.[^'"]+)['"]/g;

/** The relative module specifiers a TypeScript source names. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!);
}

/** Module → the modules of `root` it imports, as paths relative to `root` with '/' separators. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const name = (path: string) => relative(root, path).split(sep).join('/');
  for (const file of sourceFiles(root)) {
    const targets = new Set<string>();
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (target.startsWith(root + sep) && /\.tsx?$/.test(target) && existsSync(target)) targets.add(name(target));
    }
    graph.set(name(file), targets);
  }
  return graph;
}

/** The strongly connected components with more than one module (Tarjan), each sorted. */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Imports that point the wrong way: a module under one of `from` importing a module under
 * the matching `to` (prefixes relative to src/, e.g. `watch/` → `reports/`).
 */
export function forbiddenImports(graph: ImportGraph, rules: readonly { from: string; to: string }[]): string[] {
  const found: string[] = [];
  for (const [module, targets] of graph) {
    for (const target of targets) {
      for (const rule of rules) if (module.startsWith(rule.from) && target.startsWith(rule.to)) found.push(`${module} → ${target}`);
    }
  }
  return found.sort();
}

/**
 * Imports that go against the order of the parts. A part may use the ones it comes after
 * (core and store under everything; listen feeds watch; reports, server and cli sit on top),
 * never the other way round; shared pieces go down to core/.
 */
export const BACKWARD_IMPORTS = [
  { from: 'core/', to: 'store/' },
  { from: 'core/', to: 'listen/' },
  { from: 'core/', to: 'watch/' },
  { from: 'core/', to: 'server/' },
  { from: 'core/', to: 'cli/' },
  { from: 'watch/', to: 'reports/' },
  { from: 'nlp/', to: 'listen/' },
  { from: 'roi/', to: 'plan/validation' },
  { from: 'roi/', to: 'listen/import/' },
] as const;

if (process.argv[1] && /import-graph\.ts$/.test(process.argv[1])) {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const graph = importGraph(root);
  const cycles = importCycles(graph);
  const backward = forbiddenImports(graph, BACKWARD_IMPORTS);
  const edges = [...graph.values()].reduce((sum, targets) => sum + targets.size, 0);
  console.log(`${graph.size} modules, ${edges} import edges (tests excluded)`);
  console.log(`${cycles.length} cycles (strongly connected groups of modules):`);
  for (const cycle of cycles) console.log(`  [${cycle.length}] ${cycle.join(' ')}`);
  console.log(`${backward.length} backward imports:`);
  for (const edge of backward) console.log(`  ${edge}`);
}
