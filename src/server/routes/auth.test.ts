import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreFactory } from '../../store/testing.ts';
import { createTestApi, TEST_PASSWORD, type TestApi } from '../testing.ts';
import { trustedProxies } from '../trust-proxy.ts';

describe('auth routes', () => {
  const factory = testStoreFactory('sqlite');
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(await factory.open(), { limits: { loginPerMinute: 100 } });
  });
  afterAll(async () => {
    await api.app.close();
    await factory.cleanup();
  });

  it('signs in with an HttpOnly, SameSite cookie and returns the CSRF token', async () => {
    const response = await api.as('anonymous').post('/api/v1/auth/login', { email: 'editor@example.com', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'murmur_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // plain http on loopback
    const body = response.json();
    expect(body.user.email).toBe('editor@example.com');
    expect(body.workspaces).toEqual([{ slug: 'acme', name: 'Acme', role: 'editor' }]);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(response.body).not.toContain(cookie.value);
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const store = await factory.open();
    const secure = await createTestApi(store, { trustProxy: true });
    const response = await secure.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'viewer@example.com', password: TEST_PASSWORD },
    });
    expect(response.cookies[0]!.secure).toBe(true);
    await secure.app.close();
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await api.as('anonymous').post('/api/v1/auth/login', { email: 'owner@example.com', password: 'not the password' });
    const unknown = await api.as('anonymous').post('/api/v1/auth/login', { email: 'ghost@example.com', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('validates the body with the field path', async () => {
    const response = await api.as('anonymous').post('/api/v1/auth/login', { email: 'x@example.com' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });

  it('reports who is signed in, by session and by token', async () => {
    const session = await api.login('viewer');
    const bySession = (await session.get('/api/v1/auth/me')).json();
    expect(bySession).toMatchObject({ via: 'session', csrfToken: session.csrfToken, user: { email: 'viewer@example.com' } });
    const byToken = (await api.as('owner').get('/api/v1/auth/me')).json();
    expect(byToken).toMatchObject({ via: 'token', csrfToken: null, workspaces: [{ slug: 'acme', role: 'owner' }] });
  });

  it('requires the CSRF header on cookie-authenticated writes, not on token calls', async () => {
    const session = await api.login('owner');
    const withoutCsrf = await api.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces/acme/tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'from a form' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().message).toMatch(/x-csrf-token/);
    const wrongCsrf = await api.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces/acme/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      payload: { name: 'from a form' },
    });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await session.post('/api/v1/workspaces/acme/tokens', { name: 'with csrf' })).statusCode).toBe(201);
    expect((await api.as('owner').post('/api/v1/workspaces/acme/tokens', { name: 'by token' })).statusCode).toBe(201);
    // Reads need no CSRF token.
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const session = await api.login('editor');
    expect((await session.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const store = await factory.open();
    const limited = await createTestApi(store, { limits: { loginPerMinute: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await limited.as('anonymous').post('/api/v1/auth/login', { email: 'owner@example.com', password: 'wrong password' });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.app.close();
  });

  it('keys the sign-in limit on the peer unless it is a listed proxy: a spoofed X-Forwarded-For dodges nothing', async () => {
    const store = await factory.open();
    // A bare --trust-proxy trusts a proxy on loopback only; this client comes from elsewhere.
    const limited = await createTestApi(store, { limits: { loginPerMinute: 3 }, trustProxy: true });
    const attempt = (remoteAddress: string, forwardedFor: string) =>
      limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-forwarded-for': forwardedFor }, payload: { email: 'owner@example.com', password: 'wrong password' } });
    const spoofed: number[] = [];
    for (let i = 0; i < 5; i++) spoofed.push((await attempt('203.0.113.9', `198.51.100.${i}`)).statusCode);
    expect(spoofed).toEqual([401, 401, 401, 429, 429]);
    // Behind the proxy on loopback, each forwarded client has its own budget.
    expect((await attempt('127.0.0.1', '198.51.100.77')).statusCode).toBe(401);
    await limited.app.close();
  });

  it('trusts only the proxies listed, and refuses an entry that is not an address or range', async () => {
    const store = await factory.open();
    const limited = await createTestApi(store, { limits: { loginPerMinute: 1 }, trustProxy: ['10.0.0.0/8'] });
    const attempt = (remoteAddress: string, forwardedFor: string) =>
      limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-forwarded-for': forwardedFor }, payload: { email: 'owner@example.com', password: 'wrong password' } });
    expect([(await attempt('10.1.1.1', '198.51.100.1')).statusCode, (await attempt('10.1.1.1', '198.51.100.2')).statusCode]).toEqual([401, 401]);
    expect([(await attempt('127.0.0.1', '198.51.100.3')).statusCode, (await attempt('127.0.0.1', '198.51.100.4')).statusCode]).toEqual([401, 429]);
    await limited.app.close();
    expect(() => trustedProxies('10.0.0.1,proxy.local')).toThrow(/"proxy\.local" is not an IP address or CIDR range/);
  });
});
