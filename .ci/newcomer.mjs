#!/usr/bin/env node
// What a newcomer sees after the README's first command: reads what `npm run demo` printed
// (the file given as argument), runs the dashboard command it printed exactly as printed
// (on a free port through MURMUR_PORT), asks for `/` over HTTP as a browser would, then
// signs in with the printed account in Chromium and waits for the overview.
// Plain JavaScript on the installed packages: this checks the build, not the sources.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const printed = readFileSync(process.argv[2], 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
const field = (label) => {
  const match = printed.match(new RegExp(`^\\s*${label}\\s+(.+?)(?:\\s{2,}\\(.*)?$`, 'm'));
  if (!match) fail(`the demo did not print "${label}"`);
  return match[1].trim();
};
function fail(message) {
  console.error(`newcomer check: FAILED: ${message}`);
  process.exit(1);
}

const command = field('start the dashboard:');
const email = field('sign in as');
const password = field('password');
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

console.log(`newcomer check: running "${command}" (MURMUR_PORT=${port})`);
const server = spawn('sh', ['-c', `exec ${command}`], { env: { ...process.env, MURMUR_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
server.stdout.on('data', (chunk) => (output += chunk));
server.stderr.on('data', (chunk) => (output += chunk));
const stop = () => {
  server.removeAllListeners('exit');
  // npx runs murmur as its own child: signal the whole process group.
  if (server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
};
process.on('exit', stop);

const url = await new Promise((resolve) => {
  const timer = setTimeout(() => fail(`the server did not start in 60 s:\n${output}`), 60_000);
  server.on('exit', (code) => fail(`the server exited (${code}):\n${output}`));
  server.stdout.on('data', () => {
    const match = output.match(/Murmur is serving (http:\/\/\S+)/);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
});
if (/dashboard is not built/i.test(output)) fail(`serve says: ${output.trim()}`);

const home = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
const html = await home.text();
if (home.status !== 200 || !/text\/html/.test(home.headers.get('content-type') ?? '') || !html.includes('id="root"')) {
  fail(`GET / answered ${home.status} ${home.headers.get('content-type')}: ${html.slice(0, 200)}`);
}
console.log(`newcomer check: GET ${url}/ → 200, the dashboard's page`);

const browser = await chromium.launch({ executablePath: process.env.MURMUR_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${url}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'At a glance' }).waitFor();
  console.log(`newcomer check: signed in as ${email}, the overview shows`);
} catch (error) {
  fail(`the dashboard in Chromium: ${error.message}`);
} finally {
  await browser.close();
}
stop();
console.log('newcomer check: passed');
process.exit(0);
