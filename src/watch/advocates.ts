/**
 * Advocates and detractors: authors ranked by the positive (negative) reach they bring —
 * the reach (figures.ts) of their positive (negative) mentions — across networks, with
 * the networks where they are active and those where the topic is discussed but they are not.
 */
import type { AuthorStat } from './read/model.ts';

export interface AuthorStance {
  handle: string;
  name: string | null;
  /** Networks where the author posted on this topic in the period. */
  channels: string[];
  /** Networks where the topic is discussed but this author did not post about it. */
  absentFrom: string[];
  /** Networks where the author appears in the workspace during the period, on any topic. */
  presentOn: string[];
  mentions: number;
  positive: number;
  negative: number;
  followers: number;
  /** Reach of all the author's mentions of the topic; positiveReach and negativeReach are its parts. */
  reach: number;
  positiveReach: number;
  negativeReach: number;
  engagement: number;
  /** Ranking score of the author's stance (see rankAdvocacy). */
  score: number;
}

export interface AdvocacyResult {
  advocates: AuthorStance[];
  detractors: AuthorStance[];
}

function mergeByHandle(stats: AuthorStat[], presence: Map<string, string[]>, topicChannels: string[]): AuthorStance[] {
  const byHandle = new Map<string, AuthorStance>();
  for (const s of stats) {
    let a = byHandle.get(s.handle);
    if (!a) {
      a = { handle: s.handle, name: s.name, channels: [], absentFrom: [], presentOn: [], mentions: 0, positive: 0, negative: 0, followers: 0, reach: 0, positiveReach: 0, negativeReach: 0, engagement: 0, score: 0 };
      byHandle.set(s.handle, a);
    }
    a.channels.push(s.source);
    a.mentions += s.mentions;
    a.positive += s.positive;
    a.negative += s.negative;
    a.followers = Math.max(a.followers, s.followers);
    a.reach += s.reach;
    a.positiveReach += s.positiveReach;
    a.negativeReach += s.negativeReach;
    a.engagement += s.engagement;
  }
  for (const a of byHandle.values()) {
    a.channels.sort();
    a.presentOn = [...new Set(presence.get(a.handle) ?? a.channels)].sort();
    a.absentFrom = topicChannels.filter((c) => !a.channels.includes(c));
  }
  return [...byHandle.values()];
}

/**
 * Score of a stance: √posts × log10(1 + reach per post). Reach counts, and so does
 * persistence, both with diminishing returns: an author who speaks up every week to a real
 * audience is an advocate; a news feed posting 1,000 times to nobody is not, and neither is
 * one big account's single post (an influencer moment). Authors on networks without
 * follower counts (Reddit, HN) count as typical accounts (figures.ts).
 */
const stanceScore = (posts: number, reach: number) => (posts > 0 ? Math.sqrt(posts) * Math.log10(1 + reach / posts) : 0);

/**
 * `stats`: per author and network on the topic; `presence`: every network each author
 * appears on; `topicChannels`: the networks where the topic is discussed.
 */
export function rankAdvocacy(
  stats: AuthorStat[],
  presence: Map<string, string[]>,
  topicChannels: string[],
  limit = 10,
  /** Fewest posts of one stance to count; 1 for a single day. */
  minPosts = 2,
): AdvocacyResult {
  const authors = mergeByHandle(stats, presence, topicChannels);
  const rank = (stance: 'positive' | 'negative') => {
    const reach = stance === 'positive' ? 'positiveReach' : 'negativeReach';
    const other = stance === 'positive' ? 'negative' : 'positive';
    return authors
      .filter((a) => a[stance] >= minPosts && a[stance] > 2 * a[other])
      .map((a) => ({ ...a, score: stanceScore(a[stance], a[reach]) }))
      .sort((a, b) => b.score - a.score || a.handle.localeCompare(b.handle))
      .slice(0, limit);
  };
  return { advocates: rank('positive'), detractors: rank('negative') };
}
