/**
 * Measuring a KPI's metric over a time window from the store: mentions, sentiment and
 * engagement from `mentions` (+ `mention_topics`), clicks from the UTM link counters,
 * leads, conversions and revenue from CRM conversions, own engagement and followers from
 * the brand's own accounts (src/listen/own-accounts.ts), the rest from user entries.
 */
import { sql } from 'kysely';
import { followersBefore, ownEngagement } from '../listen/own-accounts.ts';
import type { Store } from '../store/store.ts';
import { ValidationError } from '../core/validation.ts';
import { isMeasured, type KpiMetric, type MetricNature } from './metrics.ts';
import { netSentimentOf, notSureShareOf } from '../watch/figures.ts';
import { notSureCase } from '../watch/not-sure-sql.ts';

export interface MetricScope {
  /** Topic name (mentions, engagement, sentiment, share of voice). */
  topic?: string;
  /** Mention source (mastodon, reddit…) or utm_source for clicks and conversions. */
  source?: string;
  /** utm_campaign of a campaign (clicks, leads, conversions, revenue). */
  campaign?: string;
}

export interface Window {
  from: number;
  to: number;
}

async function topicId(store: Store, workspaceId: number, name: string): Promise<number> {
  const row = await store.db
    .selectFrom('topics')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) throw new ValidationError(`scope.topic: no topic named "${name}"`);
  return row.id;
}

function mentionsIn(store: Store, workspaceId: number, window: Window, scope: MetricScope, topic: number | null) {
  let q = store.db
    .selectFrom('mentions')
    .where('mentions.workspace_id', '=', workspaceId)
    .where('mentions.published_at', '>=', window.from)
    .where('mentions.published_at', '<', window.to);
  if (scope.source) q = q.where('mentions.source', '=', scope.source);
  if (topic !== null)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('mention_topics')
          .select('mention_topics.mention_id')
          .whereRef('mention_topics.mention_id', '=', 'mentions.id')
          .where('mention_topics.topic_id', '=', topic),
      ),
    );
  return q;
}

async function shareOfVoice(store: Store, workspaceId: number, window: Window, scope: MetricScope): Promise<number | null> {
  const rows = await store.db
    .selectFrom('mention_topics')
    .innerJoin('topics', 'topics.id', 'mention_topics.topic_id')
    .innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id')
    .select(['topics.id', 'topics.role', sql<number>`count(*)`.as('n')])
    .where('topics.workspace_id', '=', workspaceId)
    .where('topics.role', 'in', ['brand', 'competitor'])
    .where('mention_topics.published_at', '>=', window.from)
    .where('mention_topics.published_at', '<', window.to)
    .$if(Boolean(scope.source), (q) => q.where('mentions.source', '=', scope.source!))
    .groupBy(['topics.id', 'topics.role'])
    .execute();
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  if (total === 0) return null;
  const ours = scope.topic
    ? await topicId(store, workspaceId, scope.topic).then((id) => rows.filter((r) => r.id === id))
    : rows.filter((r) => r.role === 'brand');
  return (100 * ours.reduce((s, r) => s + Number(r.n), 0)) / total;
}

async function clicks(store: Store, workspaceId: number, window: Window, scope: MetricScope): Promise<number> {
  const row = await store.db
    .selectFrom('link_clicks')
    .innerJoin('utm_links', 'utm_links.id', 'link_clicks.link_id')
    .select(sql<number>`coalesce(sum(link_clicks.clicks), 0)`.as('n'))
    .where('utm_links.workspace_id', '=', workspaceId)
    .where('link_clicks.day', '>=', window.from)
    .where('link_clicks.day', '<', window.to)
    .$if(Boolean(scope.campaign), (q) => q.where('utm_links.utm_campaign', '=', scope.campaign!))
    .$if(Boolean(scope.source), (q) => q.where('utm_links.utm_source', '=', scope.source!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function conversions(
  store: Store,
  workspaceId: number,
  window: Window,
  scope: MetricScope,
  what: 'leads' | 'conversions' | 'revenue',
): Promise<number> {
  const row = await store.db
    .selectFrom('conversions')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(revenue), 0)`.as('revenue')])
    .where('workspace_id', '=', workspaceId)
    .where('stage', '=', what === 'leads' ? 'lead' : 'sale')
    .where('occurred_at', '>=', window.from)
    .where('occurred_at', '<', window.to)
    .$if(Boolean(scope.campaign), (q) => q.where('utm_campaign', '=', scope.campaign!))
    .$if(Boolean(scope.source), (q) => q.where('utm_source', '=', scope.source!))
    .executeTakeFirstOrThrow();
  return what === 'revenue' ? Number(row.revenue) : Number(row.n);
}

/** Mentions in scope over a window: how many, their engagement, and their sentiments (not-sure ones too). */
async function mentionCounts(store: Store, workspaceId: number, scope: MetricScope, window: Window) {
  const topic = scope.topic ? await topicId(store, workspaceId, scope.topic) : null;
  const row = await mentionsIn(store, workspaceId, window, scope, topic)
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(mentions.likes + mentions.shares + mentions.replies), 0)`.as('engagement'),
      sql<number>`sum(case when mentions.sentiment = 'positive' then 1 else 0 end)`.as('pos'),
      sql<number>`sum(case when mentions.sentiment = 'negative' then 1 else 0 end)`.as('neg'),
      sql<number>`sum(case when mentions.sentiment is not null then 1 else 0 end)`.as('labelled'),
      sql<number>`sum(${notSureCase('mentions')})`.as('not_sure'),
    ])
    .executeTakeFirstOrThrow();
  const [positive, negative] = [Number(row.pos ?? 0), Number(row.neg ?? 0)];
  // As everywhere (docs/figures.md): neutral = labelled − positive − negative.
  return { mentions: Number(row.n), engagement: Number(row.engagement), positive, negative, neutral: Number(row.labelled ?? 0) - positive - negative, notSure: Number(row.not_sure ?? 0) };
}

