/**
 * A demo-sized store for the browser tests: a signed-up owner, then the bundled sample
 * stream's topics and mentions pushed through the real API (the path integrations take),
 * so enrichment and topic matching run exactly as in production.
 */
import { setMember } from '../../src/accounts/members.ts';
import { createUser } from '../../src/accounts/users.ts';
import type { MentionInput } from '../../src/core/mention.ts';
import { generateSampleStream } from '../../src/demo/sample-stream.ts';
import { openStore } from '../../src/store/store.ts';
import { workspaceId } from '../../src/store/workspaces.ts';

export const DEMO_USER = { email: 'e2e@example.com', password: 'e2e-password-long-enough', name: 'E2E Owner' };
export const WORKSPACE = 'default';

/** Creates the store file and its owner; must run before the server opens the file. */
export async function createOwner(db: string): Promise<void> {
  const store = await openStore(db);
  try {
    const user = await createUser(store, { email: DEMO_USER.email, name: DEMO_USER.name, password: DEMO_USER.password });
    await setMember(store, await workspaceId(store, WORKSPACE), user.id, 'owner');
  } finally {
    await store.close();
  }
}

interface ApiSession {
  cookie: string;
  csrf: string;
}

export async function signInByApi(url: string): Promise<ApiSession> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: body.csrfToken };
}

async function post(url: string, session: ApiSession, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${url}/api/v1/workspaces/${WORKSPACE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} failed: ${response.status} ${(await response.text()).slice(0, 500)}`);
  return response.json();
}

const toWire = (m: MentionInput) => ({
  source: m.source,
  externalId: m.externalId,
  url: m.url,
  author: m.author,
  text: m.text,
  publishedAt: m.publishedAt.toISOString(),
  engagement: m.engagement,
  langHint: m.langHint ?? null,
  parentExternalId: m.parentExternalId ?? null,
});

/** Pushes the sample stream at `scale` into the running server; returns how many mentions. */
export async function pushSampleStream(url: string, scale: number): Promise<{ mentions: number; topics: string[] }> {
  const session = await signInByApi(url);
  const stream = generateSampleStream({ scale, withLabels: false });
  for (const topic of stream.topics) await post(url, session, '/topics', { name: topic.name, query: topic.query, role: topic.role });
  for (let i = 0; i < stream.mentions.length; i += 1000) {
    await post(url, session, '/mentions', { mentions: stream.mentions.slice(i, i + 1000).map(toWire) });
  }
  return { mentions: stream.mentions.length, topics: stream.topics.map((t) => t.name) };
}
