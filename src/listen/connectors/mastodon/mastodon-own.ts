/**
 * The brand's own Mastodon account: its statuses with their counts as they are now
 * (GET /api/v1/accounts/:id/statuses, boosts of others left out) and its follower count
 * (Account.followers_count from /api/v1/accounts/lookup).
 * https://docs.joinmastodon.org/methods/accounts/#statuses
 * Every poll re-reads the posts of the last `since` days, newest first, so their likes,
 * boosts and replies keep growing in the store; they are upserted, never doubled.
 */
import { z } from 'zod';
import type { FollowerCount, OwnPost } from '../connector.ts';
import { expectShape, linkHeaderUrl, type HttpClient } from '../http.ts';
import { mastodonHandle, mastodonStatusSchema, statusText, type MastodonAccount, type MastodonStatus } from './mastodon-mapper.ts';
import type { MastodonSecrets } from './mastodon-config.ts';
import { mastodonGet } from './mastodon-http.ts';

function ownPost(status: MastodonStatus, account: string): OwnPost {
  return {
    account,
    externalId: status.uri,
    url: status.url ?? status.uri,
    text: statusText(status),
    publishedAt: Date.parse(status.created_at),
    likes: status.favourites_count ?? 0,
    shares: status.reblogs_count ?? 0,
    replies: status.replies_count ?? 0,
    views: null,
  };
}

export async function* mastodonOwnPosts(
  http: HttpClient,
  instance: string,
  account: MastodonAccount,
  secrets: MastodonSecrets,
  options: { since: number; maxPages: number; pageSize: number },
): AsyncGenerator<{ ownPosts: OwnPost[]; followerCounts: FollowerCount[] }, void, void> {
  const handle = mastodonHandle(account.acct, new URL(instance).hostname);
  const followerCounts = account.followers_count == null ? [] : [{ account: handle, followers: account.followers_count }];
  let url: URL | null = new URL(`/api/v1/accounts/${encodeURIComponent(account.id)}/statuses`, instance);
  url.searchParams.set('limit', String(options.pageSize));
  url.searchParams.set('exclude_reblogs', 'true');
  for (let page = 0; url && page < options.maxPages; page++) {
    const { data, response } = await mastodonGet(http, url, secrets);
    const statuses = expectShape(z.array(mastodonStatusSchema), data, 'GET /api/v1/accounts/:id/statuses');
    // Direct and followers-only posts are not the brand's public voice.
    const shown = statuses.filter((s) => !s.reblog && s.account.id === account.id && (!s.visibility || s.visibility === 'public' || s.visibility === 'unlisted'));
    const recent = shown.filter((s) => Date.parse(s.created_at) >= options.since);
    yield { ownPosts: recent.map((s) => ownPost(s, handle)), followerCounts: page === 0 ? followerCounts : [] };
    const reachedOld = statuses.some((s) => Date.parse(s.created_at) < options.since);
    url = reachedOld || statuses.length === 0 ? null : linkHeaderUrl(response.headers.get('link'), 'next');
  }
}
