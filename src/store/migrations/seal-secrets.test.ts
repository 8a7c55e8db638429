import { afterEach, expect, it, vi } from 'vitest';
import { createTopic } from '../../listen/topics.ts';
import { rotateCrmWebhookSecret, storedCrmWebhookSecret } from '../../roi/webhook.ts';
import { addAlertRule, listAlertRules } from '../../watch/alerts/rules.ts';
import { describeEachStore } from '../testing.ts';
import { workspaceId } from '../workspaces.ts';
import { watchSealAlertChannelsMigration } from './3007-watch-seal-alert-channels.ts';
import { roiSealCrmSecretMigration } from './4005-roi-seal-crm-secret.ts';

const HOOK = 'https://hooks.slack.example/services/T000/B000/very-secret-token';
afterEach(() => vi.unstubAllEnvs());

describeEachStore('secrets outside sources, sealed at rest', (open) => {
  it('stores the CRM webhook secret and alert webhook URLs sealed, and reads them back', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const secret = await rotateCrmWebhookSecret(store, ws);
    const topicId = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    await addAlertRule(store, ws, { name: 'spike', kind: 'negative-spike', topicId, channels: [{ type: 'webhook', url: HOOK }] });

    const stored = JSON.stringify([
      await store.db.selectFrom('roi_settings').selectAll().execute(),
      await store.db.selectFrom('watch_alert_rules').selectAll().execute(),
    ]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('very-secret-token');
    expect(await storedCrmWebhookSecret(store, ws)).toBe(secret);
    expect((await listAlertRules(store, ws))[0]!.channels).toEqual([{ type: 'webhook', url: HOOK }]);

    vi.stubEnv('MURMUR_SECRET_KEY', '');
    await expect(rotateCrmWebhookSecret(store, ws)).rejects.toThrow(/no encryption key for secrets: set MURMUR_SECRET_KEY/);
    await expect(addAlertRule(store, ws, { name: 'other', kind: 'negative-spike', topicId, channels: [{ type: 'webhook', url: HOOK }] })).rejects.toThrow(/MURMUR_SECRET_KEY/);
  });

  it('reads values stored in clear by an older version, and the migration seals them when the key is set', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topicId = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    const channels = JSON.stringify([{ type: 'webhook', url: HOOK }]);
    await store.db.insertInto('roi_settings').values({ workspace_id: ws, crm_webhook_secret: 'whsec_old_plaintext', updated_at: 1 }).execute();
    await store.db
      .insertInto('watch_alert_rules')
      .values({ workspace_id: ws, name: 'old', kind: 'negative-spike', topic_id: topicId, params: '{}', channels, enabled: 1, created_at: 1 })
      .execute();
    const read = async () => [await storedCrmWebhookSecret(store, ws), (await listAlertRules(store, ws))[0]!.channels[0]];
    const expected = ['whsec_old_plaintext', { type: 'webhook', url: HOOK }];
    expect(await read()).toEqual(expected);

    // Without the key the migration leaves them readable as they were.
    vi.stubEnv('MURMUR_SECRET_KEY', '');
    await roiSealCrmSecretMigration.up(store.db, store.driver.kind);
    await watchSealAlertChannelsMigration.up(store.db, store.driver.kind);
    vi.unstubAllEnvs();
    expect((await store.db.selectFrom('roi_settings').select('crm_webhook_secret').executeTakeFirstOrThrow()).crm_webhook_secret).toBe('whsec_old_plaintext');

    await roiSealCrmSecretMigration.up(store.db, store.driver.kind);
    await watchSealAlertChannelsMigration.up(store.db, store.driver.kind);
    const stored = JSON.stringify([
      await store.db.selectFrom('roi_settings').selectAll().execute(),
      await store.db.selectFrom('watch_alert_rules').selectAll().execute(),
    ]);
    expect(stored).not.toMatch(/whsec_old_plaintext|very-secret-token/);
    expect(await read()).toEqual(expected);
    // Run again, it changes nothing (sealed values are left alone).
    await roiSealCrmSecretMigration.up(store.db, store.driver.kind);
    expect(await read()).toEqual(expected);
  });
});
