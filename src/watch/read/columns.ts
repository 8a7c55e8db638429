/** Row-to-model conversions shared by the readers. */
import { sql } from 'kysely';
import { mentionReach } from '../figures.ts';
import type { Measures } from '../series.ts';
import type { MentionCore, MentionFact } from './model.ts';

/** A number from a row (drivers return numbers, bigints as strings, or null). */
export const num = (v: unknown) => (v == null ? 0 : Number(v));

export function measuresOf(row: Record<string, unknown>): Measures {
  return {
    mentions: num(row.mentions),
    negative: num(row.negative),
    neutral: num(row.neutral),
    positive: num(row.positive),
    notSure: num(row.not_sure),
    scoreSum: num(row.score_sum),
    likes: num(row.likes),
    shares: num(row.shares),
    replies: num(row.replies),
    reach: num(row.reach),
    views: num(row.views),
    repliesOrReposts: num(row.replies_or_reposts),
  };
}

export const ROLLUP_MEASURES = ['mentions', 'negative', 'neutral', 'positive', 'not_sure', 'score_sum', 'likes', 'shares', 'replies', 'reach', 'views', 'replies_or_reposts'] as const;

/** `sum(col) as col` for every measure of the rollup. */
export const measureSums = () => ROLLUP_MEASURES.map((column) => sql<number>`sum(${sql.ref(column)})`.as(column));

/** The columns behind MentionCore. */
export const CORE_COLUMNS = [
  'm.id',
  'm.source',
  'm.author_handle',
  'm.author_followers',
  'm.published_at',
  'm.lang',
  'm.sentiment',
  'm.sentiment_score',
  'm.likes',
  'm.shares',
  'm.replies',
] as const;

export function toCore(row: {
  id: number;
  source: string;
  author_handle: string;
  author_followers: number | null;
  published_at: number;
  lang: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  likes: number;
  shares: number;
  replies: number;
}): MentionCore {
  return {
    id: Number(row.id),
    source: row.source,
    authorHandle: row.author_handle,
    followers: num(row.author_followers),
    reach: mentionReach({ source: row.source, followers: row.author_followers == null ? null : Number(row.author_followers) }),
    publishedAt: Number(row.published_at),
    lang: row.lang ?? 'und',
    sentiment: row.sentiment as MentionCore['sentiment'],
    score: row.sentiment_score == null ? null : Number(row.sentiment_score),
    likes: num(row.likes),
    shares: num(row.shares),
    replies: num(row.replies),
  };
}

export const FACT_COLUMNS = [...CORE_COLUMNS, 'm.external_id', 'm.parent_external_id', 'm.url', 'm.domain', 'm.hashtags'] as const;

export function toFact(row: Parameters<typeof toCore>[0] & { external_id: string; parent_external_id: string | null; url: string | null; domain: string | null; hashtags: string }): MentionFact {
  // Fields added to the core object, not spread into a new one: V8 spread 8,192 facts in
  // 80-170 ms (a root cause reads tens of thousands), adding fields takes a few.
  const fact = toCore(row) as MentionFact;
  fact.externalId = row.external_id;
  fact.parentExternalId = row.parent_external_id;
  fact.url = row.url;
  fact.domain = row.domain;
  // Most mentions carry no hashtag: no parse for them.
  fact.hashtags = row.hashtags === '[]' ? [] : (JSON.parse(row.hashtags) as string[]);
  return fact;
}
