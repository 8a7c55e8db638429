/**
 * What each kind of source takes, as data: its options and secrets as JSON Schema (the
 * input side of the connector's own zod schemas) and its default interval. The
 * dashboard builds its "add a source" form from this, so a new connector needs no
 * form code, and the CLI its `sources add` flags (src/cli/commands/source-flags.ts, which
 * reads the `flag` / `switchValue` metadata an option may carry); the server validates what
 * comes back with the same zod schemas.
 */
import { z } from 'zod';
import { NETWORKS, type Network } from './connectors/connector.ts';
import { connectors } from './connectors/registry.ts';
import { DEFAULT_INTERVAL_MS } from './sources.ts';

export interface SourceKind {
  network: Network;
  /** JSON Schema of the options (input side: before defaults and normalising). */
  options: Record<string, unknown>;
  /** JSON Schema of the secrets; `required` lists those the source cannot work without. */
  secrets: Record<string, unknown>;
  defaultIntervalMs: number;
}

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** One kind as data, from its connector's schemas. */
export function sourceKindOf(network: Network, configSchema: z.ZodType, secretsSchema: z.ZodType): SourceKind {
  return { network, options: jsonSchema(configSchema), secrets: jsonSchema(secretsSchema), defaultIntervalMs: DEFAULT_INTERVAL_MS[network] };
}

export function sourceKinds(): SourceKind[] {
  return NETWORKS.map((network) => sourceKindOf(network, connectors[network].configSchema, connectors[network].secretsSchema));
}
