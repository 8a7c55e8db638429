/**
 * One fact, one figure: the sample stream's crisis rendered through every view — the CLI
 * (--json and text, `spikes` and `crisis`), the HTTP API, the dashboard's formatting code
 * and the four reports' HTML — states the same mentions observed, the same expected and the
 * same share of the extra volume for its main cause. And reach is one figure per author.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { murmurOutput } from '../cli/cli-testing.ts';
import { createTestApi, type TestApi } from '../server/testing.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { causeShareText, spikeTexts } from '../../web/src/components/spike-text.ts';
import type { SpikeFigures } from './figures.ts';
import type { ExplainedSpike } from './loaders.ts';
import type { CrisisItem } from './crisis.ts';
import { loadSampleStream, type LoadedSample } from './testing.ts';
import { addDays } from './time.ts';

describeEachStore('one figure per fact across views', (open, location) => {
  let store: Store;
  let api: TestApi;
  let sample: LoadedSample;
  let db: string;
  beforeAll(async () => {
    db = await location();
    const { openStore } = await import('../store/store.ts');
    store = await openStore(db);
    api = await createTestApi(store);
    sample = await loadSampleStream(store, { workspaceId: api.workspaces.acme });
  });
  afterAll(async () => {
    await api.app.close();
    await store.close();
  });
  const day = () => sample.stream.groundTruth.crisis.date;
  const cli = (...args: string[]) => murmurOutput('--db', db, '--workspace', 'acme', ...args);
  const get = async (url: string) => {
    const response = await api.as('viewer').get(`/api/v1/workspaces/acme${url}`);
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const crisisOf = (items: ExplainedSpike[]) => items.find((e) => e.spike.direction === 'rise' && e.spike.start <= Date.parse(`${day()}T12:00:00Z`) && e.spike.end >= Date.parse(`${day()}T00:00:00Z`))!;
  /** Every "N %" before "of the extra volume comes from one post by @dana_reviews". */
  const sharesIn = (text: string) => [...text.replace(/<[^>]+>/g, ' ').matchAll(/(\d+)\s?% of the extra volume comes from @dana_reviews’s post “Found a shard of glass/g)].map((m) => Number(m[1]));

  it('states the crisis with the same figures in the CLI, the API, the dashboard and the four reports', async () => {
    const period = ['--from', addDays(day(), -6), '--to', addDays(day(), 1), '--tz', 'UTC'];
    const spikesJson = JSON.parse(await cli('spikes', '--metric', 'negative', ...period, '--json')) as { items: ExplainedSpike[] };
    const truth: SpikeFigures = crisisOf(spikesJson.items).figures;
    expect(truth.cause).toMatchObject({ dimension: 'post', author: 'dana_reviews' });
    expect(truth.observed).toBeGreaterThan(truth.expected);
    const share = truth.cause!.explainsPercent;

    // CLI text: the head's figures and the cause sentence.
    const text = await cli('spikes', '--metric', 'negative', ...period);
    expect(text).toContain(`(${truth.observed.toLocaleString('en')} observed, ${truth.expected.toLocaleString('en')} expected`);
    expect(sharesIn(text)).toEqual([share]);
    const crisisJson = JSON.parse(await cli('crisis', ...period, '--json')) as CrisisItem[];
    const crisisSpike = crisisJson.find((i) => i.kind === 'negative-spike')!;
    expect(crisisSpike.kind === 'negative-spike' && crisisSpike.figures).toEqual(truth);
    expect(sharesIn(await cli('crisis', ...period))).toEqual([share]);

    // API and the dashboard's formatting of what the API answers.
    const query = `topic=Brewly&first=${addDays(day(), -6)}&last=${addDays(day(), 1)}&tz=UTC`;
    const apiSpikes = (await get(`/watch/spikes?metric=negative&${query}`)).json() as { items: ExplainedSpike[] };
    expect(crisisOf(apiSpikes.items).figures).toEqual(truth);
    const apiCrisis = (await get(`/watch/crisis?${query}`)).json() as { items: CrisisItem[] };
    const fromApi = apiCrisis.items.find((i) => i.kind === 'negative-spike')!;
    expect(fromApi.kind === 'negative-spike' && fromApi.figures).toEqual(truth);
    const texts = spikeTexts('en', truth);
    expect(texts).toEqual({ observed: truth.observed.toLocaleString('en'), expected: truth.expected.toLocaleString('en'), extra: truth.extra.toLocaleString('en'), share: `${share}%` });
    expect(causeShareText('en', truth.cause!)).toBe(`${share}%`);

    // The four reports, each over its own period holding the crisis day.
    for (const kind of ['daily', 'weekly', 'monthly', 'annual']) {
      const html = (await get(`/reports/${kind}?date=${day()}&tz=UTC`)).body;
      const shares = sharesIn(html);
      expect(shares.length, `${kind} report names the crisis's cause`).toBeGreaterThan(0);
      expect(new Set(shares), `${kind} report`).toEqual(new Set([share]));
      const stated = [...html.matchAll(/Oct 3, 2026[^<:]*: ([\d,]+) (?:negative mentions )?against a usual ([\d,]+)/g)].map((m) => `${m[1]}/${m[2]}`);
      expect(stated.length, `${kind} report states the crisis's volume`).toBeGreaterThan(0);
      expect(new Set(stated), `${kind} report`).toEqual(new Set([`${truth.observed.toLocaleString('en')}/${truth.expected.toLocaleString('en')}`]));
    }
  });

  it('carries the crisis into the monthly and annual reports, keeps a crisis hashtag out of campaigns, and says a partial year is partial', async () => {
    type Doc = { subtitle: string; sections: { id: string; status: string; blocks: { type: string; text?: string; rows?: string[][]; items?: { label: string }[] }[] }[] };
    const report = async (kind: string) => JSON.parse((await get(`/reports/${kind}?date=${day()}&tz=UTC&format=json`)).body) as Doc;
    for (const kind of ['monthly', 'annual']) {
      const doc = await report(kind);
      const crisis = doc.sections.find((x) => x.id === 'crisis')!;
      expect(crisis.status, kind).toBe('attention');
      expect(crisis.blocks.some((b) => b.text?.includes('@dana_reviews')), kind).toBe(true);
      const tables = doc.sections.filter((x) => x.id === 'campaigns' || x.id === 'channels').flatMap((x) => x.blocks.flatMap((b) => b.rows ?? []));
      expect(tables.some((row) => row[0] === '#brewlybaristas'), kind).toBe(true);
      expect(tables.some((row) => row[0] === '#brewlyfail'), kind).toBe(false);
    }
    const annual = await report('annual');
    expect(annual.subtitle).toContain('data only from Aug 3, 2026 to Oct 31, 2026 (90 of 365 days)');
    const audience = annual.sections.find((x) => x.id === 'audience')!.blocks.find((b) => b.type === 'metrics')!;
    expect(audience.items!.map((i) => i.label)).toEqual(['New authors per day (59 days of data) · Q3 2026', 'New authors per day (31 days of data) · Q4 2026']);
    expect((await report('monthly')).subtitle).not.toContain('data only');
  });

  it('gives an author one reach on the Advocates and the Influencers lists', async () => {
    const period = ['--from', addDays(day(), -27), '--to', day(), '--tz', 'UTC', '--json'];
    const advocacy = JSON.parse(await cli('advocates', ...period)) as { advocates: { handle: string; reach: number; positiveReach: number; negativeReach: number }[] };
    const influencers = JSON.parse(await cli('influencers', ...period)) as { handle: string; reach: number }[];
    const both = influencers.filter((i) => advocacy.advocates.some((a) => a.handle === i.handle));
    expect(both.length).toBeGreaterThan(0);
    for (const i of both) {
      const a = advocacy.advocates.find((x) => x.handle === i.handle)!;
      expect(a.reach).toBe(i.reach);
      expect(a.positiveReach + a.negativeReach).toBeLessThanOrEqual(a.reach);
    }
  });
});
