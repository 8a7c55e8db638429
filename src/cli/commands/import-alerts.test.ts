import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('import-alerts');

describe('murmur import and alert rules', () => {
  const received: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(body);
      response.writeHead(200).end('ok');
    });
  });
  let hook = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('evaluates the rules after an import: a high-reach negative post reaches the webhook once', async () => {
    expect(await cli.murmur('topics', 'add', 'Brewly', '--query', 'Brewly')).toBe(0);
    expect(await cli.murmur('alerts', 'add', '--name', 'bad-post', '--kind', 'negative-post', '--topic', 'Brewly', '--webhook', hook, '--min-reach', '100')).toBe(0);
    const file = join(cli.dir, 'posts.jsonl');
    const now = new Date(Date.now() - 10 * 60_000).toISOString();
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'p1', text: 'Brewly is awful. Terrible coffee, worst service ever, never again.', author: 'angry_ana', followers: 50_000, likes: 900, created_at: now })}\n`,
    );
    expect(await cli.murmur('import', file)).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('angry_ana');
    // Importing the same file again updates the post; the alert is not sent twice.
    expect(await cli.murmur('import', file)).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('evaluates the rules after `murmur enrich` finds a stored post negative (the alert used to wait for the next import)', async () => {
    expect(await cli.murmur('topics', 'add', 'Brewly', '--query', 'Brewly')).toBe(0);
    expect(await cli.murmur('alerts', 'add', '--name', 'bad-post', '--kind', 'negative-post', '--topic', 'Brewly', '--webhook', hook, '--min-reach', '100')).toBe(0);
    const file = join(cli.dir, 'unlabelled.jsonl');
    const now = new Date(Date.now() - 10 * 60_000).toISOString();
    writeFileSync(file, `${JSON.stringify({ id: 'p2', text: 'Brewly is awful. Terrible coffee, worst service ever, never again.', author: 'angry_bob', followers: 50_000, likes: 900, created_at: now })}\n`);
    const before = received.length;
    // Stored without sentiment: no rule can fire yet.
    expect(await cli.murmur('import', file, '--no-enrich', '--no-progress')).toBe(0);
    expect(received).toHaveLength(before);
    expect(await cli.murmur('enrich', '--missing', '--no-progress')).toBe(0);
    expect(received.slice(before)).toHaveLength(1);
    expect(received.at(-1)).toContain('angry_bob');
  });
});
