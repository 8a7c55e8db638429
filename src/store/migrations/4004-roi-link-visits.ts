import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Part 5, ROI: who clicked a short link lately, as a salted hash of address and user
 * agent, so one visitor counts once per link per window (src/roi/links.ts).
 */
export const roiLinkVisitsMigration: MurmurMigration = {
  name: '4004-roi-link-visits',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('link_visits')
      .addColumn('link_id', bigint, (c) => c.notNull().references('utm_links.id').onDelete('cascade'))
      .addColumn('visitor', 'text', (c) => c.notNull())
      .addColumn('counted_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('link_visits_pk', ['link_id', 'visitor'])
      .execute();
  },
};
