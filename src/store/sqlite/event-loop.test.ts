import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticateToken, createToken } from '../../accounts/tokens.ts';
import { setMember } from '../../accounts/members.ts';
import { createUser } from '../../accounts/users.ts';
import { openStore } from '../store.ts';
import { workspaceId } from '../workspaces.ts';
import { holdSqliteWriteLock, testStoreFactory } from '../testing.ts';
import type { SqliteDriver } from './sqlite-driver.ts';

describe('SQLite store and the event loop', () => {
  const factory = testStoreFactory('sqlite');
  afterAll(factory.cleanup);

  it('lets the event loop turn before each statement, so one request full of queries cannot hold it', async () => {
    const store = await factory.open();
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await sql`select 1`.execute(store.db);
    order.push('query');
    expect(order).toEqual(['other work', 'query']);
  });

  it('fails a write at once inside withoutLockWaits while another process holds the write lock, and restores the wait after', async () => {
    const location = await factory.location();
    const store = await openStore(location);
    try {
      const driver = store.driver as SqliteDriver;
      const busyTimeout = () => driver.database.pragma('busy_timeout', { simple: true });
      const release = holdSqliteWriteLock(location);
      try {
        const write = () => store.db.insertInto('workspaces').values({ slug: 'w2', name: 'W2', created_at: 0 }).execute();
        let inside = 0;
        let overlapping = 0;
        const first = driver.withoutLockWaits(async () => {
          inside = busyTimeout() as number;
          await driver.withoutLockWaits(async () => {
            await write().catch(() => undefined);
          });
          overlapping = busyTimeout() as number;
        });
        await first;
        expect(inside).toBeLessThan(100);
        expect(overlapping).toBeLessThan(100);
        await expect(driver.withoutLockWaits(write)).rejects.toThrow(/locked|busy/i);
        expect(busyTimeout()).toBe(10_000);
      } finally {
        release();
      }
      // The lock gone, the same write goes through.
      await store.db.insertInto('workspaces').values({ slug: 'w2', name: 'W2', created_at: 0 }).execute();
    } finally {
      await store.close();
    }
  });

  it('authenticates a token without waiting for another process\'s write lock: its last-used stamp is skipped, then taken once the lock is gone', async () => {
    const location = await factory.location();
    const store = await openStore(location);
    try {
      const ws = await workspaceId(store);
      const user = await createUser(store, { email: 'stamp@example.com' });
      await setMember(store, ws, user.id, 'editor');
      const { token, id } = await createToken(store, { userId: user.id, workspaceId: ws, name: 'ci', role: 'editor' });
      const lastUsed = async () => (await store.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
      const release = holdSqliteWriteLock(location);
      try {
        expect((await authenticateToken(store, token, 1_000_000))?.role).toBe('editor');
        expect(await lastUsed()).toBeNull();
      } finally {
        release();
      }
      await authenticateToken(store, token, 1_000_000);
      expect(await lastUsed()).toBe(1_000_000);
    } finally {
      await store.close();
    }
  });
});
