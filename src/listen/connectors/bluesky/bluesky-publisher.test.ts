import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http.ts';
import { PermanentPublishError } from '../publisher.ts';
import { blueskyPublisher, deterministicTid, facetsOf } from './bluesky-publisher.ts';
import { BlueskyReplay } from './bluesky-replay.ts';
import { forgetBlueskySessions } from './bluesky-session.ts';

let replay: BlueskyReplay;
beforeAll(async () => {
  replay = await BlueskyReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.records.clear();
  forgetBlueskySessions();
});

const source = () => ({ config: { service: replay.url, identifier: 'alice.bsky.social' }, secrets: { appPassword: replay.appPassword } });
const request = (text: string, key = 'item-42') => ({ text, idempotencyKey: key, scheduledAt: new Date('2026-11-23T09:00:00Z') });

describe('bluesky publisher', () => {
  it('creates one app.bsky.feed.post record and never a second one for the same key', async () => {
    const first = await blueskyPublisher.publish(request('New #brewly menu ☕ https://brewly.example/menu'), source(), new HttpClient());
    expect(first.url).toMatch(/^https:\/\/bsky\.app\/profile\/alice\.bsky\.social\/post\/[2-7a-z]{13}$/);
    const again = await blueskyPublisher.publish(request('New #brewly menu ☕ https://brewly.example/menu'), source(), new HttpClient());
    expect(again).toEqual(first);
    expect(replay.records.size).toBe(1);
    const [record] = replay.records.values();
    expect(record).toMatchObject({ $type: 'app.bsky.feed.post', text: 'New #brewly menu ☕ https://brewly.example/menu' });
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
});
