import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';

describeEachStore('plan tables', (open) => {
  it('stores a calendar item with the publisher columns and their defaults', async () => {
    const store = await open();
    const now = Date.now();
    const row = await store.db
      .insertInto('calendar_items')
      .values({
        workspace_id: 1,
        plan_id: null,
        channel: 'mastodon',
        title: 'Launch post',
        body: 'We are live',
        owner: 'ana',
        scheduled_at: now,
        status: 'scheduled',
        source_id: null,
        published_url: null,
        publish_error: null,
        idempotency_key: 'k1',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(row.publish_attempts).toBe(0);
    expect(Number(row.scheduled_at)).toBe(now);
    await expect(
      store.db
        .insertInto('calendar_items')
        .values({ ...row, id: undefined, idempotency_key: 'k2', status: 'nonsense' as 'idea' })
        .execute(),
    ).rejects.toThrow();
  });
});
