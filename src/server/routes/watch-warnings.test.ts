import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { markLoadFinished, markLoadStarted } from '../../store/unfinished-loads.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('watch overview: incomplete data is said', (open) => {
  let api: TestApi;
  const overview = '/api/v1/workspaces/acme/watch/overview?topic=Acme&date=2026-03-01&tz=UTC';
  beforeAll(async () => {
    api = await createTestApi(await open());
    expect((await api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions: [pushedMention('w-1', 'Acme coffee')] })).statusCode).toBe(200);
    expect((await api.as('editor').post('/api/v1/workspaces/acme/topics', { name: 'Acme', query: 'acme' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('warns while the first import has not finished, and stops once it has (the answer cache notwithstanding)', async () => {
    expect((await api.as('viewer').get(overview)).json().warnings).toEqual([]);
    await markLoadStarted(api.store, api.workspaces.acme, 'import', 'mentions.csv', Date.UTC(2026, 2, 1, 9));
    const warned = (await api.as('viewer').get(overview)).json();
    expect(warned.warnings).toEqual([expect.stringMatching(/^the first import into this workspace \(mentions\.csv, started 2026-03-01 09:00 UTC\) did not finish/)]);
    expect(warned.kpis.length).toBeGreaterThan(0);
    await markLoadFinished(api.store, api.workspaces.acme, 'import');
    expect((await api.as('viewer').get(overview)).json().warnings).toEqual([]);
  });
});
