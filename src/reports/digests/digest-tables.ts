/** Kysely types of scheduled report digests and their delivery log (part 6, Checklists). */
import type { Generated } from 'kysely';

export interface ReportDigestsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** daily | weekly | monthly | annual */
  kind: string;
  /** null: the workspace's first brand topic, as reports default. */
  topic_id: number | null;
  /** A five-field cron expression, read in `time_zone`. */
  cron: string;
  time_zone: string;
  /** JSON of DigestRecipient[]; sealed when it holds addresses or webhook URLs. */
  recipients: string;
  enabled: number;
  /** The next scheduled run (epoch ms); a runner claims it by moving it on. */
  next_run_at: number;
  created_at: number;
}

export interface ReportDigestDeliveriesTable {
  id: Generated<number>;
  workspace_id: number;
  digest_id: number;
  /** The local day the report was made for (its period holds that day). */
  report_date: string;
  /** Who it went to: `member:<id>`, `email:<address>` or `webhook:<host>`. */
  recipient: string;
  status: string;
  attempts: number;
  error: string | null;
  /** When a failed delivery is tried again (epoch ms); null once sent or given up. */
  retry_at: number | null;
  updated_at: number;
}

export interface DigestTables {
  report_digests: ReportDigestsTable;
  report_digest_deliveries: ReportDigestDeliveriesTable;
}
