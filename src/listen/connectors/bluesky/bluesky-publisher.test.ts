import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http.ts';
import { PermanentPublishError } from '../publisher.ts';
import { blueskyPublisher, deterministicTid, facetsOf } from './bluesky-publisher.ts';
import { BlueskyReplay } from './bluesky-replay.ts';
import { forgetBlueskySessions } from './bluesky-session.ts';
import { memoryLedger, servePicture, TINY_PNG } from '../post-pictures-testing.ts';

let replay: BlueskyReplay;
beforeAll(async () => {
  replay = await BlueskyReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.records.clear();
  replay.blobs.clear();
  replay.blobUploadsLeft = 100;
  replay.server.requests.length = 0;
  forgetBlueskySessions();
});

const source = () => ({ config: { service: replay.url, identifier: 'alice.bsky.social' }, secrets: { appPassword: replay.appPassword } });
const request = (text: string, key = 'item-42') => ({ text, idempotencyKey: key, scheduledAt: new Date('2026-11-23T09:00:00Z') });

describe('bluesky publisher', () => {
  it('creates one app.bsky.feed.post record and never a second one for the same key', async () => {
    const first = await blueskyPublisher.publish(request(`New #brewly menu ☕ ${replay.url}/menu`), source(), new HttpClient());
    expect(first.url).toMatch(/^https:\/\/bsky\.app\/profile\/alice\.bsky\.social\/post\/[2-7a-z]{13}$/);
    const again = await blueskyPublisher.publish(request(`New #brewly menu ☕ ${replay.url}/menu`), source(), new HttpClient());
    expect(again).toEqual(first);
    expect(replay.records.size).toBe(1);
    const [record] = replay.records.values();
    expect(record).toMatchObject({ $type: 'app.bsky.feed.post', text: `New #brewly menu ☕ ${replay.url}/menu` }); // its link card is read from the replay (no page there: no card), never from real DNS
  });

  it('retries a createRecord that failed with a 500 without duplicating', async () => {
    replay.server.fault('POST', '/xrpc/com.atproto.repo.createRecord', { status: 500, json: { error: 'InternalServerError', message: 'Internal Server Error' } });
    await expect(blueskyPublisher.publish(request('hello', 'k2'), source(), new HttpClient())).rejects.toThrow(/HTTP 500/);
    await blueskyPublisher.publish(request('hello', 'k2'), source(), new HttpClient());
    expect(replay.records.size).toBe(1);
  });

  it('refuses a post longer than 300 graphemes as permanent', async () => {
    await expect(blueskyPublisher.publish(request('👍🏽'.repeat(301)), source(), new HttpClient())).rejects.toBeInstanceOf(PermanentPublishError);
    await expect(blueskyPublisher.publish(request('👍🏽'.repeat(300), 'k3'), source(), new HttpClient())).resolves.toBeTruthy();
  });

  it('makes valid, stable TIDs and UTF-8 byte facets', () => {
    const tid = deterministicTid('abc', new Date('2026-11-23T09:00:00Z'));
    expect(tid).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(deterministicTid('abc', new Date('2026-11-23T09:00:00Z'))).toBe(tid);
    expect(deterministicTid('abd', new Date('2026-11-23T09:00:00Z'))).not.toBe(tid);
    const facets = facetsOf('☕ #café https://x.example') as { index: { byteStart: number; byteEnd: number } }[];
    const bytes = Buffer.from('☕ #café https://x.example');
    expect(facets.map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString())).toEqual(['https://x.example', '#café']);
  });

  describe('pictures', () => {
    it('uploads each picture as a blob and embeds it with its alt text', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      await blueskyPublisher.publish({ ...request('Our new cup', 'pic-1'), pictures: [{ url, alt: 'A white cup on a wooden table' }], uploads: memoryLedger() }, source(), new HttpClient());
      const [upload] = replay.server.requestsTo('/xrpc/com.atproto.repo.uploadBlob', 'POST');
      expect(upload!.headers['content-type']).toBe('image/png');
      expect(upload!.raw.equals(TINY_PNG)).toBe(true);
      const [record] = replay.records.values();
      const [cid] = replay.blobs.keys();
      expect(record!.embed).toEqual({ $type: 'app.bsky.embed.images', images: [{ alt: 'A white cup on a wooden table', image: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size: TINY_PNG.byteLength } }] });
    });

    it('never uploads a blob twice when the record fails and is retried', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      const post = { ...request('Retry', 'pic-2'), pictures: [{ url, alt: 'A cup' }], uploads: memoryLedger() };
      replay.server.fault('POST', '/xrpc/com.atproto.repo.createRecord', { status: 502, json: { error: 'UpstreamFailure', message: 'Bad Gateway' } });
      await expect(blueskyPublisher.publish(post, source(), new HttpClient())).rejects.toThrow(/HTTP 502/);
      await blueskyPublisher.publish(post, source(), new HttpClient());
      expect(replay.server.requestsTo('/xrpc/com.atproto.repo.uploadBlob', 'POST')).toHaveLength(1);
      expect(replay.records.size).toBe(1);
    });

    it('names a picture that cannot be downloaded, permanent when it is gone', async () => {
      const gone = `${replay.url}/pictures/gone.png`;
      const failed = blueskyPublisher.publish({ ...request('Gone', 'pic-6'), pictures: [{ url: gone, alt: 'A cup' }] }, source(), new HttpClient());
      await expect(failed).rejects.toThrow(new PermanentPublishError(`picture 1 (${gone}) cannot be downloaded (HTTP 404): check its address`));
      replay.server.fault('GET', '/pictures/flaky.png', { status: 503, body: 'busy' });
      const flaky = servePicture(replay.server, replay.url, '/pictures/flaky.png');
      const busy = blueskyPublisher.publish({ ...request('Flaky', 'pic-7'), pictures: [{ url: flaky, alt: 'A cup' }] }, source(), new HttpClient());
      await expect(busy).rejects.toThrow(`picture 1 (${flaky}) cannot be downloaded now: GET ${flaky}: HTTP 503`);
      await expect(busy).rejects.not.toBeInstanceOf(PermanentPublishError);
      expect(replay.records.size).toBe(0);
    });

    it('uploads again, on the next attempt, blobs the PDS no longer has', async () => {
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      const uploads = memoryLedger();
      await blueskyPublisher.publish({ ...request('First', 'pic-5a'), pictures: [{ url, alt: 'A cup' }], uploads }, source(), new HttpClient());
      replay.blobs.clear(); // unreferenced blobs are garbage-collected
      const post = { ...request('Again', 'pic-5b'), pictures: [{ url, alt: 'A cup' }], uploads };
      const stale = blueskyPublisher.publish(post, source(), new HttpClient());
      await expect(stale).rejects.toThrow(/no longer has this post's uploaded pictures/);
      await expect(stale).rejects.not.toBeInstanceOf(PermanentPublishError);
      await blueskyPublisher.publish(post, source(), new HttpClient());
      expect(replay.server.requestsTo('/xrpc/com.atproto.repo.uploadBlob', 'POST')).toHaveLength(2);
      expect(replay.records.size).toBe(2);
    });

    it('refuses a picture over 1,000,000 bytes before sending it, and leaves a rate-limited upload to a retry', async () => {
      const big = servePicture(replay.server, replay.url, '/pictures/big.jpg', Buffer.alloc(1_000_001, 7), 'image/jpeg');
      const tooBig = blueskyPublisher.publish({ ...request('Big', 'pic-3'), pictures: [{ url: big, alt: 'A big picture' }] }, source(), new HttpClient());
      await expect(tooBig).rejects.toThrow(new PermanentPublishError(`picture 1 (${big}) is too big: Bluesky accepts pictures up to 1.0 MB; make it smaller and try again`));
      expect(replay.server.requestsTo('/xrpc/com.atproto.repo.uploadBlob', 'POST')).toHaveLength(0);
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      replay.blobUploadsLeft = 0;
      const limited = blueskyPublisher.publish({ ...request('Limited', 'pic-4'), pictures: [{ url, alt: 'A cup' }] }, source(), new HttpClient());
      await expect(limited).rejects.toThrow(/rate limited \(HTTP 429\)/);
      await expect(limited).rejects.not.toBeInstanceOf(PermanentPublishError);
      expect(replay.records.size).toBe(0);
    });
  });

  describe('link cards', () => {
    // A body larger than the preview reads: the card comes from the head all the same.
    const page = (og: string) => `<!doctype html><html><head><title>Fallback</title>${og}</head><body><p>${'x'.repeat(600 * 1024)}</p></body></html>`;

    it('attaches the first link as an external card from its OpenGraph tags, with the picture as thumb and a link facet in UTF-8 bytes', async () => {
      servePicture(replay.server, replay.url, '/pictures/autumn.png');
      replay.server.route('GET', '/blog/autumn', () => ({
        body: page('<meta property="og:title" content="Autumn blend &amp; more"><meta property="og:description" content="Single origin, roasted this week."><meta property="og:image" content="/pictures/autumn.png">'),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      }));
      const link = `${replay.url}/blog/autumn`;
      const text = `Nouveau ☕ café: ${link} #brewly`;
      await blueskyPublisher.publish({ ...request(text, 'card-1'), uploads: memoryLedger() }, source(), new HttpClient());
      const [record] = replay.records.values() as unknown as { embed: unknown; facets: { index: { byteStart: number; byteEnd: number }; features: { uri?: string }[] }[] }[];
      const [cid] = replay.blobs.keys();
      expect(record!.embed).toEqual({
        $type: 'app.bsky.embed.external',
        external: { uri: link, title: 'Autumn blend & more', description: 'Single origin, roasted this week.', thumb: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size: TINY_PNG.byteLength } },
      });
      const facet = record!.facets.find((f) => f.features[0]!.uri === link)!;
      expect(Buffer.from(text).subarray(facet.index.byteStart, facet.index.byteEnd).toString()).toBe(link);
    });

    it('falls back to <title> without OpenGraph, posts without a card when the page cannot be read, and prefers pictures to a card', async () => {
      replay.server.route('GET', '/plain', () => ({ body: page('<meta name="description" content="Plain page">'), headers: { 'content-type': 'text/html' } }));
      await blueskyPublisher.publish(request(`See ${replay.url}/plain`, 'card-2'), source(), new HttpClient());
      expect([...replay.records.values()][0]!.embed).toEqual({ $type: 'app.bsky.embed.external', external: { uri: `${replay.url}/plain`, title: 'Fallback', description: 'Plain page' } });
      replay.records.clear();
      await blueskyPublisher.publish(request(`Gone ${replay.url}/missing`, 'card-3'), source(), new HttpClient());
      expect([...replay.records.values()][0]!.embed).toBeUndefined();
      replay.records.clear();
      const url = servePicture(replay.server, replay.url, '/pictures/cup.png');
      await blueskyPublisher.publish({ ...request(`Cup ${replay.url}/plain`, 'card-4'), pictures: [{ url, alt: 'A cup' }] }, source(), new HttpClient());
      expect([...replay.records.values()][0]!.embed).toMatchObject({ $type: 'app.bsky.embed.images' });
    });
  });
});
