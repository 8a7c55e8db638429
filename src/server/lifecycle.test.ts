import { connect } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { createToken } from '../accounts/tokens.ts';
import { setMember } from '../accounts/members.ts';
import { createUser } from '../accounts/users.ts';
import { openStore } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { startServer } from './lifecycle.ts';
import { pushedMention } from './testing.ts';
import type { MentionInput } from '../core/mention.ts';
import { upsertMentions } from '../store/mention-writer.ts';

/**
 * A server on `where` whose POST handlers wait at a gate: `handlerReached` resolves when a
 * write is inside its handler, `release` lets it go on. Plus an editor token to write with.
 */
async function gatedServer(where: string, email: string) {
  const store = await openStore(where);
  const ws = await workspaceId(store);
  const user = await createUser(store, { email });
  await setMember(store, ws, user.id, 'editor');
  const { token } = await createToken(store, { userId: user.id, workspaceId: ws, name: email, role: 'editor' });
  let reached!: () => void;
  const handlerReached = new Promise<void>((resolve) => (reached = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = await startServer({
    store,
    logger: false,
    webRoot: null,
    port: 0,
    host: '127.0.0.1',
    beforeListen: (app) => {
      app.addHook('preHandler', async (request) => {
        if (request.method === 'POST') {
          reached();
          await gate;
        }
      });
    },
  });
  return { server, token, handlerReached, release };
}

function longMention(i: number): MentionInput {
  return {
    source: 'import',
    externalId: `long-${i}`,
    url: null,
    author: { handle: `user${i}` },
    text: 'a'.repeat(5000),
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  } as MentionInput;
}

describeEachStore('graceful shutdown', (_open, location) => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => {});
  });

  it('finishes an in-flight write before closing the store, and takes no new requests', async () => {
    const where = await location();
    const { server, token, handlerReached, release } = await gatedServer(where, 'push@example.com');

    const url = `${server.url}/api/v1/workspaces/default/mentions`;
    const mentions = Array.from({ length: 200 }, (_, i) => pushedMention(`inflight-${i}`, `mention ${i}`));
    const write = fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions }),
    });
    await handlerReached;
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);

    // A newcomer is turned away while the in-flight write is still running.
    const late = await fetch(`${server.url}/healthz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(late);

    release();
    const response = await write;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ inserted: 200 });
    await stopping;

    // The store was closed after the write committed: reopen and count.
    const reopened = await openStore(where);
    opened.push(reopened);
    const count = await reopened.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(200);
  });

  it('finishes a write whose client hung up before closing the store', async () => {
    const where = await location();
    const { server, token, handlerReached, release } = await gatedServer(where, 'gone@example.com');
    const client = new AbortController();
    const mentions = Array.from({ length: 50 }, (_, i) => pushedMention(`gone-${i}`, `mention ${i}`));
    const write = fetch(`${server.url}/api/v1/workspaces/default/mentions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mentions }),
      signal: client.signal,
    }).catch(() => 'aborted');
    await handlerReached;
    client.abort();
    expect(await write).toBe('aborted');
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const reopened = await openStore(where);
    opened.push(reopened);
    const count = await reopened.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', 'gone-%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(50);
  });

  it('stops a topic save still matching stored mentions (503, the topic not kept) instead of waiting for it', async () => {
    const where = await location();
    const { server, token, handlerReached, release } = await gatedServer(where, 'topic@example.com');
    const ws = await workspaceId(server.app.store);
    // Long texts against nested wildcards: far more matching than one slice.
    await upsertMentions(server.app.store, ws, Array.from({ length: 120 }, (_, i) => longMention(i)));
    const save = fetch(`${server.url}/api/v1/workspaces/default/topics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Wildcards', query: `${'a*'.repeat(5)}b` }),
    });
    await handlerReached;
    const stopping = server.stop();
    // SIGTERM has reached the server: its closing signal is aborted before the save matches a row.
    await new Promise((resolve) => server.app.closing.addEventListener('abort', resolve, { once: true }));
    release();
    const response = await save;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'shutting_down' });
    await stopping;
    const reopened = await openStore(where);
    opened.push(reopened);
    const topics = await reopened.db.selectFrom('topics').select('name').where('name', '=', 'Wildcards').execute();
    expect(topics).toHaveLength(0);
  });

  it('closes a connection whose client stopped half-way through a request instead of waiting for it', async () => {
    const where = await location();
    const store = await openStore(where);
    const server = await startServer({ store, logger: false, webRoot: null, port: 0, host: '127.0.0.1', forceCloseAfterMs: 50 });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers begun, never finished: the server sees a request in progress on this connection.
    socket.write('POST /api/v1/workspaces/default/mentions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    // Node's own request timeout would hold this stop for minutes.
    await server.stop();
    await ended;
    const reopened = await openStore(where);
    opened.push(reopened);
  });
});

it('makes the address it listens on the base of the links it gives when MURMUR_PUBLIC_URL is unset', async () => {
  const store = await openStore(':memory:');
  const server = await startServer({ store, logger: false, webRoot: null, port: 0, host: '127.0.0.1' });
  try {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toBe('http://127.0.0.1:0');
    expect(server.app.settings.listenUrl).toBe(server.url);
  } finally {
    await server.stop();
  }
});
