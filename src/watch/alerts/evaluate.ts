/**
 * Evaluating alert rules after an ingest: find the events each rule watches for, skip
 * what was already sent (one spike, one alert — even as the spike grows), deliver the
 * rest to every channel, and record each delivery. A failed delivery is retried on the
 * next evaluation; a sent one never again.
 */
import { log } from '../../core/log.ts';
import type { Store } from '../../store/store.ts';
import { wordsFor, type Words } from '../../core/i18n.ts';
import { causeSentence } from '../cause-sentence.ts';
import { spikeFigures } from '../figures.ts';
import { explainTopicSpike, loadSpikes, type TopicSpike } from '../loaders.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { loadTopPosts } from '../read/index.ts';
import type { SpikeSeverity } from '../spikes.ts';
import { addDays, DAY, localDateKey } from '../time.ts';
import { readFresh } from '../rollup.ts';
import { channelLabel, deliver, type AlertMessage, type DeliveryOptions } from './deliver.ts';
import { listAlertRules, type AlertRule } from './rules.ts';
import { POST_WINDOW_MS, spikeQuietMs, spikeWindowMs } from './windows.ts';

const SEVERITY: Record<SpikeSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export interface AlertEvent {
  dedupeKey: string;
  /** The event's span, to recognise the same spike under a shifted start. */
  start: number;
  end: number;
  message: AlertMessage;
}

export interface Delivery {
  channel: string;
  status: 'sent' | 'failed' | 'skipped';
  error?: string;
}

export interface EvaluatedAlert {
  ruleId: number;
  ruleName: string;
  dedupeKey: string;
  title: string;
  deliveries: Delivery[];
}

export interface EvaluationResult {
  rules: number;
  alerts: EvaluatedAlert[];
}

async function spikeEvents(store: Store, workspaceId: number, rule: AlertRule, topicName: string, now: number, words: Words): Promise<AlertEvent[]> {
  const { granularity, timeZone, minSeverity } = rule.params;
  const metric = rule.kind === 'negative-spike' ? 'negative' : 'mentions';
  const direction = rule.kind === 'volume-drop' ? 'drop' : 'rise';
  const today = localDateKey(now, timeZone);
  const { spikes } = await loadSpikes(store, workspaceId, {
    topicId: rule.topicId,
    first: addDays(today, granularity === 'hour' ? -1 : -2),
    last: today,
    timeZone,
    granularity,
    metric,
    until: now,
  });
  // Only spikes still going on (or just over): yesterday's news is in the daily report.
  const recent = spikeWindowMs(granularity);
  const relevant = spikes.filter((s) => s.direction === direction && SEVERITY[s.severity] >= SEVERITY[minSeverity] && s.end >= now - recent);
  const events: AlertEvent[] = [];
  for (const spike of relevant) events.push(await spikeEvent(store, workspaceId, rule, topicName, spike, words));
  return events;
}

async function spikeEvent(store: Store, workspaceId: number, rule: AlertRule, topicName: string, spike: TopicSpike, words: Words): Promise<AlertEvent> {
  const { timeZone } = rule.params;
  const figures = spikeFigures(spike, { main: null });
  const lines = [
    words.t('spike.line', {
      direction: words.t(`spike.${spike.direction}`),
      metric: words.t(`spike.${spike.metric}`),
      when: words.date(spike.peak, timeZone),
      value: words.number(figures.observed),
      expected: words.number(figures.expected),
      ratio: `×${words.number(figures.ratio, 1)}, ${words.t(`severity.${spike.severity}`)}`,
    }),
  ];
  let url: string | null = null;
  if (spike.direction === 'rise') {
    const explained = await explainTopicSpike(store, workspaceId, rule.topicId, spike, timeZone);
    lines.push(causeSentence(explained.figures.cause, words));
    const top = explained.topPosts[0];
    if (top) {
      lines.push(`@${top.authorHandle} (${top.source}): ${top.text.slice(0, 200)}`);
      url = top.url;
    }
  }
  return {
    dedupeKey: `${rule.kind}:${rule.topicId}:${spike.granularity}:${spike.start}`,
    start: spike.start,
    end: spike.end,
    message: {
      title: words.t(`alert.${rule.kind}`, { topic: topicName }),
      lines,
      url,
      data: { kind: rule.kind, topic: topicName, severity: spike.severity, start: spike.start, peak: spike.peak, end: spike.end, value: spike.peakValue, expected: spike.expectedAtPeak },
    },
  };
}

async function postEvents(store: Store, workspaceId: number, rule: AlertRule, topicName: string, now: number, words: Words): Promise<AlertEvent[]> {
  const posts = await loadTopPosts(store, workspaceId, {
    topicId: rule.topicId,
    interval: { from: now - POST_WINDOW_MS, to: now + 1 },
    limit: 100,
    sentiment: 'negative',
    originalOnly: true,
  });
  return posts
    .filter((p) => p.reach >= rule.params.minReach && (p.score ?? 0) <= rule.params.maxScore)
    .map((p) => ({
      dedupeKey: `negative-post:${p.id}`,
      start: p.publishedAt,
      end: p.publishedAt,
      message: {
        title: words.t('alert.negative-post', { topic: topicName }),
        lines: [words.t('crisis.post', { author: p.authorHandle, source: p.source, reach: words.number(p.reach) }), p.text.slice(0, 300)],
        url: p.url,
        data: { kind: rule.kind, topic: topicName, mentionId: p.id, reach: p.reach, score: p.score },
      },
    }));
}

