/**
 * The sources of a workspace: which network to read, with which options, how
 * often, and where the last poll left off. Secrets (tokens, app passwords, client
 * secrets) are sealed with AES-256-GCM before they reach the store and are never
 * returned by the listing functions: they show as `••••`.
 */
import { isIP } from 'node:net';
import type { Selectable } from 'kysely';
import { addressPolicyFromEnv, ALLOW_PRIVATE_HOSTS_ENV } from '../core/address-policy.ts';
import type { z } from 'zod';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import type { SourcesTable, SourceStatus } from './connectors/connector-tables.ts';
import { NETWORKS, type Connector, type JsonValue, type Network } from './connectors/connector.ts';
import { connectors } from './connectors/registry.ts';
import { MASK, openSecret, sealSecret, secretKeyFromEnv } from './connectors/secret-box.ts';
import { MurmurError } from '../core/errors.ts';

export type SourceRow = Selectable<SourcesTable>;

/** Polling intervals when the user gives none: what each network's rate limits comfortably allow. */
export const DEFAULT_INTERVAL_MS: Record<Network, number> = {
  mastodon: 5 * 60_000,
  bluesky: 5 * 60_000,
  reddit: 10 * 60_000,
  hackernews: 10 * 60_000,
  rss: 30 * 60_000,
  lemmy: 10 * 60_000,
  // A search costs 100 of the 10,000 quota units a day: 48 polls of one query and its comments fit.
  youtube: 30 * 60_000,
  // 1,000 calls an hour and 5,000 a day per API key.
  tumblr: 15 * 60_000,
  // Google News answers frequent polling with 429 "unusual traffic": its feeds change slowly anyway.
  googlenews: 60 * 60_000,
  // t.me states no limit for its web preview: a quarter of an hour is a polite reader's pace.
  telegram: 15 * 60_000,
  // Well within the keyword-search budget (threads-budget.ts caps each hour anyway).
  threads: 15 * 60_000,
};
export const MIN_INTERVAL_MS = 30_000;

export class SourceConfigError extends MurmurError {
  override name = 'SourceConfigError';
  constructor(message: string) {
    super('invalid_source', 400, message);
  }
}

export interface SourceInput {
  network: string;
  name?: string | null;
  /** The connector's options (validated against its schema). */
  config: Record<string, unknown>;
  /** Secret options; empty values are dropped. */
  secrets?: Record<string, string | undefined>;
  intervalMs?: number | null;
  enabled?: boolean;
}

export interface SourceView {
  id: number;
  workspaceId: number;
  network: Network;
  name: string;
  /** One line saying what it reads, e.g. `#brand @ mastodon.social`. */
  description: string;
  config: Record<string, unknown>;
  /** Names of the stored secrets, each shown as `••••`. */
  secrets: Record<string, typeof MASK>;
  intervalMs: number;
  enabled: boolean;
  status: SourceStatus;
  consecutiveFailures: number;
  lastError: string | null;
  lastPolledAt: Date | null;
  lastSuccessAt: Date | null;
  nextPollAt: Date;
  lastResult: Record<string, unknown> | null;
}

export function isNetwork(value: string): value is Network {
  return (NETWORKS as readonly string[]).includes(value);
}

function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new SourceConfigError(`${what}: ${problems.join('; ')}`);
}

/**
 * Refuses at once an option URL whose host is a refused IP literal (in any spelling the
 * URL parser normalises, e.g. http://2130706433/): the user hears it now, not in
 * `lastError`. Names are checked when a poll connects (src/core/guarded-fetch.ts).
 */
function checkAddresses(config: Record<string, unknown>, what: string): void {
  const policy = addressPolicyFromEnv();
  for (const [field, value] of Object.entries(config)) {
    for (const [i, item] of (Array.isArray(value) ? value.map((v, i) => [i, v] as const) : [[null, value] as const])) {
      if (typeof item !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\//i.test(item)) continue;
      let host: string;
      try {
        host = new URL(item).hostname.replace(/^\[|\]$/g, '');
      } catch {
        continue; // the connector's schema says what is wrong with it
      }
      if (isIP(host) && !policy.permits(host)) {
        throw new SourceConfigError(`${what}: ${field}${i === null ? '' : `.${i}`}: ${host} is a private, loopback or link-local address (${ALLOW_PRIVATE_HOSTS_ENV} lists the ones allowed)`);
      }
    }
  }
}

/** The secrets envelope is bound to the network, so a blob moved to another source will not open. */
const secretAad = (network: string) => `murmur-source:${network}`;

export function sealSecrets(network: string, secrets: Record<string, string>, key: Buffer = secretKeyFromEnv()): string | null {
  if (Object.keys(secrets).length === 0) return null;
  return sealSecret(JSON.stringify(secrets), key, secretAad(network));
}

export function openSecrets(row: Pick<SourceRow, 'network' | 'secrets'>, key?: Buffer): Record<string, string> {
  if (!row.secrets) return {};
  return JSON.parse(openSecret(row.secrets, key ?? secretKeyFromEnv(), secretAad(row.network))) as Record<string, string>;
}

/** Secret names only: which ones are stored, never their values. Read from the column without decrypting. */
function maskedSecrets(row: SourceRow): Record<string, typeof MASK> {
  if (!row.secrets) return {};
  const names = (JSON.parse(row.config) as { $secrets?: string[] }).$secrets ?? [];
  return Object.fromEntries(names.map((n) => [n, MASK]));
}

export function toSourceView(row: SourceRow): SourceView {
  const network = row.network as Network;
  const { $secrets: _names, ...config } = JSON.parse(row.config) as Record<string, unknown>;
  let description = row.network;
  try {
    description = connectors[network].describe(connectors[network].configSchema.parse(config));
  } catch {
    // an old or hand-edited config: still list the source
  }
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    network,
    name: row.name,
    description,
    config,
    secrets: maskedSecrets(row),
    intervalMs: row.interval_ms,
    enabled: row.enabled === 1,
    status: row.status,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastPolledAt: row.last_polled_at == null ? null : new Date(row.last_polled_at),
    lastSuccessAt: row.last_success_at == null ? null : new Date(row.last_success_at),
    nextPollAt: new Date(row.next_poll_at),
    lastResult: row.last_result ? (JSON.parse(row.last_result) as Record<string, unknown>) : null,
  };
}

