/**
 * Test support for the API: a server over a test store with two workspaces and a
 * caller of each kind, so route tests read as `await api.as('viewer').get(...)`.
 *
 *   acme:   owner, editor, viewer (each with a session and an API token of their role)
 *   globex: outsider (owner of globex, no role in acme)
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { setMember } from '../accounts/members.ts';
import { hashPassword } from '../accounts/passwords.ts';
import type { Role } from '../accounts/roles.ts';
import { createToken } from '../accounts/tokens.ts';
import { createUser } from '../accounts/users.ts';
import type { Store } from '../store/store.ts';
import { createWorkspace } from '../store/workspaces.ts';
import { buildServer, type ServerOptions } from './server.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;
export type Who = 'owner' | 'editor' | 'viewer' | 'outsider' | 'anonymous';

export interface TestApi {
  app: FastifyInstance;
  store: Store;
  workspaces: { acme: number; globex: number };
  users: Record<Exclude<Who, 'anonymous'>, { id: number; email: string; token: string }>;
  /** Requests as one caller, with a bearer token (anonymous: no credentials). */
  as(who: Who): Client;
  /** Signs in with email + password and returns a cookie client that sends the CSRF header. */
  login(who: Exclude<Who, 'anonymous'>): Promise<Client & { cookie: string; csrfToken: string }>;
}

export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (options: InjectOptions) => app.inject({ ...options, headers: { ...headers, ...options.headers } });
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export async function createTestApi(store: Store, options: Partial<ServerOptions> = {}): Promise<TestApi> {
  const acme = await createWorkspace(store, 'acme', 'Acme');
  const globex = await createWorkspace(store, 'globex', 'Globex');
  const roles: [Exclude<Who, 'anonymous'>, number, Role][] = [
    ['owner', acme, 'owner'],
    ['editor', acme, 'editor'],
    ['viewer', acme, 'viewer'],
    ['outsider', globex, 'owner'],
  ];
  const users = {} as TestApi['users'];
  // scrypt is slow on purpose: hash the shared test password once per process, not per user.
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testPasswordHash;
  for (const [who, workspaceId, role] of roles) {
    const user = await createUser(store, { email: `${who}@example.com`, name: who });
    await store.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await setMember(store, workspaceId, user.id, role);
    const token = await createToken(store, { userId: user.id, workspaceId, name: `${who} test`, role });
    users[who] = { id: user.id, email: user.email, token: token.token };
  }
  const app = await buildServer({ store, logger: process.env.DEBUG_SERVER ? undefined : false, webRoot: null, ...options });
  await app.ready();
  return {
    app,
    store,
    workspaces: { acme, globex },
    users,
    as: (who) => client(app, who === 'anonymous' ? {} : { authorization: `Bearer ${users[who].token}` }),
    async login(who) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: users[who].email, password: TEST_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login as ${who} failed: ${response.body}`);
      const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
      return { ...client(app, { cookie, 'x-csrf-token': csrfToken }), cookie, csrfToken };
    },
  };
}

/** A minimal valid pushed mention. */
export function pushedMention(externalId: string, text: string, publishedAt = '2026-03-01T10:00:00Z') {
  return { source: 'webhook', externalId, author: { handle: 'someone' }, text, publishedAt };
}
