/**
 * Influencers of a topic: ranked by what their posts on it achieved (engagement, how often
 * they post on it) as well as by audience size, so a big account that mentioned the topic
 * once with no reaction ranks below a mid-size one whose posts travel.
 */
import type { AuthorStat } from './read/model.ts';

export interface Influencer {
  handle: string;
  name: string | null;
  channels: string[];
  followers: number;
  /** Reach of the author's mentions of the topic (figures.ts): what Advocates and every view call reach. */
  reach: number;
  mentions: number;
  engagement: number;
  /** Engagement per post. */
  engagementPerPost: number;
  /** log-scale blend: audience + 2 × engagement + activity. */
  score: number;
}

export function rankInfluencers(stats: AuthorStat[], limit = 10): Influencer[] {
  const byHandle = new Map<string, Influencer>();
  for (const s of stats) {
    const i = byHandle.get(s.handle) ?? { handle: s.handle, name: s.name, channels: [], followers: 0, reach: 0, mentions: 0, engagement: 0, engagementPerPost: 0, score: 0 };
    i.channels.push(s.source);
    i.followers = Math.max(i.followers, s.followers);
    i.reach += s.reach;
    i.mentions += s.mentions;
    i.engagement += s.engagement;
    byHandle.set(s.handle, i);
  }
  for (const i of byHandle.values()) {
    i.channels.sort();
    i.engagementPerPost = i.mentions ? i.engagement / i.mentions : 0;
    // Engagement weighs double: it is what the audience did, not what it could have done.
    i.score = Math.log10(1 + i.followers) + 2 * Math.log10(1 + i.engagement) + Math.log10(1 + i.mentions);
  }
  return [...byHandle.values()].sort((a, b) => b.score - a.score || a.handle.localeCompare(b.handle)).slice(0, limit);
}