/**
 * A net_sentiment KPI over a window: its value and, from the same count, the not-sure share
 * shown beside it (docs/figures.md, "Not sure" sentiment); each null when no mention has a sentiment.
 */
export async function measureNetSentiment(store: Store, workspaceId: number, scope: MetricScope, window: Window): Promise<{ value: number | null; notSureShare: number | null }> {
  const counts = await mentionCounts(store, workspaceId, scope, window);
  return { value: netSentimentOf(counts), notSureShare: notSureShareOf(counts) };
}

/** The value of a measured metric over [from, to); null when there is nothing to measure (no sentiment, no topics). */
export async function measureMetric(
  store: Store,
  workspaceId: number,
  metric: KpiMetric,
  scope: MetricScope,
  window: Window,
): Promise<number | null> {
  if (!isMeasured(metric)) throw new ValidationError(`metric "${metric}" is entered by the user, not measured`);
  switch (metric) {
    case 'mentions':
    case 'engagement': {
      const counts = await mentionCounts(store, workspaceId, scope, window);
      return metric === 'mentions' ? counts.mentions : counts.engagement;
    }
    case 'net_sentiment':
      return (await measureNetSentiment(store, workspaceId, scope, window)).value;
    case 'own_engagement':
      return ownEngagement(store, workspaceId, window, scope.source);
    case 'share_of_voice':
      return shareOfVoice(store, workspaceId, window, scope);
    case 'clicks':
      return clicks(store, workspaceId, window, scope);
    case 'leads':
    case 'conversions':
    case 'revenue':
      return conversions(store, workspaceId, window, scope, metric);
  }
}

/** A user-entered metric: the sum of the window's entries (flow) or the last entry before its end (level). */
export async function enteredMetric(
  store: Store,
  planId: number,
  kpiId: string,
  nature: MetricNature,
  window: Window,
): Promise<number | null> {
  const base = store.db.selectFrom('kpi_entries').where('plan_id', '=', planId).where('kpi_id', '=', kpiId);
  if (nature === 'flow') {
    const row = await base
      .select([sql<number>`sum(value)`.as('total'), sql<number>`count(*)`.as('n')])
      .where('measured_at', '>=', window.from)
      .where('measured_at', '<', window.to)
      .executeTakeFirstOrThrow();
    return Number(row.n) === 0 ? null : Number(row.total);
  }
  const row = await base
    .select('value')
    .where('measured_at', '<', window.to)
    .orderBy('measured_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? Number(row.value) : null;
}

export async function addKpiEntry(
  store: Store,
  workspaceId: number,
  planId: number,
  kpiId: string,
  value: number,
  measuredAt: number,
  author: string,
  now = Date.now(),
): Promise<void> {
  if (!Number.isFinite(value)) throw new ValidationError(`value: expected a number, got ${value}`);
  await store.db
    .insertInto('kpi_entries')
    .values({ workspace_id: workspaceId, plan_id: planId, kpi_id: kpiId, measured_at: measuredAt, value, author, created_at: now })
    .execute();
}


/**
 * Followers at the end of the window: the own accounts' follower counts where a source
 * reads them (`scope.source` narrows to one network), else the user's entries.
 */
export async function followersMetric(store: Store, workspaceId: number, planId: number, kpiId: string, scope: MetricScope, window: Window): Promise<number | null> {
  return (await followersBefore(store, workspaceId, window.to, scope.source)) ?? enteredMetric(store, planId, kpiId, 'level', window);
}
