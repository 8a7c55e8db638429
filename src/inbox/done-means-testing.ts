/**
 * Test support for the "Done means" walks of issue #18 (done-means.cli.test.ts, the API's
 * done-means.api.test.ts): a local replay of a Mastodon instance and a folder, for the
 * file; the clock held after the demo's sample stream (it is dated), so nothing reads the
 * real one; and the one post the instance must know to be answered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { accounts, status } from '../listen/connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../listen/connectors/mastodon/mastodon-replay.ts';

export const DONE_MEANS_MS = 300_000;
export const DONE_MEANS_NOW = Date.UTC(2026, 10, 20, 12);

/** What the walks read of an inbox item (CLI --json and API answers alike). */
export interface WalkedItem {
  mention: { id: number; text: string; externalId: string; publishedAt: string; topicIds: number[]; sentiment: { label: string } | null };
  priority: number;
}

export interface DoneMeansWorld {
  readonly mastodon: MastodonReplay;
  /** A new path in the file's folder. */
  path(name: string): string;
}

export function doneMeansWorld(prefix: string): DoneMeansWorld {
  let mastodon: MastodonReplay | undefined;
  let dir = '';
  beforeAll(async () => {
    mastodon = await MastodonReplay.start();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await mastodon?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: DONE_MEANS_NOW, shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return {
    get mastodon() {
      return mastodon!;
    },
    path: (name) => join(dir, `${name}-${Math.random().toString(36).slice(2)}`),
  };
}

/** The instance knows the mention's post, as the real one would after a resolving search. */
export function knownToInstance(mastodon: MastodonReplay, mention: { externalId: string; text: string }): void {
  mastodon.statuses = [{ ...status({ id: '113000', account: accounts.remote, content: `<p>${mention.text}</p>`, createdAt: '2026-10-01T10:00:00.000Z' }), uri: mention.externalId }];
}
