/**
 * The not-sure share (docs/figures.md, "Not sure" sentiment): the rollup counts the
 * not-sure mentions as isNotSure defines them, follows corrections and re-enrichment as it
 * follows the labels, and the API, the CLI and the reports show the same share beside net
 * sentiment. Probabilities are fixed by the fixture, so the expected share is known.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { murmurOutput } from '../cli/cli-testing.ts';
import type { MentionInput, Sentiment, SentimentLabel } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { models } from '../nlp/models.ts';
import { createPlan } from '../plan/plans.ts';
import type { MonthlyReview } from '../plan/review.ts';
import { samplePlan } from '../plan/test-fixtures.ts';
import { reenrichMentions } from '../nlp/reenrich.ts';
import { createTestApi, type TestApi } from '../server/testing.ts';
import { writeSentimentCorrection } from '../store/sentiment-corrections.ts';
import { openStore, type Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { isNotSure, NOT_SURE_BELOW, wholePercent } from './figures.ts';
import type { DayBaseline } from './loaders.ts';
import { refreshRollup } from './rollup.ts';
import type { SeriesBucket } from './series.ts';

const DAY = '2026-03-02';
const AT = Date.parse(`${DAY}T09:00:00Z`);

function sentiment(label: SentimentLabel, negative: number, neutral: number, positive: number): Sentiment {
  return { label, probabilities: { negative, neutral, positive }, score: positive - negative };
}

const AT_THRESHOLD = NOT_SURE_BELOW;
/** Seven mentions with a sentiment, three of them not sure (every probability under NOT_SURE_BELOW), and one without. */
const FIXTURE: [string, Sentiment | null][] = [
  ['n1', sentiment('negative', 0.5, 0.3, 0.2)],
  ['n2', sentiment('neutral', 0.2, 0.45, 0.35)],
  ['s3', sentiment('positive', 0.1, 0.1, 0.8)],
  ['s4', sentiment('negative', 0.7, 0.2, 0.1)],
  ['n5', sentiment('positive', 0.3, 0.3, 0.4)],
  // Exactly at the threshold: sure (not under it).
  ['s6', sentiment('negative', AT_THRESHOLD, 0.9 - AT_THRESHOLD, 0.1)],
  ['s7', sentiment('neutral', 0.05, 0.9, 0.05)],
  ['x8', null],
];

