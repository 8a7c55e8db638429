import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http.ts';
import { PermanentPublishError } from '../publisher.ts';
import { mastodonPublisher } from './mastodon-publisher.ts';
import { MastodonReplay } from './mastodon-replay.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.posted = [];
  replay.server.requests.length = 0;
});

const request = (text: string, key = 'k-1') => ({ text, idempotencyKey: key, scheduledAt: new Date('2026-11-23T09:00:00Z'), language: 'fr' });

describe('mastodon publisher', () => {
  it('posts with the token and Idempotency-Key, and a retry with the same key returns the same status', async () => {
    const source = { config: { instance: replay.url }, secrets: { token: 'mastodon-token-1' } };
    const first = await mastodonPublisher.publish(request('Nouveau menu #brewly ☕'), source, new HttpClient());
    const again = await mastodonPublisher.publish(request('Nouveau menu #brewly ☕'), source, new HttpClient());
    expect(again).toEqual(first);
    expect(first.url).toBe('https://127.0.0.1/@brewly/200000');
    expect(replay.posted).toHaveLength(1);
    const [req] = replay.server.requestsTo('/api/v1/statuses', 'POST');
    expect(req!.headers).toMatchObject({ authorization: 'Bearer mastodon-token-1', 'idempotency-key': 'k-1' });
    expect(JSON.parse(req!.body)).toEqual({ status: 'Nouveau menu #brewly ☕', visibility: 'public', language: 'fr' });
  });

  it('treats a missing or refused token and a validation error as permanent', async () => {
    await expect(mastodonPublisher.publish(request('x'), { config: { instance: replay.url }, secrets: {} }, new HttpClient())).rejects.toThrow(/needs an access token with write:statuses/);
    await expect(mastodonPublisher.publish(request('x', 'k-2'), { config: { instance: replay.url }, secrets: { token: 'revoked' } }, new HttpClient())).rejects.toBeInstanceOf(PermanentPublishError);
    await expect(mastodonPublisher.publish(request('', 'k-3'), { config: { instance: replay.url }, secrets: { token: 'mastodon-token-1' } }, new HttpClient())).rejects.toThrow(/HTTP 422/);
  });
});
