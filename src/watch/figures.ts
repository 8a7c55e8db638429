/**
 * The figures that travel from Watch into every view (CLI, API, dashboard, reports), each
 * with one definition and one computation here; docs/figures.md says what each means.
 * Views format these values and never recompute them.
 */
import type { Cause, CauseDimension, RootCause } from './root-cause.ts';
import type { TopicSpike } from './spikes.ts';

export { isNotSure, mentionReach, netSentimentOf, NOT_SURE_BELOW, notSureShareOf, TYPICAL_FOLLOWERS, wholePercent } from './figure-definitions.ts';
import { wholePercent } from './figure-definitions.ts';

/** The main cause of a spike as every view states it. */
export interface CauseFigures {
  dimension: CauseDimension;
  value: string;
  /** For a post: its author. */
  author?: string;
  /** Share of the spike's extra mentions this cause explains, in whole percent. */
  explainsPercent: number;
  /** The cause's mentions above what the baseline predicts, whole. */
  extra: number;
  /** The cause's mentions in the spike's window (for a drop: what it still had). */
  mentions: number;
  /** A drop's cause: this network or site went (partly) silent. */
  silent?: boolean;
  /** For a post: the start of its text and its link, to name it. */
  post?: { excerpt: string; url: string | null };
}

/**
 * A spike in figures: over its whole window (not its peak bucket), the mentions observed,
 * the mentions a normal window holds, the difference, and what its main cause explains of
 * that difference. `explainsPercent` is `extra of the cause / extra of the spike`.
 */
export interface SpikeFigures {
  /** Mentions of the spike's metric (all, or negative) over its window. */
  observed: number;
  /** What the detector expected over the same buckets, whole. */
  expected: number;
  /** observed − expected: extra mentions (negative for a drop). */
  extra: number;
  /** observed / expected, to one decimal (the expected floored at 1). */
  ratio: number;
  cause: CauseFigures | null;
}

/** How much of a post's text names it. */
const EXCERPT_CHARS = 80;

export const excerptOf = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
};

export function causeFigures(cause: Cause, post?: { text: string; url: string | null }): CauseFigures {
  return {
    dimension: cause.dimension,
    value: cause.value,
    ...(cause.author != null ? { author: cause.author } : {}),
    explainsPercent: wholePercent(cause.explains),
    extra: Math.round(cause.excess),
    mentions: cause.count,
    ...(cause.silent ? { silent: true } : {}),
    ...(post ? { post: { excerpt: excerptOf(post.text), url: post.url } } : {}),
  };
}

/** `rootPost`: the post the main cause names, when it is one. */
export function spikeFigures(spike: Pick<TopicSpike, 'points' | 'direction'>, cause: Pick<RootCause, 'main'>, rootPost?: { id: number; text: string; url: string | null }): SpikeFigures {
  const observed = spike.points.reduce((sum, p) => sum + p.value, 0);
  const expected = Math.round(spike.points.reduce((sum, p) => sum + (p.expected ?? p.value), 0));
  return {
    observed,
    expected,
    extra: observed - expected,
    ratio: Math.round((10 * observed) / Math.max(expected, 1)) / 10,
    cause: cause.main ? causeFigures(cause.main, rootPost && rootPost.id === cause.main.mentionId ? rootPost : undefined) : null,
  };
}