async function uniqueName(store: Store, workspaceId: number, wanted: string): Promise<string> {
  const taken = new Set(
    (await store.db.selectFrom('sources').select('name').where('workspace_id', '=', workspaceId).execute()).map((r) => r.name),
  );
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

export interface SecretOptions {
  /** The AES key; defaults to MURMUR_SECRET_KEY. */
  key?: Buffer;
  now?: () => number;
}

/**
 * Validates and stores a source. Refuses secrets when no key is configured
 * (SecretKeyError, saying how to make one) rather than storing them in clear.
 */
export async function addSource(store: Store, workspaceId: number, input: SourceInput, options: SecretOptions = {}): Promise<SourceView> {
  if (!isNetwork(input.network)) throw new SourceConfigError(`unknown network "${input.network}" (one of: ${NETWORKS.join(', ')})`);
  const connector = connectors[input.network];
  const config = validate(connector.configSchema, input.config, `${input.network} source`) as Record<string, unknown>;
  checkAddresses(config, `${input.network} source`);
  const secretValues = Object.fromEntries(Object.entries(input.secrets ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  validate(connector.secretsSchema, secretValues, `${input.network} source secrets`);
  const intervalMs = input.intervalMs ?? DEFAULT_INTERVAL_MS[input.network];
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS) throw new SourceConfigError(`interval must be at least ${MIN_INTERVAL_MS / 1000}s`);
  const sealed = Object.keys(secretValues).length > 0 ? sealSecrets(input.network, secretValues, options.key ?? secretKeyFromEnv()) : null;
  const now = (options.now ?? Date.now)();
  const name = input.name?.trim() || (await uniqueName(store, workspaceId, `${input.network}: ${connector.describe(config)}`.slice(0, 120)));
  const storedConfig = { ...config, ...(sealed ? { $secrets: Object.keys(secretValues).sort() } : {}) };
  try {
    const row = await store.db
      .insertInto('sources')
      .values({
        workspace_id: workspaceId,
        network: input.network,
        name,
        config: JSON.stringify(storedConfig),
        secrets: sealed,
        interval_ms: intervalMs,
        enabled: input.enabled === false ? 0 : 1,
        cursor: null,
        status: 'new',
        consecutive_failures: 0,
        last_error: null,
        last_polled_at: null,
        last_success_at: null,
        next_poll_at: now,
        lease_until: null,
        last_result: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSourceView(row);
  } catch (error) {
    if (/unique|duplicate/i.test((error as Error).message)) throw new SourceConfigError(`a source named "${name}" already exists in this workspace`);
    throw error;
  }
}

export async function listSources(store: Store, workspaceId: number): Promise<SourceView[]> {
  const rows = await store.db.selectFrom('sources').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(toSourceView);
}

export async function getSourceRow(store: Store, sourceId: number): Promise<SourceRow> {
  const row = await store.db.selectFrom('sources').selectAll().where('id', '=', sourceId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no source with id ${sourceId}`);
  return row;
}

export async function getSource(store: Store, workspaceId: number, sourceId: number): Promise<SourceView> {
  const row = await getSourceRow(store, sourceId);
  if (row.workspace_id !== workspaceId) throw new NotFoundError(`no source with id ${sourceId} in this workspace`);
  return toSourceView(row);
}

/** Removes a source; its mentions stay (they are the workspace's history), its hashtag volumes go. */
export async function removeSource(store: Store, workspaceId: number, sourceId: number): Promise<boolean> {
  const result = await store.db.deleteFrom('sources').where('id', '=', sourceId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setSourceEnabled(store: Store, workspaceId: number, sourceId: number, enabled: boolean, now = Date.now()): Promise<SourceView> {
  await store.db
    .updateTable('sources')
    .set({ enabled: enabled ? 1 : 0, next_poll_at: now, updated_at: now })
    .where('id', '=', sourceId)
    .where('workspace_id', '=', workspaceId)
    .execute();
  return getSource(store, workspaceId, sourceId);
}

/** What an edit may change; absent fields keep their value. Secrets given replace those of the same name. */
export interface SourcePatch {
  name?: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string | undefined>;
  intervalMs?: number;
  enabled?: boolean;
}

/**
 * Edits a source, validating as addSource does. A change of what it reads (options or
 * secrets) starts it afresh: the cursor of the old query means nothing for the new one,
 * and the failures of the old settings are forgotten.
 */
export async function updateSource(store: Store, workspaceId: number, sourceId: number, patch: SourcePatch, options: SecretOptions = {}): Promise<SourceView> {
  const row = await getSourceRow(store, sourceId);
  if (row.workspace_id !== workspaceId) throw new NotFoundError(`no source with id ${sourceId} in this workspace`);
  const network = row.network as Network;
  const connector = connectors[network];
  const { $secrets: storedNames, ...storedConfig } = JSON.parse(row.config) as Record<string, unknown> & { $secrets?: string[] };
  const config = patch.config ? (validate(connector.configSchema, patch.config, `${network} source`) as Record<string, unknown>) : storedConfig;
  if (patch.config) checkAddresses(config, `${network} source`);
  const newSecrets = Object.fromEntries(Object.entries(patch.secrets ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  let sealed = row.secrets;
  let secretNames = storedNames ?? [];
  if (Object.keys(newSecrets).length > 0) {
    const key = options.key ?? secretKeyFromEnv();
    const secrets = { ...openSecrets(row, key), ...newSecrets };
    validate(connector.secretsSchema, secrets, `${network} source secrets`);
    sealed = sealSecrets(network, secrets, key);
    secretNames = Object.keys(secrets).sort();
  }
  const intervalMs = patch.intervalMs ?? row.interval_ms;
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS) throw new SourceConfigError(`interval must be at least ${MIN_INTERVAL_MS / 1000}s`);
  const name = patch.name === undefined ? row.name : patch.name.trim();
  if (!name) throw new SourceConfigError('a source needs a name');
  const storedNext = JSON.stringify({ ...config, ...(sealed ? { $secrets: secretNames } : {}) });
  const readsAnew = storedNext !== row.config || sealed !== row.secrets;
  const now = (options.now ?? Date.now)();
  try {
    await store.db
      .updateTable('sources')
      .set({
        name,
        config: storedNext,
        secrets: sealed,
        interval_ms: intervalMs,
        ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
        ...(readsAnew ? { cursor: null, status: 'new' as const, consecutive_failures: 0, last_error: null } : {}),
        ...(readsAnew || patch.enabled !== undefined || intervalMs !== row.interval_ms ? { next_poll_at: now } : {}),
        updated_at: now,
      })
      .where('id', '=', sourceId)
      .where('workspace_id', '=', workspaceId)
      .execute();
  } catch (error) {
    if (/unique|duplicate/i.test((error as Error).message)) throw new SourceConfigError(`a source named "${name}" already exists in this workspace`);
    throw error;
  }
  return getSource(store, workspaceId, sourceId);
}

export interface SourceHealth {
  id: number;
  name: string;
  network: Network;
  status: SourceStatus;
  healthy: boolean;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: Date | null;
  nextPollAt: Date;
}

/** Health of every source of a workspace, for the API and the dashboard. */
export async function sourceHealth(store: Store, workspaceId: number): Promise<SourceHealth[]> {
  return (await listSources(store, workspaceId)).map((s) => ({
    id: s.id,
    name: s.name,
    network: s.network,
    status: s.status,
    healthy: s.status !== 'unhealthy',
    consecutiveFailures: s.consecutiveFailures,
    lastError: s.lastError,
    lastSuccessAt: s.lastSuccessAt,
    nextPollAt: s.nextPollAt,
  }));
}

export interface SourceSettings {
  connector: Connector<unknown, unknown>;
  config: unknown;
  secrets: unknown;
}

/**
 * A stored source's connector with its options and (decrypted) secrets, validated
 * again: options stored by an older version, or edited by hand, fail with what is
 * wrong — never with the secret values.
 */
export function sourceSettings(row: SourceRow, key?: Buffer): SourceSettings {
  const network = row.network as Network;
  const connector = connectors[network];
  if (!connector) throw new SourceConfigError(`source ${row.id} has an unknown network "${row.network}"`);
  const { $secrets: _names, ...rawConfig } = JSON.parse(row.config) as Record<string, unknown>;
  const config = validate(connector.configSchema, rawConfig, `source ${row.id}: its stored options are invalid`);
  const secrets = validate(connector.secretsSchema, openSecrets(row, key), `source ${row.id}: its stored secrets are invalid`);
  return { connector, config, secrets };
}

/** Parses the stored cursor; a corrupt one restarts the walk rather than failing every poll. */
export function cursorOf(row: Pick<SourceRow, 'cursor'>): JsonValue | null {
  if (!row.cursor) return null;
  try {
    return JSON.parse(row.cursor) as JsonValue;
  } catch {
    return null;
  }
}
