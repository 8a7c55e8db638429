#!/usr/bin/env node
// The installed command runs the compiled build (dist/, made by `npm run build`, which
// `npm ci` runs through `prepare`). Development runs the sources with `npm run dev -- …`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('murmur: the build is missing (dist/main.js); run `npm run build` in the Murmur folder\n');
  process.exit(1);
}
await import(main.href);
