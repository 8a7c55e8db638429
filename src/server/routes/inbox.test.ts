import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('inbox routes', (open) => {
  let api: TestApi;
  let ids: number[];
  let foreignId: number;
  beforeAll(async () => {
    api = await createTestApi(await open());
    const pushed = await api.as('editor').post('/api/v1/workspaces/acme/mentions', {
      mentions: [pushedMention('q-1', 'What time do you open on Sundays?'), pushedMention('q-2', 'Nice shop'), pushedMention('q-3', 'Fine')],
    });
    ids = pushed.json().ids;
    foreignId = (await api.as('outsider').post('/api/v1/workspaces/globex/mentions', { mentions: [pushedMention('g-1', 'other?')] })).json().ids[0];
  });
  afterAll(async () => {
    await api.app.close();
  });

  const base = '/api/v1/workspaces/acme/inbox';

  it('assigns and moves mentions in one call, and shows them in "mine" for the assignee only', async () => {
    const editor = api.users.editor.id;
    const changed = await api.as('editor').post(`${base}/triage`, { ids: [ids[0], ids[1]], state: 'in_progress', assigneeId: editor });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().items).toMatchObject([{ mentionId: ids[0], state: 'in_progress', assigneeId: editor, updatedBy: editor }, { mentionId: ids[1] }]);

    const mine = await api.as('editor').get(`${base}?view=mine`);
    expect(mine.json().total).toBe(2);
    expect((await api.as('viewer').get(`${base}?view=mine`)).json().total).toBe(0);
    const unassigned = await api.as('viewer').get(`${base}?view=unassigned`);
    expect(unassigned.json().items.map((i: { mention: { externalId: string } }) => i.mention.externalId)).toEqual(['q-3']);

    const one = await api.as('viewer').get(`${base}/${ids[0]}`);
    expect(one.json()).toMatchObject({ mention: { externalId: 'q-1' }, triage: { state: 'in_progress' }, history: [{ field: 'state', from: 'new', to: 'in_progress', userId: editor }, { field: 'assignee' }] });
  });

  it('filters by state (repeatable) and puts questions in "needs-reply"', async () => {
    await api.as('editor').post(`${base}/triage`, { ids: [ids[2]], state: 'done', notes: 'no answer needed' });
    const done = await api.as('viewer').get(`${base}?state=done`);
    expect(done.json().items.map((i: { triage: { notes: string } }) => i.triage.notes)).toEqual(['no answer needed']);
    expect((await api.as('viewer').get(`${base}?state=done&state=in_progress`)).json().total).toBe(3);
    const reply = await api.as('viewer').get(`${base}?view=needs-reply`);
    expect(reply.json().items.map((i: { mention: { externalId: string }; priority: number }) => [i.mention.externalId, i.priority])).toEqual([['q-1', 4]]);
  });

  it('refuses bad input naming it, another workspace’s mention, a non-member assignee, and a viewer', async () => {
    const empty = await api.as('editor').post(`${base}/triage`, { ids: [ids[0]] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/give a state, an assigneeId or notes/);
    const badState = await api.as('editor').post(`${base}/triage`, { ids: [ids[0]], state: 'closed' });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().issues[0].path).toBe('body.state');
    const tooMany = await api.as('editor').post(`${base}/triage`, { ids: Array.from({ length: 501 }, (_, i) => i + 1), state: 'done' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/at most 500/);
    const foreign = await api.as('editor').post(`${base}/triage`, { ids: [ids[0], foreignId], state: 'done' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toContain(`no mention ${foreignId}`);
    expect((await api.as('viewer').get(`${base}/${foreignId}`)).statusCode).toBe(404);
    const outsider = await api.as('editor').post(`${base}/triage`, { ids: [ids[0]], assigneeId: api.users.outsider.id });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().message).toMatch(/not a member/);
    expect((await api.as('viewer').post(`${base}/triage`, { ids: [ids[0]], state: 'done' })).statusCode).toBe(403);
    // Nothing of the refused calls was written.
    expect((await api.as('viewer').get(`${base}/${ids[0]}`)).json().triage.state).toBe('in_progress');
  });

  it('corrects the sentiment of many mentions, shows it in lists and the history, and exports it as training data', async () => {
    const corrected = await api.as('editor').post(`${base}/sentiment`, { ids: [ids[1], ids[2]], label: 'negative' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().items).toMatchObject([{ mentionId: ids[1], label: 'negative', userId: api.users.editor.id }, { mentionId: ids[2], label: 'negative' }]);
    // The mention search (cached between writes) answers with the correction at once.
    const search = await api.as('viewer').get('/api/v1/workspaces/acme/mentions?sentiment=negative');
    expect(search.json().items.map((m: { externalId: string }) => m.externalId).sort()).toEqual(['q-2', 'q-3']);
    const one = await api.as('viewer').get(`${base}/${ids[1]}`);
    expect(one.json().history.at(-1)).toMatchObject({ field: 'sentiment', to: 'negative', userId: api.users.editor.id });

    const csv = await api.as('viewer').get('/api/v1/workspaces/acme/nlp/corrections?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('text,lang,label,original_label,mention_id,corrected_at');
    expect(lines.slice(1).map((l) => { const [text, , label] = l.split(','); return `${text}:${label}`; }).sort()).toEqual(['Fine:negative', 'Nice shop:negative']);
    const jsonl = await api.as('viewer').get('/api/v1/workspaces/acme/nlp/corrections');
    expect(jsonl.body.trim().split('\n').map((l) => JSON.parse(l).label)).toEqual(['negative', 'negative']);
    // Another workspace's export holds none of them.
    expect((await api.as('outsider').get('/api/v1/workspaces/globex/nlp/corrections')).body).toBe('');

    const bad = await api.as('editor').post(`${base}/sentiment`, { ids: [ids[1]], label: 'angry' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.label');
    expect((await api.as('viewer').post(`${base}/sentiment`, { ids: [ids[1]], label: 'positive' })).statusCode).toBe(403);
  });
});
