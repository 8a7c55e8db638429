import type { Kysely } from 'kysely';
import { alertChannelsAad } from '../../listen/connectors/secret-box.ts';
import type { MurmurMigration } from './migration.ts';
import { sealPlaintextColumn } from './seal-plaintext.ts';

/** Part 2, Watch: alert channels (webhook URLs carry their token in the path) sealed at rest. */
export const watchSealAlertChannelsMigration: MurmurMigration = {
  name: '3007-watch-seal-alert-channels',
  async up(db: Kysely<any>) {
    await sealPlaintextColumn(db, { table: 'watch_alert_rules', key: 'id', column: 'channels', aad: (row) => alertChannelsAad(Number(row.workspace_id)) });
  },
};
