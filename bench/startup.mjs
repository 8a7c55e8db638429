#!/usr/bin/env node
// Start-up cost of the `murmur` command as cron or a shell script pays it: CPU seconds
// (user + system) and peak RSS of `--version`, `--help` and `topics list` on a small store,
// the median of --runs runs each. Measures the build (bin/murmur.js → dist/) unless --bin
// names another entry, e.g. an older checkout's, to compare.
//   npm run bench:startup [-- --runs 15] [-- --bin /path/to/bin/murmur.js]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' }, bin: { type: 'string', default: new URL('../bin/murmur.js', import.meta.url).pathname } } });
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'murmur-startup-'));
const probeOut = join(dir, 'probe.json');
// Loaded before the command: at exit it writes the process's own CPU time and peak RSS.
const probe = join(dir, 'probe.mjs');
writeFileSync(probe, `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(${JSON.stringify(probeOut)}, JSON.stringify({ cpu: (user + system) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024 }));
});\n`);

function measure(args) {
  const result = spawnSync(process.execPath, ['--import', probe, values.bin, ...args], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`murmur ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(readFileSync(probeOut, 'utf8'));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const store = join(dir, 'small.db');
measure(['--db', store, 'topics', 'add', 'Brewly', '--query', 'brewly OR "brewly go"']);
const cases = [
  ['--version', ['--version'], 0.3],
  ['--help', ['--help'], 0.3],
  ['topics list (small store)', ['--db', store, 'topics', 'list'], 0.5],
];
console.log(`murmur start-up: ${values.bin}, median of ${runs} runs, load average ${loadavg()[0].toFixed(1)}`);
console.log('command                      CPU s   goal   peak RSS');
for (const [label, args, goal] of cases) {
  const samples = Array.from({ length: runs }, () => measure(args));
  const cpu = median(samples.map((s) => s.cpu));
  const rss = median(samples.map((s) => s.rssMb));
  console.log(`${label.padEnd(28)} ${cpu.toFixed(2).padStart(5)}   ${goal.toFixed(1)} ${cpu < goal ? '✓' : '✗'}  ${rss.toFixed(0).padStart(4)} MB`);
}
rmSync(dir, { recursive: true, force: true });
