import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreFactory } from '../store/testing.ts';
import { createTestApi, type TestApi } from './testing.ts';

describe('the server around the routes', () => {
  const factory = testStoreFactory('sqlite');
  const webRoot = mkdtempSync(join(tmpdir(), 'murmur-web-'));
  let api: TestApi;
  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Murmur</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("murmur")');
    api = await createTestApi(await factory.open(), { webRoot });
  });
  afterAll(async () => {
    await api.app.close();
    await factory.cleanup();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the web app, with the app shell for client-side routes', async () => {
    const home = await api.as('anonymous').request({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    expect(home.headers['cache-control']).toBe('no-cache');
    const deep = await api.as('anonymous').request({ method: 'GET', url: '/settings/tokens', headers: { accept: 'text/html,*/*' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    const asset = await api.as('anonymous').get('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown API routes and missing files with JSON 404s, never the app shell', async () => {
    const api404 = await api.as('anonymous').request({ method: 'GET', url: '/api/v1/nope', headers: { accept: 'text/html' } });
    expect(api404.statusCode).toBe(404);
    expect(api404.json().message).toBe('no route GET /api/v1/nope');
    expect((await api.as('anonymous').get('/assets/missing.js')).statusCode).toBe(404);
  });

  it('sets security headers', async () => {
    const response = await api.as('anonymous').get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('publishes an OpenAPI document of every API route, and a docs page', async () => {
    const doc = (await api.as('anonymous').get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(Object.keys(doc.paths));
    const missing = api.app.routeList
      .filter((r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/docs') && r.url !== '/api/v1/openapi.json')
      .map((r) => r.url.replace(/:(\w+)/g, '{$1}'))
      .filter((url) => !documented.has(url));
    expect(missing).toEqual([]);
    expect(doc.paths['/api/v1/workspaces/{ws}/mentions'].post.requestBody).toBeTruthy();
    const docs = await api.as('anonymous').request({ method: 'GET', url: '/api/v1/docs/', headers: { accept: 'text/html' } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('reports readiness from the store', async () => {
    expect((await api.as('anonymous').get('/readyz')).json()).toEqual({ status: 'ready', store: 'sqlite' });
  });
});
