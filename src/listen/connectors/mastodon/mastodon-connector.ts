/**
 * Mastodon: hashtag timelines, account statuses and full-text search on any instance.
 * https://docs.joinmastodon.org/methods/timelines/#tag
 * https://docs.joinmastodon.org/methods/accounts/#statuses
 * https://docs.joinmastodon.org/methods/search/#v2
 * Paging follows the Link header (`rel="next"` carries `max_id`); `since_id` keeps
 * each walk above the last one's high-water mark.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import type { Connector, HashtagVolume, PollContext } from '../connector.ts';
import { AuthError, ConnectorError } from '../connector.ts';
import { expectShape, HttpStatusError, linkHeaderUrl, type HttpClient } from '../http.ts';
import { mastodonConfigSchema, mastodonSecretsSchema, type MastodonConfig, type MastodonSecrets } from './mastodon-config.ts';
import { compareIds, streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { mastodonStream } from './mastodon-stream.ts';
import { mastodonGet } from './mastodon-http.ts';
import { mastodonOwnPosts } from './mastodon-own.ts';
import { mapMastodonStatus, mastodonAccountSchema, type MastodonAccount, mastodonStatusSchema, mastodonTagSchema, tagHistoryRows, type MastodonStatus } from './mastodon-mapper.ts';

// The options live apart so that the stream module can use their types without importing this one.
export { mastodonConfigSchema, mastodonSecretsSchema, type MastodonConfig, type MastodonSecrets } from './mastodon-config.ts';

const statusList = z.array(mastodonStatusSchema);

/** GET with the token when there is one; a refused token (401) is an AuthError: only a new token fixes it. */

/** A timeline endpoint paged by the Link header. */
function timelineSource(
  http: HttpClient,
  endpoint: URL,
  secrets: MastodonSecrets,
  pageSize: number,
  map: (items: MastodonStatus[]) => Promise<MentionInput[]>,
): WalkSource<MastodonStatus> {
  return {
    async fetchPage(page, { hw }) {
      const url = new URL(endpoint);
      url.searchParams.set('limit', String(pageSize));
      if (hw) url.searchParams.set('since_id', hw.id);
      if (page) url.searchParams.set('max_id', page);
      const { data, response } = await mastodonGet(http, url, secrets);
      const items = expectShape(statusList, data, `GET ${endpoint.pathname}`);
      const next = linkHeaderUrl(response.headers.get('link'), 'next')?.searchParams.get('max_id') ?? null;
      // A next page must start below this one; a link pointing back up would loop.
      const oldest = items.reduce<string | null>((min, s) => (min == null || compareIds(s.id, min) < 0 ? s.id : min), null);
      return { items, next: next && oldest && compareIds(next, oldest) > 0 ? null : next };
    },
    key: (status) => ({ t: 0, id: status.id }),
    time: (status) => Date.parse(status.created_at),
    map,
  };
}

/** /api/v2/search has no Link header: the next page is `max_id` = the last status id. */
function searchSource(http: HttpClient, instance: string, query: string, secrets: MastodonSecrets, pageSize: number, map: (items: MastodonStatus[]) => Promise<MentionInput[]>): WalkSource<MastodonStatus> {
  return {
    async fetchPage(page, { hw }) {
      const url = new URL('/api/v2/search', instance);
      url.searchParams.set('q', query);
      url.searchParams.set('type', 'statuses');
      url.searchParams.set('limit', String(pageSize));
      if (hw) url.searchParams.set('min_id', hw.id);
      if (page) url.searchParams.set('max_id', page);
      const { data } = await mastodonGet(http, url, secrets);
      const { statuses } = expectShape(z.object({ statuses: statusList }), data, 'GET /api/v2/search');
      const sorted = [...statuses].sort((a, b) => compareIds(b.id, a.id));
      return { items: sorted, next: sorted.length === pageSize ? sorted.at(-1)!.id : null };
    },
    key: (status) => ({ t: 0, id: status.id }),
    time: (status) => Date.parse(status.created_at),
    map,
  };
}

async function lookupAccountId(http: HttpClient, instance: string, acct: string, secrets: MastodonSecrets): Promise<string> {
  return (await lookupAccount(http, instance, acct, secrets)).id;
}

async function lookupAccount(http: HttpClient, instance: string, acct: string, secrets: MastodonSecrets): Promise<MastodonAccount> {
  const url = new URL('/api/v1/accounts/lookup', instance);
  url.searchParams.set('acct', acct.replace(/^@/, ''));
  try {
    const { data } = await mastodonGet(http, url, secrets);
    return expectShape(mastodonAccountSchema, data, 'GET /api/v1/accounts/lookup');
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404) throw new ConnectorError(`Mastodon account ${acct} not found on ${instance}`);
    throw error;
  }
}

