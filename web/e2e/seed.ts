/**
 * A demo-sized store for the browser tests, made the way a user makes one: `murmur demo`
 * (the bundled sample stream through the real ingest pipeline), then `murmur users add`
 * for the account the browser signs in with.
 */
import { spawnSync } from 'node:child_process';
import { groundTruth } from '../../src/demo/ground-truth.ts';
import { generateSampleStream } from '../../src/demo/sample-stream.ts';
import { addDays } from '../../src/watch/time.ts';
import { MURMUR, REPO } from './harness.ts';
import { copyOfRunStore } from '../../scripts/test/run-cache.ts';

export const DEMO_SOURCE = 'Brewly blog';

export const DEMO_USER = { email: 'e2e@example.com', password: 'e2e-password-long-enough', name: 'E2E Owner' };

export function murmur(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, [...MURMUR, ...args], { cwd: REPO, encoding: 'utf8', input });
  if (result.status !== 0) throw new Error(`murmur ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export interface DemoFacts {
  /** Local date (UTC) of the sample stream's crisis, and the author behind it. */
  crisisDate: string;
  crisisAuthor: string;
  firstDate: string;
  lastDate: string;
}

/** Makes the account the browser signs in with (or resets its role and password). */
export function addDemoUser(db: string): void {
  murmur(['--db', db, 'users', 'add', DEMO_USER.email, '--role', 'owner', '--name', DEMO_USER.name, '--password-stdin'], `${DEMO_USER.password}\n`);
}

/** A Mastodon account to reply with, on a local replay of the instance (paused: it polls nothing). */
export function addMastodonSource(db: string, instance: string): void {
  murmur(['--db', db, 'sources', 'add', 'mastodon', '--instance', instance, '--tag', 'brewly', '--token', 'mastodon-token-1', '--disabled']);
}

export function createDemoStore(db: string, scale: number): DemoFacts {
  copyOfRunStore(`demo-${scale}.db`, db, (at) => {
    murmur(['--db', at, 'demo', '--scale', String(scale), '--json']);
    addDemoUser(at);
    // A connector for Settings to edit; paused, and pointed at a closed local port, so the
    // server's scheduler reads nothing from the network.
    murmur(['--db', at, 'sources', 'add', 'rss', '--name', DEMO_SOURCE, '--url', 'http://127.0.0.1:9/brewly.xml', '--disabled']);
  });
  // The stream is deterministic: its ground truth says where the crisis is without reading the store.
  const truth = generateSampleStream({ scale, withLabels: false }).groundTruth;
  return {
    crisisDate: truth.crisis.date,
    crisisAuthor: groundTruth.crisis.author,
    firstDate: truth.start,
    lastDate: addDays(truth.start, truth.days - 1),
  };
}
