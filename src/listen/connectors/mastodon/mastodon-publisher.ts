/**
 * POST /api/v1/statuses with an Idempotency-Key header: Mastodon returns the same
 * status for the same key (kept for an hour), so a retry after an unknown outcome
 * does not post twice. https://docs.joinmastodon.org/methods/statuses/#create
 */
import { z } from 'zod';
import { expectShape, HttpStatusError } from '../http.ts';
import { PermanentPublishError, type Publisher } from '../publisher.ts';
import type { MastodonConfig, MastodonSecrets } from './mastodon-connector.ts';

/** Mastodon's default status length limit; instances may raise it. */
export const MASTODON_MAX_CHARS = 500;

export const mastodonPublisher: Publisher<Pick<MastodonConfig, 'instance'>, MastodonSecrets> = {
  async publish(request, { config, secrets }, http) {
    if (!secrets.token) throw new PermanentPublishError(`publishing to ${config.instance} needs an access token with write:statuses (sources add mastodon --token …)`);
    const body: Record<string, string> = { status: request.text, visibility: 'public' };
    if (request.language) body.language = request.language;
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
