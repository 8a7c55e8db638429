/**
 * The connector flags of `murmur sources add`, derived from each kind's option and secret
 * schemas (`sourceKinds()`, src/listen/source-kinds.ts: the JSON Schema `GET /sources/kinds`
 * serves), as the dashboard's AddSource form is: a new option of a connector is a new flag
 * with its help, and nothing here names a network.
 *
 * Spelling: an option's name in kebab case (`apiBase` → `--api-base`), singular for a list
 * (repeatable: `tags` → `--tag`, `queries` → `--query`); a boolean is a switch (`--stream`,
 * or `--no-comments` when it defaults to on). An option may say otherwise in its schema's
 * metadata: `flag` (`lookbackHours` → `--lookback`), and `switchValue` for an enum that a
 * switch sets (Lemmy's `--local` is `listingType: 'Local'`). Secrets take the value itself
 * or `env:NAME`. A flag given to a kind without that option is refused, naming it.
 */
import type { Command } from 'commander';
import type { SourceKind } from '../../listen/source-kinds.ts';
import { UsageError } from '../context.ts';

/** What a property of a kind's JSON Schema says about its flag. */
interface PropertySchema {
  type?: string | string[];
  enum?: string[];
  anyOf?: PropertySchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  /** The flag's name (kebab case, no dashes) when the property's own name does not read well as one. */
  flag?: string;
  /** For an enum: the flag is a switch that sets this value. */
  switchValue?: string;
}

type Shape = 'switch' | 'off-switch' | 'value' | 'list';

/** One kind's use of a flag: which option it fills and how. */
interface FlagUse {
  network: string;
  property: string;
  secret: boolean;
  shape: Shape;
  numeric: boolean;
  required: boolean;
  schema: PropertySchema;
}

export interface SourceFlag {
  /** Kebab case, without dashes. */
  name: string;
  uses: FlagUse[];
}

/** Flags of `sources add` that are not options of a kind. */
const GENERIC = new Set(['name', 'interval', 'disabled', 'json']);

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The non-null part of a nullable property. */
function inner(schema: PropertySchema): PropertySchema {
  return schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
}

function typesOf(schema: PropertySchema): string[] {
  const field = inner(schema);
  return (Array.isArray(field.type) ? field.type : [field.type]).filter((t): t is string => t !== undefined && t !== 'null');
}

function useOf(network: string, property: string, schema: PropertySchema, secret: boolean, required: boolean): { name: string; use: FlagUse } {
  const types = typesOf(schema);
  const list = types.includes('array');
  const shape: Shape = schema.switchValue !== undefined ? 'switch' : types.includes('boolean') ? (schema.default === true ? 'off-switch' : 'switch') : list ? 'list' : 'value';
  const name = schema.flag ?? kebab(list ? singular(property) : property);
  return { name, use: { network, property, secret, shape, numeric: types.includes('number') || types.includes('integer'), required, schema } };
}

