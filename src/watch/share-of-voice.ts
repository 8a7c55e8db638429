/**
 * Share of voice and share of reach of brand vs competitor topics: over the period, per
 * channel, per language, and over time (per local day or week).
 */
import type { Topic } from '../core/mention.ts';
import { localDateKey, periodContaining, type DateKey } from './time.ts';
import type { QuarterRow } from './series.ts';

export interface VoiceShare {
  topicId: number;
  name: string;
  role: Topic['role'];
  mentions: number;
  reach: number;
  /** Share of all compared topics' mentions (reach), in [0, 1]. */
  share: number;
  reachShare: number;
}

export interface ShareOfVoice {
  total: VoiceShare[];
  byChannel: { key: string; shares: VoiceShare[] }[];
  byLanguage: { key: string; shares: VoiceShare[] }[];
  overTime: { period: DateKey; shares: VoiceShare[] }[];
  /** For each topic, the period where its share of voice was highest. */
  peaks: { topicId: number; name: string; period: DateKey; share: number }[];
}

type Row = Pick<QuarterRow, 'topicId' | 'mentions' | 'reach'> & { bucket?: number; source?: string; lang?: string };

function shares(topics: Topic[], rows: Iterable<Row>): VoiceShare[] {
  const sums = new Map(topics.map((t) => [t.id, { mentions: 0, reach: 0 }]));
  for (const r of rows) {
    const s = sums.get(r.topicId);
    if (s) {
      s.mentions += r.mentions;
      s.reach += r.reach;
    }
  }
  const totalMentions = [...sums.values()].reduce((a, s) => a + s.mentions, 0);
  const totalReach = [...sums.values()].reduce((a, s) => a + s.reach, 0);
  return topics.map((t) => {
    const s = sums.get(t.id)!;
    return {
      topicId: t.id,
      name: t.name,
      role: t.role,
      mentions: s.mentions,
      reach: s.reach,
      share: totalMentions ? s.mentions / totalMentions : 0,
      reachShare: totalReach ? s.reach / totalReach : 0,
    };
  });
}

function groupBy<K>(rows: Row[], key: (r: Row) => K): Map<K, Row[]> {
  const groups = new Map<K, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

export interface ShareOfVoiceInput {
  topics: Topic[];
  /** Per topic and quarter hour. */
  quarters: Row[];
  /** Per topic and source (any time split). */
  bySource: Row[];
  /** Per topic and language. */
  byLang: Row[];
  timeZone: string;
  /** Time granularity of `overTime`. */
  every: 'day' | 'week';
}

export function shareOfVoice(input: ShareOfVoiceInput): ShareOfVoice {
  const { topics, bySource, byLang, timeZone } = input;
  const byChannel = [...groupBy(bySource, (r) => r.source ?? 'unknown')].map(([key, rows]) => ({ key, shares: shares(topics, rows) }));
  const byLanguage = [...groupBy(byLang, (r) => r.lang ?? 'und')].map(([key, rows]) => ({ key, shares: shares(topics, rows) }));
  const volume = (g: { shares: VoiceShare[] }) => g.shares.reduce((a, s) => a + s.mentions, 0);
  byChannel.sort((a, b) => volume(b) - volume(a));
  byLanguage.sort((a, b) => volume(b) - volume(a));
  const periodOf = new Map<number, DateKey>();
  const period = (bucket = 0) => {
    let p = periodOf.get(bucket);
    if (p === undefined) {
      const day = localDateKey(bucket, timeZone);
      p = input.every === 'day' ? day : periodContaining('week', day).first;
      periodOf.set(bucket, p);
    }
    return p;
  };
  const overTime = [...groupBy(input.quarters, (r) => period(r.bucket))]
    .map(([p, rows]) => ({ period: p, shares: shares(topics, rows) }))
    .sort((a, b) => a.period.localeCompare(b.period));
  const peaks = topics.map((t) => {
    let best = { period: '', share: -1 };
    for (const o of overTime) {
      const s = o.shares.find((x) => x.topicId === t.id)!;
      if (s.share > best.share) best = { period: o.period, share: s.share };
    }
    return { topicId: t.id, name: t.name, period: best.period, share: Math.max(0, best.share) };
  });
  return { total: shares(topics, input.quarters), byChannel, byLanguage, overTime, peaks };
}
