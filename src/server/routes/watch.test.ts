import { afterAll, beforeAll, expect, it, onTestFinished, vi } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';
import { medianByHour } from './watch.ts';

it('medianByHour takes the median of each hour of day', () => {
  const medians = medianByHour([
    { hour: 9, mentions: 1 },
    { hour: 9, mentions: 5 },
    { hour: 9, mentions: 3 },
    { hour: 10, mentions: 2 },
    { hour: 10, mentions: 4 },
  ]);
  expect(medians).toHaveLength(24);
  expect(medians[9]).toBe(3);
  expect(medians[10]).toBe(3);
  expect(medians[0]).toBe(0);
});

describeEachStore('watch routes', (open) => {
  let api: TestApi;
  let topic: number;
  const base = '/api/v1/workspaces/acme/watch';
  beforeAll(async () => {
    api = await createTestApi(await open());
    const mentions = [];
    for (let day = 1; day <= 28; day++) {
      const perDay = day === 27 ? 40 : 3;
      for (let i = 0; i < perDay; i++) {
        const date = new Date(Date.UTC(2026, 1, day, 8 + (i % 10), i));
        const author = day === 27 && i % 2 === 0 ? 'angry_ana' : `user${i}`;
        mentions.push({ ...pushedMention(`w-${day}-${i}`, `Acme coffee ${day === 27 ? 'is terrible, awful' : 'is nice'} #acme`, date.toISOString()), author: { handle: author, followers: 100 * i } });
      }
    }
    expect((await api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions })).statusCode).toBe(200);
    topic = (await api.as('editor').post('/api/v1/workspaces/acme/topics', { name: 'Acme', query: 'acme' })).json().topic.id;
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('answers the overview of a day', async () => {
    const response = await api.as('viewer').get(`${base}/overview?topic=${topic}&date=2026-02-27&tz=Europe/Paris`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.date).toBe('2026-02-27');
    expect(body.hourly).toHaveLength(24);
    expect(body.normalHourly).toHaveLength(24);
    expect(body.kpis.find((k: { kpi: string }) => k.kpi === 'mentions')).toMatchObject({ value: 40, median: 3 });
    expect(Array.isArray(body.crisis)).toBe(true);
    expect(body.alerts).toEqual([]);
  });

  it('answers every period analytic', async () => {
    const period = `topic=${topic}&first=2026-02-01&last=2026-02-28&tz=UTC`;
    for (const path of ['series', 'spikes', 'crisis', 'advocacy', 'influencers', 'top-content']) {
      const response = await api.as('viewer').get(`${base}/${path}?${period}`);
      expect(response.statusCode, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    // The spikes answer says whether the topic has enough history for any verdict.
    expect((await api.as('viewer').get(`${base}/spikes?${period}`)).json().history).toMatchObject({ seasons: 4, minimum: 3 });
    const series = (await api.as('viewer').get(`${base}/series?${period}`)).json().items;
    expect(series).toHaveLength(28);
    expect(series[26].mentions).toBe(40);
    const influencers = (await api.as('viewer').get(`${base}/influencers?${period}&limit=3`)).json().items;
    expect(influencers.length).toBeLessThanOrEqual(3);
    for (const path of [`activation?topic=${topic}&date=2026-02-27`, `baseline?topic=${topic}&date=2026-02-27`, 'share-of-voice?first=2026-02-01&last=2026-02-28', `campaign-shape?first=2026-02-01&last=2026-02-28&hashtag=acme`]) {
      const response = await api.as('viewer').get(`${base}/${path}`);
      expect(response.statusCode, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('validates dates, time zones and periods with their paths', async () => {
    const cases: [string, string][] = [
      [`overview?topic=${topic}&date=2026-02-30`, 'querystring.date'],
      [`overview?topic=${topic}&date=2026-02-27&tz=Mars/Olympus`, 'querystring.tz'],
      [`crisis?topic=${topic}&first=2026-02-10&last=2026-02-01`, 'querystring.last'],
      [`crisis?topic=${topic}&first=2020-01-01&last=2026-02-01`, 'querystring.last'],
      [`crisis?topic=${topic}&first=2099-01-01`, 'querystring.first'], // after the default last day, yesterday
      [`campaign-shape?first=2026-02-01&last=2026-02-02&topic=Acme&hashtag=acme`, 'querystring.topic'],
    ];
    for (const [path, field] of cases) {
      const response = await api.as('viewer').get(`${base}/${path}`);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().issues[0].path, path).toBe(field);
    }
  });

  it('takes a topic by name as well as by id, and the CLI’s defaults for the topic and the days', async () => {
    const byName = await api.as('viewer').get(`${base}/series?topic=acme&first=2026-02-01&last=2026-02-28`);
    const byId = await api.as('viewer').get(`${base}/series?topic=${topic}&first=2026-02-01&last=2026-02-28`);
    const byDefault = await api.as('viewer').get(`${base}/series?first=2026-02-01&last=2026-02-28`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json()).toEqual(byId.json());
    expect(byDefault.json()).toEqual(byId.json());
    // No first/last: the 30 days up to yesterday (7 for the crisis scan), as `murmur spikes` and `murmur crisis`.
    // The clock is held at noon so that no midnight falls between the test's "yesterday" and the server's.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-10T12:00:00Z'), shouldAdvanceTime: true });
    onTestFinished(() => void vi.useRealTimers());
    const yesterday = '2026-03-09';
    const series = (await api.as('viewer').get(`${base}/series?topic=Acme`)).json().items as { date: string }[];
    expect(series).toHaveLength(30);
    expect(series.at(-1)!.date).toBe(yesterday);
    const overview = await api.as('viewer').get(`${base}/overview?topic=Acme`);
    expect(overview.json().date).toBe(yesterday);
    const unknown = await api.as('viewer').get(`${base}/crisis?topic=Nope`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('no topic named "Nope" (this workspace has: Acme)');
    expect((await api.as('viewer').get(`${base}/share-of-voice?first=2026-02-01&last=2026-02-28&topics=Acme`)).statusCode).toBe(200);
  });

  it('does not run analytics on another workspace’s topic', async () => {
    const foreign = (await api.as('outsider').post('/api/v1/workspaces/globex/topics', { name: 'G', query: 'globex' })).json().topic.id;
    expect((await api.as('viewer').get(`${base}/overview?topic=${foreign}&date=2026-02-27`)).statusCode).toBe(404);
    expect((await api.as('viewer').get(`${base}/share-of-voice?first=2026-02-01&last=2026-02-28&topics=${foreign}`)).statusCode).toBe(404);
    expect((await api.as('viewer').get(`${base}/crisis?topic=G`)).statusCode).toBe(404);
  });
});

describeEachStore('watch answers cache', (open) => {
  it('serves a repeated question from the cache until new data arrives', async () => {
    const api = await createTestApi(await open());
    const day = '2026-02-10';
    const push = (id: string) =>
      api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions: [pushedMention(id, 'acme again', `${day}T12:00:00Z`)] });
    await push('c-1');
    const topic = (await api.as('editor').post('/api/v1/workspaces/acme/topics', { name: 'Acme', query: 'acme' })).json().topic.id;
    const url = `/api/v1/workspaces/acme/watch/series?topic=${topic}&first=${day}&last=${day}`;
    expect((await api.as('viewer').get(url)).json().items[0].mentions).toBe(1);
    expect((await api.as('viewer').get(url)).json().items[0].mentions).toBe(1);
    await push('c-2');
    expect((await api.as('viewer').get(url)).json().items[0].mentions).toBe(2);
    await api.app.close();
  });
});