async function fetchTagHistory(http: HttpClient, instance: string, tag: string, secrets: MastodonSecrets): Promise<HashtagVolume[]> {
  const url = new URL('/api/v2/search', instance);
  url.searchParams.set('q', `#${tag}`);
  url.searchParams.set('type', 'hashtags');
  url.searchParams.set('limit', '5');
  const { data } = await mastodonGet(http, url, secrets);
  const { hashtags } = expectShape(z.object({ hashtags: z.array(mastodonTagSchema) }), data, 'GET /api/v2/search (hashtags)');
  const match = hashtags.find((h) => h.name.toLowerCase() === tag.toLowerCase());
  return match ? tagHistoryRows(match, new URL(instance).hostname) : [];
}

/** Resolves reply parents (local ids) to uris: first from the page itself, then by lookup within a budget. */
function parentResolver(http: HttpClient, instance: string, secrets: MastodonSecrets, budget: number) {
  const known = new Map<string, string | null>();
  let lookups = 0;
  return async (items: MastodonStatus[]): Promise<MentionInput[]> => {
    for (const s of items) {
      known.set(s.id, s.uri);
      if (s.reblog) known.set(s.reblog.id, s.reblog.uri);
    }
    const missing = new Set(items.flatMap((s) => [s.in_reply_to_id, s.reblog?.in_reply_to_id]).filter((id): id is string => !!id && !known.has(id)));
    for (const id of missing) {
      if (lookups >= budget) break;
      lookups += 1;
      try {
        const { data } = await mastodonGet(http, new URL(`/api/v1/statuses/${encodeURIComponent(id)}`, instance), secrets);
        known.set(id, expectShape(z.object({ uri: z.string() }), data, 'GET /api/v1/statuses/:id').uri);
      } catch (error) {
        // A deleted or private parent: the reply is still worth storing, unlinked.
        if (error instanceof HttpStatusError && (error.status === 404 || error.status === 403 || error.status === 401)) known.set(id, null);
        else throw error;
      }
    }
    const host = new URL(instance).hostname;
    // A token that follows people can see their private posts: those are not public mentions.
    const shareable = items.filter((s) => !s.visibility || s.visibility === 'public' || s.visibility === 'unlisted');
    return shareable.flatMap((s) => mapMastodonStatus(s, host, (id) => known.get(id) ?? null));
  };
}

export const mastodonConnector: Connector<MastodonConfig, MastodonSecrets> = {
  network: 'mastodon',
  configSchema: mastodonConfigSchema,
  secretsSchema: mastodonSecretsSchema,
  describe(config) {
    const host = new URL(config.instance).host;
    const parts = [
      ...config.tags.map((t) => `#${t}`),
      ...config.accounts.map((a) => `@${a.replace(/^@/, '')}`),
      ...(config.query ? [`"${config.query}"`] : []),
      ...config.volumeTags.map((t) => `#${t} (volume)`),
      ...config.ownAccounts.map((a) => `own @${a.replace(/^@/, '')}`),
    ];
    return `${parts.join(' ')} @ ${host}${config.stream ? ' (live)' : ''}`;
  },
  stream: (context) => mastodonStream(context),
  async *poll({ config, secrets, cursor: stored, http, now }: PollContext<MastodonConfig, MastodonSecrets>) {
    const instance = config.instance;
    let cursor = streamCursorOf(stored);
    const historyTags = [...new Set([...config.tags, ...config.volumeTags].map((t) => t.toLowerCase()))];
    const historyAt = typeof cursor.historyAt === 'number' ? cursor.historyAt : 0;
    if (historyTags.length > 0 && now() - historyAt >= config.historyEveryMs) {
      const volumes: HashtagVolume[] = [];
      for (const tag of historyTags) volumes.push(...(await fetchTagHistory(http, instance, tag, secrets)));
      cursor = { ...cursor, historyAt: now() };
      yield { mentions: [], cursor, hashtagVolumes: volumes };
    }

    for (const acct of config.ownAccounts) {
      const account = await lookupAccount(http, instance, acct, secrets);
      for await (const page of mastodonOwnPosts(http, instance, account, secrets, { since: now() - config.ownPostsDays * 86_400_000, maxPages: config.maxPages, pageSize: config.pageSize })) {
        yield { mentions: [], cursor, ...page };
      }
    }

    const map = parentResolver(http, instance, secrets, config.parentLookups);
    const streams: { key: string; source: WalkSource<MastodonStatus> }[] = [];
    for (const tag of config.tags) {
      const endpoint = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, instance);
      if (config.localOnly) endpoint.searchParams.set('local', 'true');
      streams.push({ key: `tag:${tag.toLowerCase()}`, source: timelineSource(http, endpoint, secrets, config.pageSize, map) });
    }
    for (const acct of config.accounts) {
      const id = await lookupAccountId(http, instance, acct, secrets);
      const endpoint = new URL(`/api/v1/accounts/${encodeURIComponent(id)}/statuses`, instance);
      streams.push({ key: `account:${acct.toLowerCase()}`, source: timelineSource(http, endpoint, secrets, config.pageSize, map) });
    }
    if (config.query) streams.push({ key: `search:${config.query}`, source: searchSource(http, instance, config.query, secrets, config.pageSize, map) });

    const floor = now() - config.lookbackHours * 3600_000;
    for await (const step of walkStreams(streams, cursor, { floor, maxPages: config.maxPages })) {
      yield { mentions: step.mentions, cursor: step.cursor };
    }
  },
};
