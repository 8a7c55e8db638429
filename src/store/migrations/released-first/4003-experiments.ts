import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

/** Part 4, Experiments: experiments, rate observations per arm, audience feedback. */
export const experimentsMigration: MurmurMigration = {
  name: '4003-experiments',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    const experiment = (c: ColumnDefinitionBuilder) => c.notNull().references('experiments.id').onDelete('cascade');

    await db.schema
      .createTable('experiments')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hypothesis', 'text', (c) => c.notNull())
      .addColumn('tactic', 'text', (c) => c.notNull())
      .addColumn('rides_on', 'text', (c) => c.notNull())
      .addColumn('campaign_id', bigint, (c) => c.references('campaigns.id').onDelete('set null'))
      .addColumn('start_at', bigint, (c) => c.notNull())
      .addColumn('end_at', bigint, (c) => c.notNull())
      .addColumn('budget_money', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('budget_hours', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('baseline', 'text', (c) => c.notNull())
      .addColumn('guardrails', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('alpha', 'real', (c) => c.notNull())
      .addColumn('planned_looks', 'integer', (c) => c.notNull())
      .addColumn('feedback_questions', 'text', (c) => c.notNull())
      .addColumn('feedback_token', 'text', (c) => c.notNull().unique())
      .addColumn('verdict', 'text')
      .addColumn('verdict_evidence', 'text')
      .addColumn('verdict_at', bigint)
      .addColumn('competitors_may_copy', 'text')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('experiments_workspace_name', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('experiment_observations')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('experiment_id', bigint, experiment)
      .addColumn('arm', 'text', (c) => c.notNull())
      .addColumn('observed_at', bigint, (c) => c.notNull())
      .addColumn('successes', bigint, (c) => c.notNull())
      .addColumn('trials', bigint, (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('experiment_feedback')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('experiment_id', bigint, experiment)
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
  },
};
