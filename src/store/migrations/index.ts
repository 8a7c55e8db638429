import { coreMigration } from './0001-core.ts';
import type { MurmurMigration } from './migration.ts';

/** Every migration, in order. Add a part's migrations here. */
export const migrations: MurmurMigration[] = [coreMigration];
