import type { Kysely } from 'kysely';
import { crmSecretAad } from '../../listen/connectors/secret-box.ts';
import type { MurmurMigration } from './migration.ts';
import { sealPlaintextColumn } from './seal-plaintext.ts';

/** Part 5, ROI: the CRM webhook's HMAC secret sealed at rest. */
export const roiSealCrmSecretMigration: MurmurMigration = {
  name: '4005-roi-seal-crm-secret',
  async up(db: Kysely<any>) {
    await sealPlaintextColumn(db, { table: 'roi_settings', key: 'workspace_id', column: 'crm_webhook_secret', aad: (row) => crmSecretAad(Number(row.workspace_id)) });
  },
};
