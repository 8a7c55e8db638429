import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http.ts';
import { PermanentPublishError } from '../publisher.ts';
import { mastodonPublisher } from './mastodon-publisher.ts';
import { MastodonReplay } from './mastodon-replay.ts';
import { memoryLedger, servePicture, TINY_PNG } from '../post-pictures-testing.ts';
import { DEFAULT_IMAGE_SIZE_LIMIT, forgetImageSizeLimits } from './mastodon-instance-limits.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.posted = [];
  replay.server.requests.length = 0;
  replay.media.clear();
  replay.processingPolls = 0;
  replay.mediaUploadsLeft = 30;
  replay.imageSizeLimit = 16_777_216;
  forgetImageSizeLimits();
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

  describe('pictures', () => {
    const source = () => ({ config: { instance: replay.url }, secrets: { token: 'mastodon-token-1' } });
    const noWait = async () => {};

    it('uploads each picture with its alt text as description, waits while the instance processes it (202, then 206), and attaches the ids', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      replay.processingPolls = 2;
      const uploads = memoryLedger();
      const result = await mastodonPublisher.publish({ ...request('Our new cup', 'k-pic'), pictures: [{ url, alt: 'A white cup of coffee on a wooden table' }], uploads, wait: noWait }, source(), new HttpClient());
      expect(result.url).toMatch(/^https:\/\/127.0.0.1\/@brewly\/2000\d\d$/);
      const [media] = replay.media.values();
      expect(media).toMatchObject({ description: 'A white cup of coffee on a wooden table', mimeType: 'image/png' });
      expect(media!.bytes.equals(TINY_PNG)).toBe(true);
      expect(replay.server.requestsTo(/^\/api\/v1\/media\//, 'GET')).toHaveLength(3); // 206, 206, 200
      const [post] = replay.server.requestsTo('/api/v1/statuses', 'POST');
      expect(JSON.parse(post!.body).media_ids).toEqual([...replay.media.keys()]);
      expect(replay.posted[0]!.media_attachments).toMatchObject([{ type: 'image', description: 'A white cup of coffee on a wooden table' }]);
    });

    it('never uploads a picture twice when the status fails and is retried', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      const uploads = memoryLedger();
      const post = { ...request('Retry me', 'k-retry'), pictures: [{ url, alt: 'A cup' }], uploads, wait: noWait };
      replay.server.fault('POST', '/api/v1/statuses', { status: 503, json: { error: 'Service Unavailable' } });
      await expect(mastodonPublisher.publish(post, source(), new HttpClient())).rejects.toThrow(/HTTP 503/);
      await mastodonPublisher.publish(post, source(), new HttpClient());
      expect(replay.server.requestsTo('/api/v2/media', 'POST')).toHaveLength(1);
      expect(replay.posted).toHaveLength(1);
    });

    it('uploads again a picture whose earlier upload the instance has removed', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      const uploads = memoryLedger();
      const post = { ...request('Stale', 'k-stale'), pictures: [{ url, alt: 'A cup' }], uploads, wait: noWait };
      await mastodonPublisher.publish({ ...post, idempotencyKey: 'k-stale-0' }, source(), new HttpClient());
      replay.media.clear(); // a day later, unattached media are gone (this one's attempt never posted)
      replay.posted = [];
      await mastodonPublisher.publish(post, source(), new HttpClient());
      expect(replay.server.requestsTo('/api/v2/media', 'POST')).toHaveLength(2);
      expect(JSON.parse(replay.server.requestsTo('/api/v1/statuses', 'POST').at(-1)!.body).media_ids).toEqual([...replay.media.keys()]);
    });

    it('says which picture is refused: not an image (422 from the instance, permanent) and the upload rate limit (retryable)', async () => {
      const text = servePicture(replay.server, replay.url, '/pictures/notes.txt', Buffer.from('hello'), 'text/plain');
      await expect(mastodonPublisher.publish({ ...request('x', 'k-txt'), pictures: [{ url: text, alt: 'notes' }], wait: noWait }, source(), new HttpClient())).rejects.toThrow(
        /picture 1 \(.*notes\.txt\) is not a picture/,
      );
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      replay.mediaUploadsLeft = 0;
      const limited = mastodonPublisher.publish({ ...request('x', 'k-rl'), pictures: [{ url, alt: 'A cup' }], wait: noWait }, source(), new HttpClient());
      await expect(limited).rejects.toThrow(/rate limited \(HTTP 429\)/);
      await expect(limited).rejects.not.toBeInstanceOf(PermanentPublishError);
      replay.mediaUploadsLeft = 30;
      replay.server.fault('POST', '/api/v2/media', { status: 422, json: { error: 'Validation failed: File file size must be less than 8 MB' } });
      await expect(mastodonPublisher.publish({ ...request('x', 'k-422'), pictures: [{ url, alt: 'A cup' }], wait: noWait }, source(), new HttpClient())).rejects.toThrow(
        new PermanentPublishError(`picture 1 (${url}) was refused by ${replay.url}: Validation failed: File file size must be less than 8 MB`),
      );
      expect(replay.posted).toHaveLength(0);
    });

    it("refuses a picture over the instance's own image_size_limit before uploading it, asking the instance once", async () => {
      replay.imageSizeLimit = 100;
      const small = servePicture(replay.server, replay.url, '/pictures/small.png');
      const big = servePicture(replay.server, replay.url, '/pictures/big.png', Buffer.concat([TINY_PNG, Buffer.alloc(200)]));
      const refused = mastodonPublisher.publish({ ...request('x', 'k-big'), pictures: [{ url: big, alt: 'A big cup' }], wait: noWait }, source(), new HttpClient());
      await expect(refused).rejects.toThrow(new PermanentPublishError(`picture 1 (${big}) is too big: ${replay.url} accepts pictures up to 100 bytes; make it smaller and try again`));
      expect(replay.server.requestsTo('/api/v2/media', 'POST')).toHaveLength(0);
      await mastodonPublisher.publish({ ...request('Small', 'k-small'), pictures: [{ url: small, alt: 'A cup' }], wait: noWait }, source(), new HttpClient());
      expect(replay.posted).toHaveLength(1);
      expect(replay.server.requestsTo('/api/v2/instance')).toHaveLength(1);
    });

    it('falls back to 16 MB only when the instance does not say, and asks again after a server error', async () => {
      replay.imageSizeLimit = null; // before Mastodon 4.0: no /api/v2/instance
      const huge = servePicture(replay.server, replay.url, '/pictures/huge.png', Buffer.alloc(DEFAULT_IMAGE_SIZE_LIMIT + 1));
      await expect(mastodonPublisher.publish({ ...request('x', 'k-huge'), pictures: [{ url: huge, alt: 'Huge' }], wait: noWait }, source(), new HttpClient())).rejects.toThrow(
        /is too big: .* accepts pictures up to 16\.8 MB/,
      );
      expect(replay.server.requestsTo('/api/v2/instance')).toHaveLength(1);

      forgetImageSizeLimits();
      replay.imageSizeLimit = 100;
      replay.server.fault('GET', '/api/v2/instance', { status: 500, json: { error: 'oops' } });
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      const failed = mastodonPublisher.publish({ ...request('x', 'k-500'), pictures: [{ url, alt: 'A cup' }], wait: noWait }, source(), new HttpClient());
      await expect(failed).rejects.toThrow(/HTTP 500/);
      await expect(failed).rejects.not.toBeInstanceOf(PermanentPublishError);
      // Not taken for "16 MB": the next attempt asks again and gets the instance's answer.
      await mastodonPublisher.publish({ ...request('Cup', 'k-500'), pictures: [{ url, alt: 'A cup' }], wait: noWait }, source(), new HttpClient());
      expect(replay.server.requestsTo('/api/v2/instance')).toHaveLength(3);
      expect(replay.posted).toHaveLength(1);
    });
  });
});
