#!/usr/bin/env node
// The shipped build. `npm ci` runs it through `prepare`; `npm run build` by hand.
//   src/ → dist/: the CLI and the import worker bundled by esbuild, one chunk per command
//     module (split at main.ts's dynamic imports), so a command loads only its own code.
//     Bundled because loading a package's hundreds of ESM files one by one is what made
//     `murmur --version` cost over a CPU-second (bench/startup.mjs measures it).
//   web/ → web/dist/: the dashboard, built by Vite.
// Plain JavaScript so that it runs before anything is compiled; data files (models,
// demo data) stay in src/ and are found through src/core/package-root.ts.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2]; // 'cli' or 'web' builds one half

// Left to node_modules: native code, packages that read their own files at run time,
// optional peers that are not installed, and exceljs (a large CommonJS tree that only the
// exports load).
const external = ['better-sqlite3', 'playwright-core', '@fastify/swagger-ui', 'pg-native', 'bufferutil', 'utf-8-validate', 'eld', 'exceljs'];

async function timed(label, work) {
  const started = performance.now();
  await work();
  console.log(`build: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (only !== 'web') {
  await timed('src → dist (esbuild)', async () => {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    await build({
      absWorkingDir: root,
      entryPoints: { main: 'src/cli/main.ts', 'prepare-worker': 'src/listen/import/prepare-worker.ts' },
      outdir: 'dist',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external,
      // Flat: every chunk sits beside main.js, so `new URL('./prepare-worker.js', import.meta.url)` holds.
      chunkNames: '[name]-[hash]',
      // Bundled CommonJS packages call require(): give ESM chunks one.
      banner: { js: "import { createRequire as __murmurRequire } from 'node:module'; const require = __murmurRequire(import.meta.url);" },
      logLevel: 'warning',
      legalComments: 'linked',
    });
  });
}
if (only !== 'cli') {
  await timed('dashboard → web/dist (vite)', async () => {
    const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', join(root, 'web'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  });
}
