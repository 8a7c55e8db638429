import { coreMigration } from './0001-core.ts';
import { planMigration } from './4001-plan.ts';
import type { MurmurMigration } from './migration.ts';

/** Every migration, in order. Add a part's migrations here. */
export const migrations: MurmurMigration[] = [coreMigration, planMigration];
