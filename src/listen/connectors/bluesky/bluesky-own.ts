/**
 * The brand's own Bluesky account (the one the app password belongs to): its posts with
 * their counts as they are now, from app.bsky.feed.getAuthorFeed
 * (https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed; reposts of others left
 * out), and its follower count from app.bsky.actor.getProfile
 * (https://docs.bsky.app/docs/api/app-bsky-actor-get-profile). Every poll re-reads the
 * posts of the last `since` days so their likes, reposts and replies stay current.
 */
import { z } from 'zod';
import type { FollowerCount, OwnPost } from '../connector.ts';
import { expectShape, type HttpClient } from '../http.ts';
import { bskyPostUrl, postViewSchema, type PostView } from './bluesky-mapper.ts';
import { blueskySession, xrpc, type BlueskyLogin } from './bluesky-session.ts';

const profileSchema = z.object({ did: z.string(), handle: z.string(), followersCount: z.number().optional() });
const authorFeedSchema = z.object({
  cursor: z.string().nullish(),
  feed: z.array(z.object({ post: postViewSchema, reason: z.object({ $type: z.string() }).passthrough().nullish() })),
});

function ownPost(post: PostView, account: string): OwnPost {
  return {
    account,
    externalId: post.uri,
    url: bskyPostUrl(post.uri, post.author.handle),
    text: post.record.text,
    publishedAt: Date.parse(post.record.createdAt),
    likes: post.likeCount ?? 0,
    // As for mentions (bluesky-mapper.ts): a quote is a share.
    shares: (post.repostCount ?? 0) + (post.quoteCount ?? 0),
    replies: post.replyCount ?? 0,
    views: null,
  };
}

export async function* blueskyOwnPosts(
  http: HttpClient,
  login: BlueskyLogin,
  options: { since: number; maxPages: number },
): AsyncGenerator<{ ownPosts: OwnPost[]; followerCounts: FollowerCount[] }, void, void> {
  // The app password's session says whose account it is (the identifier may be an email).
  const session = await blueskySession(http, login);
  const profile = expectShape(profileSchema, (await xrpc(http, login, `app.bsky.actor.getProfile?${new URLSearchParams({ actor: session.did })}`)).data, 'GET app.bsky.actor.getProfile');
  const account = profile.handle.toLowerCase();
  const followerCounts = profile.followersCount == null ? [] : [{ account, followers: profile.followersCount }];
  let cursor: string | null = null;
  for (let page = 0; page < options.maxPages; page++) {
    const params = new URLSearchParams({ actor: profile.did, filter: 'posts_with_replies', limit: '100' });
    if (cursor) params.set('cursor', cursor);
    const body = expectShape(authorFeedSchema, (await xrpc(http, login, `app.bsky.feed.getAuthorFeed?${params}`)).data, 'GET app.bsky.feed.getAuthorFeed');
    const own = body.feed.filter((item) => !item.reason && item.post.author.did === profile.did).map((item) => item.post);
    yield { ownPosts: own.filter((p) => Date.parse(p.record.createdAt) >= options.since).map((p) => ownPost(p, account)), followerCounts: page === 0 ? followerCounts : [] };
    const reachedOld = own.some((p) => Date.parse(p.record.createdAt) < options.since);
    cursor = body.cursor || null;
    if (reachedOld || !cursor || body.feed.length === 0) return;
  }
}
