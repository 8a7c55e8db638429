import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A child process each: the flag changes the whole process, and the test runner's heap is not ours to tune.
function peakRss(compact: boolean): number {
  const script = `
    ${compact ? "(await import(process.argv[1])).keepHeapCompact();" : ''}
    const live = []; let peak = 0;
    for (let i = 0; i < 500; i++) {
      live.push(Array.from({ length: 2000 }, (_, j) => ({ text: 'x'.repeat(40) + i + j, n: j })));
      if (live.length > 40) live.shift();
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    console.log(peak);`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, new URL('./memory.ts', import.meta.url).pathname], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return Number(child.stdout.trim());
}

describe('keepHeapCompact', () => {
  it('takes effect after start-up: a streaming workload peaks well lower', () => {
    const loose = peakRss(false);
    const compact = peakRss(true);
    expect(compact, `peak RSS ${compact} compact vs ${loose} default`).toBeLessThan(loose * 0.8);
  });
});
