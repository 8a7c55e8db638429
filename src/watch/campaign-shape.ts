/**
 * Campaign shape: is a campaign's daily curve a sustained growth, a steady level, or a
 * burst that dies — and how fast it decays (half-life, from a log-linear fit of the days
 * after the peak: volume ∝ 2^(−t / half-life)).
 */
import { linearRegression } from 'simple-statistics';

export type CampaignShapeKind = 'sustained-growth' | 'steady' | 'burst-and-die' | 'declining' | 'no-data';

export interface CampaignShape {
  shape: CampaignShapeKind;
  /** Index of the first day with volume, and of the peak day. */
  startIndex: number;
  peakIndex: number;
  peak: number;
  total: number;
  /** Days for the volume to halve after the peak; null unless it decays. */
  halfLifeDays: number | null;
  /** Relative growth per week over the active period (linear fit / mean level). */
  weeklyGrowth: number;
  /** Share of the total reached by the peak day and the two days after it. */
  burstShare: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function halfLife(values: number[]): number | null {
  const points = values.map((v, t) => [t, Math.log(v)] as [number, number]).filter(([, l]) => Number.isFinite(l));
  if (points.length < 3) return null;
  const { m } = linearRegression(points);
  return m < 0 ? Math.LN2 / -m : null;
}

/** `daily`: one value per day, oldest first. */
export function classifyCampaign(daily: number[]): CampaignShape {
  const total = daily.reduce((a, b) => a + b, 0);
  const startIndex = daily.findIndex((v) => v > 0);
  if (total === 0 || startIndex < 0) {
    return { shape: 'no-data', startIndex: -1, peakIndex: -1, peak: 0, total: 0, halfLifeDays: null, weeklyGrowth: 0, burstShare: 0 };
  }
  const active = daily.slice(startIndex);
  let peakIndex = startIndex;
  for (let i = startIndex; i < daily.length; i++) if (daily[i]! > daily[peakIndex]!) peakIndex = i;
  const peak = daily[peakIndex]!;
  const burstShare = daily.slice(peakIndex, peakIndex + 3).reduce((a, b) => a + b, 0) / total;

  // Weekly sums smooth the weekday pattern out of the trend.
  const weeks: number[] = [];
  for (let i = 0; i + 7 <= active.length; i += 7) weeks.push(active.slice(i, i + 7).reduce((a, b) => a + b, 0));
  const level = mean(weeks.length ? weeks : [mean(active) * 7]);
  const weeklyGrowth = weeks.length >= 2 ? linearRegression(weeks.map((w, i) => [i, w] as [number, number])).m / Math.max(level, 1) : 0;

  // Decay: after the peak, until the curve reaches its floor (the median of the tail).
  const after = daily.slice(peakIndex);
  const tail = [...after].sort((a, b) => a - b)[Math.floor(after.length / 2)] ?? 0;
  const decaying = after.slice(0, Math.max(3, after.findIndex((v, i) => i > 0 && v <= tail) + 1));
  const life = halfLife(decaying);

  const lastWeek = mean(active.slice(-7));
  const firstWeek = mean(active.slice(0, 7));
  let shape: CampaignShapeKind;
  if (peak >= 3 * Math.max(lastWeek, 1) && life !== null && life <= 7 && peakIndex - startIndex <= 7) shape = 'burst-and-die';
  else if (weeklyGrowth >= 0.1 && lastWeek >= 1.5 * Math.max(firstWeek, 0.5)) shape = 'sustained-growth';
  else if (weeklyGrowth <= -0.1 && lastWeek <= 0.67 * firstWeek) shape = 'declining';
  else shape = 'steady';
  return {
    shape,
    startIndex,
    peakIndex,
    peak,
    total,
    halfLifeDays: shape === 'burst-and-die' || shape === 'declining' ? life : null,
    weeklyGrowth,
    burstShare,
  };
}

export interface TagCount {
  tag: string;
  mentions: number;
  negative: number;
}

/**
 * A hashtag people use to complain (#brewlyfail) is a crisis, not a campaign: it is left
 * out of campaigns when most of its mentions are negative and clearly more than the
 * topic's usual share (`topicNegativeShare`).
 */
export function isCrisisTag(t: Pick<TagCount, 'mentions' | 'negative'>, topicNegativeShare: number): boolean {
  return t.mentions > 0 && t.negative / t.mentions >= Math.max(0.5, 1.5 * topicNegativeShare);
}

/**
 * The campaign hashtags among a topic's hashtags: not a topic's own name, used enough
 * (1 % of the tagged mentions, at least 10), not a crisis tag; the ones carrying the
 * brand's name (#BrewlySummer) when some do.
 */
export function campaignTags(tags: TagCount[], names: Set<string>, brand: string, topicNegativeShare: number, limit: number): string[] {
  const total = tags.reduce((a, t) => a + t.mentions, 0);
  const candidates = tags.filter((t) => !names.has(t.tag) && t.mentions >= Math.max(10, total * 0.01) && !isCrisisTag(t, topicNegativeShare));
  const branded = candidates.filter((t) => t.tag.includes(brand.toLowerCase()));
  return (branded.length ? branded : candidates).slice(0, limit).map((t) => t.tag);
}
