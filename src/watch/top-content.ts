/**
 * Top content: posts ranked by engagement, with the engagement rate (per follower) that
 * tells a post that travelled from one that was simply posted by a big account.
 */
import type { Post } from './read/model.ts';

export interface TopPost extends Post {
  /** Engagement per 1,000 followers; null when the follower count is unknown. */
  engagementRate: number | null;
}

export function rankTopContent(posts: Post[], limit = 10): TopPost[] {
  return posts
    .map((p) => ({ ...p, engagementRate: p.followers > 0 ? (1000 * p.engagement) / p.followers : null }))
    .sort((a, b) => b.engagement - a.engagement || (b.engagementRate ?? 0) - (a.engagementRate ?? 0) || a.id - b.id)
    .slice(0, limit);
}