/** Every connector flag, with the kinds that take it, in the order the kinds list them. */
export function sourceFlags(kinds: SourceKind[]): SourceFlag[] {
  const flags = new Map<string, SourceFlag>();
  for (const kind of kinds) {
    for (const [side, secret] of [[kind.options, false], [kind.secrets, true]] as const) {
      const required = new Set((side.required as string[] | undefined) ?? []);
      for (const [property, schema] of Object.entries((side.properties ?? {}) as Record<string, PropertySchema>)) {
        const { name, use } = useOf(kind.network, property, schema, secret, required.has(property));
        if (GENERIC.has(name)) throw new Error(`${kind.network} option ${property} would be spelled --${name}, a flag of every source: give it another flag in its schema`);
        const flag = flags.get(name) ?? { name, uses: [] };
        const switches = (u: FlagUse) => u.shape === 'switch' || u.shape === 'off-switch';
        if (flag.uses.some((u) => switches(u) !== switches(use))) throw new Error(`--${name} is a switch for some kinds and takes a value for others (${kind.network} ${property})`);
        flag.uses.push(use);
        flags.set(name, flag);
      }
    }
  }
  return [...flags.values()];
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The help of one kind's use: its description, then what it accepts. */
function useHelp(use: FlagUse): string {
  const schema = inner(use.schema);
  const notes = [
    use.required ? 'required' : null,
    use.shape === 'list' ? 'repeatable' : null,
    use.secret ? 'or env:NAME' : null,
    schema.enum && use.schema.switchValue === undefined ? schema.enum.join('|') : null,
    schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? `${schema.minimum}–${schema.maximum}` : null,
    use.shape !== 'switch' && use.shape !== 'off-switch' && use.schema.default !== undefined && use.schema.default !== null && !(Array.isArray(use.schema.default) && use.schema.default.length === 0)
      ? `default ${String(use.schema.default)}`
      : null,
  ].filter((n): n is string => n !== null);
  const description = `${use.shape === 'off-switch' ? 'skip ' : ''}${use.schema.description ?? use.property}`;
  return notes.length ? `${description} (${notes.join(', ')})` : description;
}

/** One line of help: the kinds that share a help together (`mastodon, lemmy: the instance`). */
function flagHelp(flag: SourceFlag): string {
  const byHelp = new Map<string, string[]>();
  for (const use of flag.uses) byHelp.set(useHelp(use), [...(byHelp.get(useHelp(use)) ?? []), use.network]);
  return [...byHelp].map(([help, networks]) => `${networks.join(', ')}: ${help}`).join('; ');
}

/** Adds every connector flag to `sources add`, and after its help, each kind's flags. */
export function addSourceFlags(command: Command, kinds: SourceKind[]): Command {
  for (const flag of sourceFlags(kinds)) {
    const shapes = new Set(flag.uses.map((u) => u.shape));
    const placeholder = flag.uses.some((u) => u.numeric) ? '<n>' : `<${flag.name.split('-').at(-1)}>`;
    if (shapes.has('switch')) command.option(`--${flag.name}`, flagHelp(flag));
    if (shapes.has('off-switch')) command.option(`--no-${flag.name}`, shapes.has('switch') ? `turn off --${flag.name}` : flagHelp(flag));
    // Values are collected: a flag may be a list for one kind and one value for another.
    if (shapes.has('list') || shapes.has('value')) command.option(`--${flag.name} ${placeholder}`, flagHelp(flag), collect);
  }
  return command.addHelpText('after', `\nOptions of each kind:\n${kindsHelp(kinds)}`);
}

/** `mastodon: --instance (required), --tag…, …` for every kind. */
export function kindsHelp(kinds: SourceKind[]): string {
  const flags = sourceFlags(kinds);
  return kinds
    .map((kind) => {
      const own = flags.flatMap((flag) =>
        flag.uses
          .filter((u) => u.network === kind.network)
          .map((u) => `${u.shape === 'off-switch' ? '--no-' : '--'}${flag.name}${u.shape === 'list' ? '…' : ''}${u.required ? ' (required)' : ''}`),
      );
      return `  ${kind.network}: ${own.join(', ')}`;
    })
    .join('\n');
}

export function secretValue(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const name = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value)?.[1];
  if (!name) return value;
  const fromEnv = process.env[name];
  if (!fromEnv) throw new UsageError(`${flag} env:${name}: the environment variable ${name} is not set`);
  return fromEnv;
}

function valueOf(use: FlagUse, flag: string, raw: string): unknown {
  if (use.secret) return secretValue(raw, flag);
  if (!use.numeric) return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got "${raw}"`);
  return n;
}

/**
 * The flags given on the command line → (config, secrets) in the connector's own option
 * names, for the connector's schema to check. Only flags the user typed count (commander's
 * value source), so a default never looks like a choice.
 */
export function configFromFlags(kinds: SourceKind[], network: string, command: Command): { config: Record<string, unknown>; secrets: Record<string, string | undefined> } {
  const values = command.opts<Record<string, unknown>>();
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string | undefined> = {};
  const wrong: string[] = [];
  for (const flag of sourceFlags(kinds)) {
    const key = camel(flag.name);
    if (command.getOptionValueSource(key) !== 'cli') continue;
    const value = values[key];
    const use = flag.uses.find((u) => u.network === network);
    const typed = value === false && flag.uses.some((u) => u.shape === 'off-switch') ? `--no-${flag.name}` : `--${flag.name}`;
    if (!use) {
      wrong.push(typed);
      continue;
    }
    let filled: unknown;
    if (use.shape === 'switch' || use.shape === 'off-switch') filled = value === false ? (use.schema.switchValue !== undefined ? inner(use.schema).default : false) : (use.schema.switchValue ?? true);
    else {
      const given = value as string[];
      if (use.shape === 'value' && given.length > 1) throw new UsageError(`${network} takes one --${flag.name}, got ${given.length}`);
      const parsed = given.map((raw) => valueOf(use, `--${flag.name}`, raw));
      filled = use.shape === 'list' ? parsed : parsed[0];
    }
    if (use.secret) secrets[use.property] = filled as string;
    else config[use.property] = filled;
  }
  if (wrong.length > 0) throw new UsageError(`${wrong.join(', ')} ${wrong.length > 1 ? 'do' : 'does'} not apply to ${network} sources`);
  return { config, secrets };
}
