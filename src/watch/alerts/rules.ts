/**
 * Alert rules: what to watch (a negative spike, a volume spike or drop on a topic, a
 * high-reach negative post) and where to send it (Slack-compatible webhook, email).
 */
import { z } from 'zod';
import { alertChannelsAad, openStoredSecret, sealSecret, secretKeyFromEnv } from '../../listen/connectors/secret-box.ts';
import type { Store } from '../../store/store.ts';
import { MurmurError } from '../../core/errors.ts';
import type { AlertKind } from './kinds.ts';

// In their own module so that the dashboard can import the list without this one's store code.
export { ALERT_KINDS, type AlertKind } from './kinds.ts';

// The rule's zod contract in its own module, so the dashboard checks its forms with it.
export { ruleInputSchema, type AlertChannel, type AlertRuleInput } from './rule-schema.ts';
import { channelSchema, paramsSchema, ruleInputSchema, type AlertChannel, type AlertParams, type AlertRuleInput } from './rule-schema.ts';

export interface AlertRule {
  id: number;
  workspaceId: number;
  name: string;
  kind: AlertKind;
  topicId: number;
  params: AlertParams;
  channels: AlertChannel[];
  enabled: boolean;
  createdAt: number;
}

export class AlertRuleError extends MurmurError {
  override name = 'AlertRuleError';
  constructor(message: string) {
    super('invalid_alert_rule', 400, message);
  }
}

function parseRule(input: unknown): z.infer<typeof ruleInputSchema> {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AlertRuleError(`invalid alert rule: ${issue.path.join('.') || 'rule'}: ${issue.message}`);
  }
  return parsed.data;
}

type Row = { id: number; workspace_id: number; name: string; kind: string; topic_id: number | null; params: string; channels: string; enabled: number; created_at: number };

function fromRow(row: Row): AlertRule {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    kind: row.kind as AlertKind,
    topicId: Number(row.topic_id),
    params: paramsSchema.parse(JSON.parse(row.params)),
    channels: z.array(channelSchema).parse(JSON.parse(openStoredSecret(row.channels, alertChannelsAad(Number(row.workspace_id))))),
    enabled: row.enabled === 1,
    createdAt: Number(row.created_at),
  };
}

/**
 * Webhook URLs carry tokens and addresses are personal: channels are sealed. Dashboard-only
 * channels hold nothing secret and are stored as they are, so they need no key (the demo).
 */
function storedChannels(channels: AlertChannel[], workspaceId: number): string {
  const json = JSON.stringify(channels);
  return channels.every((c) => c.type === 'dashboard') ? json : sealSecret(json, secretKeyFromEnv(), alertChannelsAad(workspaceId));
}

/** Parses a rule and checks it against the workspace: its topic exists, no other rule has its name. */
async function checkedRule(store: Store, workspaceId: number, input: AlertRuleInput, self?: number) {
  const rule = parseRule(input);
  const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', workspaceId).where('id', '=', rule.topicId).executeTakeFirst();
  if (!topic) throw new AlertRuleError(`invalid alert rule: no topic with id ${rule.topicId} in this workspace`);
  const exists = await store.db.selectFrom('watch_alert_rules').select('id').where('workspace_id', '=', workspaceId).where('name', '=', rule.name).executeTakeFirst();
  if (exists && exists.id !== self) throw new AlertRuleError(`an alert rule named "${rule.name}" already exists`);
  return rule;
}

/** The stored columns of a checked rule, channels sealed. */
function ruleColumns(rule: z.infer<typeof ruleInputSchema>, workspaceId: number) {
  return {
    name: rule.name,
    kind: rule.kind,
    topic_id: rule.topicId,
    params: JSON.stringify(paramsSchema.parse(rule.params)),
    channels: storedChannels(rule.channels, workspaceId),
    enabled: rule.enabled ? 1 : 0,
  };
}

export async function addAlertRule(store: Store, workspaceId: number, input: AlertRuleInput): Promise<AlertRule> {
  const rule = await checkedRule(store, workspaceId, input);
  const row = await store.db
    .insertInto('watch_alert_rules')
    .values({
      workspace_id: workspaceId,
      ...ruleColumns(rule, workspaceId),
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

export async function listAlertRules(store: Store, workspaceId: number): Promise<AlertRule[]> {
  const rows = await store.db.selectFrom('watch_alert_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(fromRow);
}

/** Replaces what rule `id` watches and where it sends (the same checks as a new rule); null when the workspace has no rule `id`. */
export async function updateAlertRule(store: Store, workspaceId: number, id: number, input: AlertRuleInput): Promise<AlertRule | null> {
  const rule = await checkedRule(store, workspaceId, input, id);
  const row = await store.db
    .updateTable('watch_alert_rules')
    .set(ruleColumns(rule, workspaceId))
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Switches a rule on or off (a rule that is off is not evaluated); null when the workspace has no rule `id`. */
export async function setAlertRuleEnabled(store: Store, workspaceId: number, id: number, enabled: boolean): Promise<AlertRule | null> {
  const row = await store.db
    .updateTable('watch_alert_rules')
    .set({ enabled: enabled ? 1 : 0 })
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function removeAlertRule(store: Store, workspaceId: number, idOrName: number | string): Promise<AlertRule> {
  const rules = await listAlertRules(store, workspaceId);
  const rule = rules.find((r) => r.id === Number(idOrName) || r.name === String(idOrName));
  if (!rule) throw new AlertRuleError(`no alert rule "${idOrName}"`);
  await store.db.deleteFrom('watch_alert_rules').where('id', '=', rule.id).execute();
  return rule;
}