function mention([id, s]: [string, Sentiment | null], k: number): MentionInput {
  return {
    source: 'mastodon',
    externalId: id,
    url: null,
    author: { handle: `author_${id}`, displayName: null, followers: 10 },
    text: `acme post ${id}`,
    publishedAt: new Date(AT + k * 20 * 60_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    lang: 'en',
    sentiment: s,
  };
}

/** Reads every text as unsure: what a retrained model might say of all of them. */
const unsureReader = { analyze: () => sentiment('negative', 0.4, 0.35, 0.25) };

describeEachStore('the not-sure share beside net sentiment', (_open, location) => {
  let db: string;
  let store: Store;
  let api: TestApi;
  let ws: number;
  let topic: number;
  let ids: number[];
  let planId: number;
  beforeAll(async () => {
    // The store's clock: writes stamp updated_at from it, and the rollup follows updated_at.
    vi.useFakeTimers({ toFake: ['Date'], now: AT + 86_400_000, shouldAdvanceTime: true });
    db = await location();
    store = await openStore(db);
    api = await createTestApi(store);
    ws = api.workspaces.acme;
    topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    const kpi = { id: 'sentiment', name: 'Net sentiment', metric: 'net_sentiment' as const, scope: { topic: 'Acme' }, targets: [{ quarter: '2026-Q1', value: 20 }] };
    planId = (await createPlan(store, ws, { ...samplePlan, kpis: [kpi] }, 'ana', AT)).id;
    ({ ids } = await ingestBatch(store, ws, FIXTURE.map(mention), { enricher: null, topics: [{ topicId: topic, matches: (m) => m.text.includes('acme') }] }));
  });
  let apiOpen = true;
  afterAll(async () => {
    if (apiOpen) await api.app.close();
    await store.close();
    vi.useRealTimers();
  });

  /** isNotSure over the topic's mentions as stored: the definition, applied row by row. */
  const direct = async () => {
    const rows = await store.db
      .selectFrom('mentions')
      .innerJoin('mention_topics', 'mention_topics.mention_id', 'mentions.id')
      .select(['mentions.sentiment', 'mentions.sentiment_neg', 'mentions.sentiment_neu', 'mentions.sentiment_pos'])
      .where('mention_topics.topic_id', '=', topic)
      .execute();
    const scored = rows.filter((r) => r.sentiment !== null);
    const notSure = scored.filter((r) => isNotSure(r.sentiment_neg == null ? null : { negative: Number(r.sentiment_neg), neutral: Number(r.sentiment_neu), positive: Number(r.sentiment_pos) })).length;
    return { notSure, scored: scored.length };
  };
  /** The rollup's counts, per source and language and in the totals, after a refresh. */
  const rolledUp = async () => {
    await refreshRollup(store, ws);
    const sum = async (table: 'watch_rollup' | 'watch_rollup_total') => {
      const row = await store.db
        .selectFrom(table)
        .select((eb) => [eb.fn.sum<number>('not_sure').as('not_sure'), eb.fn.sum<number>('negative').as('negative'), eb.fn.sum<number>('neutral').as('neutral'), eb.fn.sum<number>('positive').as('positive')])
        .where('topic_id', '=', topic)
        .executeTakeFirstOrThrow();
      return { notSure: Number(row.not_sure), scored: Number(row.negative) + Number(row.neutral) + Number(row.positive) };
    };
    const [detail, total] = [await sum('watch_rollup'), await sum('watch_rollup_total')];
    expect(total).toEqual(detail);
    return total;
  };
  const cli = (...args: string[]) => murmurOutput('--db', db, '--workspace', 'acme', ...args);
  const get = async (url: string) => {
    const response = await api.as('viewer').get(`/api/v1/workspaces/acme${url}`);
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  /** The day's share as the API, the CLI (JSON and text) and the daily report show it; all must agree. */
  const shown = async () => {
    const overview = (await get(`/watch/overview?topic=Acme&date=${DAY}&tz=UTC`)).json() as { notSureShare: number | null };
    const series = ((await get(`/watch/series?topic=Acme&first=${DAY}&last=${DAY}&tz=UTC`)).json() as { items: SeriesBucket[] }).items;
    const baseline = JSON.parse(await cli('baseline', '--topic', 'Acme', '--date', DAY, '--tz', 'UTC', '--json')) as DayBaseline;
    const seriesJson = JSON.parse(await cli('series', '--topic', 'Acme', '--from', DAY, '--to', DAY, '--tz', 'UTC', '--json')) as SeriesBucket[];
    const baselineText = await cli('baseline', '--topic', 'Acme', '--date', DAY, '--tz', 'UTC');
    const seriesText = await cli('series', '--topic', 'Acme', '--from', DAY, '--to', DAY, '--tz', 'UTC');
    type ReportJson = { headline: { items: { label: string; note?: string }[] }; sections: { id: string; blocks: { type: string; rows?: string[][] }[] }[] };
    const report = JSON.parse((await get(`/reports/daily?topic=Acme&date=${DAY}&tz=UTC&format=json`)).body) as ReportJson;
    const monthly = JSON.parse((await get(`/reports/monthly?topic=Acme&date=${DAY}&tz=UTC&format=json`)).body) as ReportJson;
    const tableRows = (r: ReportJson, section: string) => r.sections.find((s) => s.id === section)!.blocks.find((b) => b.type === 'table')!.rows!;
    const html = (await get(`/reports/daily?topic=Acme&date=${DAY}&tz=UTC`)).body;
    expect(baseline.notSureShare).toBe(overview.notSureShare);
    expect(seriesJson).toEqual(series);
    const percent = wholePercent(overview.notSureShare!);
    expect(baselineText).toMatch(new RegExp(`netSentiment .*  ${percent} % not sure`));
    expect(seriesText).toContain(`  ${percent} % not sure`);
    expect(report.headline.items.find((i) => i.label === 'Net sentiment')?.note).toBe(`${percent} % not sure`);
    expect(html).toContain(`<div class="note">${percent} % not sure</div>`);
    // The daily baseline's net sentiment row, and the monthly table of the topics (March is the fixture's only month).
    expect(tableRows(report, 'baseline').find((row) => row[0] === 'Net sentiment')![1]).toMatch(new RegExp(` \\(${percent} % not sure\\)$`));
    expect(tableRows(monthly, 'reach').find((row) => row[0] === 'Acme')!.at(-1)).toMatch(new RegExp(` \\(${percent} % not sure\\)$`));
    // The plan's net_sentiment KPI, over March (the fixture's only month).
    const review = (await get(`/plans/${planId}/review?month=2026-03`)).json() as MonthlyReview;
    expect(review.kpis[0]!.notSureShare).toBe(overview.notSureShare);
    expect(await cli('plan', 'review', '--plan', String(planId), '--month', '2026-03')).toMatch(new RegExp(`Net sentiment .* actual .*  ${percent} % not sure  gap`));
    return { share: overview.notSureShare, notSure: series[0]!.notSure, scored: series[0]!.negative + series[0]!.neutral + series[0]!.positive };
  };

  it('counts the not-sure mentions in the rollup as isNotSure does, and every view shows the same share', async () => {
    expect(await direct()).toEqual({ notSure: 3, scored: 7 });
    expect(await rolledUp()).toEqual({ notSure: 3, scored: 7 });
    expect(await shown()).toEqual({ share: 3 / 7, notSure: 3, scored: 7 });
  });

  it('follows a correction: a corrected mention is never not sure', async () => {
    await writeSentimentCorrection(store.db, ws, [ids[0]!], 'positive', null, Date.now());
    expect(await direct()).toEqual({ notSure: 2, scored: 7 });
    expect(await rolledUp()).toEqual({ notSure: 2, scored: 7 });
    expect(await shown()).toEqual({ share: 2 / 7, notSure: 2, scored: 7 });
  });

  it('follows a re-enrichment, which keeps the correction', async () => {
    const { detector } = models();
    await reenrichMentions(store, ws, { detector, analyzer: unsureReader }, { mode: 'all' });
    expect(await direct()).toEqual({ notSure: 7, scored: 8 });
    expect(await rolledUp()).toEqual({ notSure: 7, scored: 8 });
    expect(await shown()).toEqual({ share: 7 / 8, notSure: 7, scored: 8 });
  });

  it('recounts the not-sure mentions when the threshold moves (a retrained model), though no mention changed', async () => {
    const before = await rolledUp();
    const state = await store.db.selectFrom('watch_rollup_state').select('topics_version').where('workspace_id', '=', ws).executeTakeFirstOrThrow();
    // The rollup records the threshold it counted with…
    expect(state.topics_version.endsWith(`:${NOT_SURE_BELOW}`)).toBe(true);
    // …so counts made under another one (as a store built before a model change) are rebuilt.
    await store.db.updateTable('watch_rollup').set({ not_sure: 0 }).execute();
    await store.db.updateTable('watch_rollup_total').set({ not_sure: 0 }).execute();
    await store.db.updateTable('watch_rollup_state').set({ topics_version: state.topics_version.replace(/:[^:]*$/, ':0.65') }).where('workspace_id', '=', ws).execute();
    expect(await rolledUp()).toEqual(before);
  });

  it('upgrades a store to 5260 again after an upgrade cut short, and the rebuild fills the counts (migration 5260)', async () => {
    const before = await rolledUp();
    // As SQLite leaves an upgrade cut short: one table's column added (and not filled yet),
    // the other's not, and 5260 not recorded, so it runs again at the next open.
    await store.db.updateTable('watch_rollup').set({ not_sure: 0 }).execute();
    await store.db.schema.alterTable('watch_rollup_total').dropColumn('not_sure').execute();
    await store.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '5260-watch-rollup-not-sure' as never).execute();
    await api.app.close();
    await store.close();
    apiOpen = false;
    store = await openStore(db);
    expect(await rolledUp()).toEqual(before);
  });
});
