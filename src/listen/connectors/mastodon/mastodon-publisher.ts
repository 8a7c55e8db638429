/**
 * POST /api/v1/statuses with an Idempotency-Key header: Mastodon returns the same
 * status for the same key (kept for an hour), so a retry after an unknown outcome
 * does not post twice. https://docs.joinmastodon.org/methods/statuses/#create
 * A reply names the status it answers by its id on the posting instance
 * (`in_reply_to_id`), found from the stored URI by a resolving search:
 * https://docs.joinmastodon.org/methods/search/#v2 (resolve=true, type=statuses).
 * Pictures are uploaded first and attached by id (mastodon-media.ts).
 */
import { z } from 'zod';
import { POST_LIMITS } from '../../../core/post-rules.ts';
import { expectShape, HttpStatusError, type HttpClient } from '../http.ts';
import { PermanentPublishError, type Publisher } from '../publisher.ts';
import type { MastodonConfig, MastodonSecrets } from './mastodon-connector.ts';
import { mastodonMediaIds } from './mastodon-media.ts';

/** Mastodon's default status length limit; instances may raise it. */
export const MASTODON_MAX_CHARS = POST_LIMITS.mastodon;

export const mastodonPublisher: Publisher<Pick<MastodonConfig, 'instance'>, MastodonSecrets> = {
  async publish(request, { config, secrets }, http) {
    if (!secrets.token) throw new PermanentPublishError(`publishing to ${config.instance} needs an access token with write:statuses (sources add mastodon --token …)`);
    const body: Record<string, string | string[]> = { status: request.text, visibility: 'public' };
    if (request.language) body.language = request.language;
    if (request.replyTo) {
      body.in_reply_to_id = await localStatusId(http, config.instance, secrets.token, request.replyTo.externalId);
      // Mastodon notifies only the accounts a status names.
      const acct = `@${request.replyTo.authorHandle.replace(/^@/, '')}`;
      if (!request.text.toLowerCase().includes(acct.toLowerCase())) body.status = `${acct} ${request.text}`;
    }
    const mediaIds = await mastodonMediaIds(http, config.instance, secrets.token, request);
    if (mediaIds.length > 0) body.media_ids = mediaIds;
    try {
      const { data } = await http.json(new URL('/api/v1/statuses', config.instance), {
        method: 'POST',
        headers: { authorization: `Bearer ${secrets.token}`, 'idempotency-key': request.idempotencyKey },
        json: body,
      });
      const status = expectShape(z.object({ id: z.string(), uri: z.string(), url: z.string().nullish() }), data, 'POST /api/v1/statuses');
      return { url: status.url ?? status.uri, externalId: status.uri };
    } catch (error) {
      // 422 is a validation error (too long, empty…): sending it again cannot help.
      if (error instanceof HttpStatusError && (error.status === 422 || error.status === 401 || error.status === 403)) {
        throw new PermanentPublishError(error.message);
      }
      throw error;
    }
  },
};

/** The id on `instance` of the status with this URI (the instance fetches it when it does not know it yet). */
async function localStatusId(http: HttpClient, instance: string, token: string, uri: string): Promise<string> {
  const url = new URL('/api/v2/search', instance);
  url.search = new URLSearchParams({ q: uri, type: 'statuses', resolve: 'true', limit: '1' }).toString();
  const { data } = await http.json(url, { headers: { authorization: `Bearer ${token}` } });
  const found = expectShape(z.object({ statuses: z.array(z.object({ id: z.string(), uri: z.string() })) }), data, 'GET /api/v2/search').statuses.find((s) => s.uri === uri);
  if (!found) throw new PermanentPublishError(`${instance} cannot find the post being answered (${uri}): it may have been deleted`);
  return found.id;
}