/** Whether an alert for the same rule already covers this event (same key, or an overlapping spike). */
async function alreadySent(store: Store, rule: AlertRule, event: AlertEvent, channel: string): Promise<boolean> {
  const sameKey = await store.db
    .selectFrom('watch_alerts_sent')
    .select('id')
    .where('rule_id', '=', rule.id)
    .where('dedupe_key', '=', event.dedupeKey)
    .where('channel', '=', channel)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (sameKey) return true;
  if (rule.kind === 'negative-post') return false;
  // The same spike seen again later may start an hour earlier: overlapping spans are one spike.
  const recent = await store.db
    .selectFrom('watch_alerts_sent')
    .select(['payload'])
    .where('rule_id', '=', rule.id)
    .where('channel', '=', channel)
    .where('status', '=', 'sent')
    .where('sent_at', '>=', Date.now() - 14 * DAY)
    .execute();
  const cooldown = spikeQuietMs(rule.params.granularity);
  return recent.some((r) => {
    const data = (JSON.parse(r.payload) as { data?: { start?: number; end?: number } }).data;
    return data?.start != null && data.end != null && data.start <= event.end + cooldown && data.end + cooldown >= event.start;
  });
}

/** Evaluates every enabled rule of a workspace at `now`, delivers new alerts, records them. */
export async function evaluateAlerts(
  store: Store,
  workspaceId: number,
  now: Date = new Date(),
  options: DeliveryOptions & { signal?: AbortSignal } = {},
): Promise<EvaluationResult> {
  const rules = (await listAlertRules(store, workspaceId)).filter((r) => r.enabled);
  // No rule, no read: a write to a workspace without rules costs one query, not a rollup refresh.
  if (rules.length === 0) return { rules: 0, alerts: [] };
  // Every rule reads the same rollup: its freshness is checked once. An abort stops the
  // refresh between two chunks, before anything is delivered.
  return readFresh(store, workspaceId, () => evaluateRules(store, workspaceId, rules, now, options), { signal: options.signal });
}

async function evaluateRules(store: Store, workspaceId: number, rules: AlertRule[], now: Date, options: DeliveryOptions): Promise<EvaluationResult> {
  const alerts: EvaluatedAlert[] = [];
  for (const rule of rules) {
    const words = await wordsFor(rule.params.lang);
    let events: AlertEvent[];
    try {
      const topic = await resolveTopic(store, workspaceId, rule.topicId);
      events =
        rule.kind === 'negative-post'
          ? await postEvents(store, workspaceId, rule, topic.name, now.getTime(), words)
          : await spikeEvents(store, workspaceId, rule, topic.name, now.getTime(), words);
    } catch (error) {
      log.warn({ rule: rule.name, err: (error as Error).message }, 'alert rule could not be evaluated');
      continue;
    }
    for (const event of events) {
      const deliveries: Delivery[] = [];
      for (const channel of rule.channels) {
        const label = channelLabel(channel);
        if (await alreadySent(store, rule, event, label)) {
          deliveries.push({ channel: label, status: 'skipped' });
          continue;
        }
        let status: 'sent' | 'failed' = 'sent';
        let error: string | null = null;
        try {
          await deliver(channel, event.message, options);
        } catch (e) {
          status = 'failed';
          error = (e as Error).message;
          log.warn({ rule: rule.name, channel: label, err: error }, 'alert delivery failed');
        }
        await store.db
          .insertInto('watch_alerts_sent')
          .values({
            workspace_id: workspaceId,
            rule_id: rule.id,
            dedupe_key: event.dedupeKey,
            channel: label,
            status,
            error,
            title: event.message.title,
            payload: JSON.stringify(event.message),
            // The evaluation's time, so an alert evaluated for a past day (the demo, a replay) is filed on that day.
            sent_at: now.getTime(),
          })
          .execute();
        deliveries.push({ channel: label, status, ...(error ? { error } : {}) });
      }
      if (deliveries.some((d) => d.status !== 'skipped')) {
        alerts.push({ ruleId: rule.id, ruleName: rule.name, dedupeKey: event.dedupeKey, title: event.message.title, deliveries });
      }
    }
  }
  return { rules: rules.length, alerts };
}

export interface SentAlert {
  id: number;
  ruleId: number;
  dedupeKey: string;
  channel: string;
  status: string;
  error: string | null;
  title: string;
  sentAt: number;
}

/** The record of alerts sent (and failed), newest first. */
export async function listSentAlerts(store: Store, workspaceId: number, limit = 50): Promise<SentAlert[]> {
  const rows = await store.db.selectFrom('watch_alerts_sent').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: Number(r.rule_id),
    dedupeKey: r.dedupe_key,
    channel: r.channel,
    status: r.status,
    error: r.error,
    title: r.title,
    sentAt: Number(r.sent_at),
  }));
}
