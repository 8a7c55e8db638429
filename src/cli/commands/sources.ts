/**
 * `murmur sources add|list|enable|disable|remove|run|publish`: the connectors that fill the store.
 * Secret flags take the value itself or `env:NAME` to read it from the environment
 * (keeps tokens out of shell history); they are stored encrypted and never printed.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { NETWORKS } from '../../listen/connectors/connector.ts';
import { sourceKinds, type SourceKind } from '../../listen/source-kinds.ts';
import { SecretKeyError } from '../../listen/connectors/secret-box.ts';
import { publishDueItems, type PublishOutcome } from '../../listen/scheduler/publish-due.ts';
import { runSourceOnce, type PollSummary } from '../../listen/scheduler/run-source.ts';
import { startScheduler } from '../../listen/scheduler/scheduler.ts';
import { addSource, isNetwork, listSources, removeSource, setSourceEnabled, SourceConfigError, type SourceView } from '../../listen/sources.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { EXIT, UsageError, output, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';
import { addSourceFlags, configFromFlags } from './source-flags.ts';

interface AddFlags {
  name?: string;
  interval?: string;
  disabled?: boolean;
  json?: boolean;
}

/** `90s`, `5m`, `1h`, `1d`, or plain seconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 90s, 5m or 1h, got "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 's']!;
  return Math.round(Number(match[1]) * unit);
}

const ago = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) : '—');
const every = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

function statusText(source: SourceView): string {
  if (!source.enabled) return pc.dim('disabled');
  if (source.status === 'unhealthy') return pc.red(`unhealthy (${source.consecutiveFailures} failures)`);
  if (source.status === 'new') {
    // Polled but never successful yet: say so, rather than "not polled yet".
    if (source.consecutiveFailures > 0) return pc.yellow(`failing, ${source.consecutiveFailures} failure(s) and no success yet`);
    return pc.dim(source.lastPolledAt ? 'no successful poll yet' : 'not polled yet');
  }
  return source.consecutiveFailures > 0 ? pc.yellow(`ok, ${source.consecutiveFailures} recent failure(s)`) : pc.green('ok');
}

export function renderSources(sources: SourceView[]): string {
  if (sources.length === 0) return 'no sources yet: add one with  murmur sources add <network> …  (see murmur sources add --help)';
  return sources
    .map((s) => {
      const secrets = Object.keys(s.secrets).map((k) => `${k}=${s.secrets[k]}`).join(' ');
      const lines = [
        `${pc.bold(`#${s.id}`)} ${s.name}  ${statusText(s)}`,
        `    ${s.network}: ${s.description}${secrets ? `  ${pc.dim(secrets)}` : ''}`,
        `    every ${every(s.intervalMs)} · last poll ${ago(s.lastPolledAt)} · last success ${ago(s.lastSuccessAt)} · next ${ago(s.nextPollAt)}`,
      ];
      if (s.lastError) lines.push(`    ${pc.red('last error:')} ${s.lastError}`);
      const note = s.lastResult?.note;
      if (typeof note === 'string') lines.push(`    ${pc.yellow('note:')} ${note}`);
      return lines.join('\n');
    })
    .join('\n');
}

function renderPoll(s: PollSummary, names: Map<number, string>): string {
  const name = names.get(s.sourceId) ?? `source ${s.sourceId}`;
  if (s.outcome === 'busy') return `${name}: skipped, another poller is running it`;
  const counts = `${s.inserted} new, ${s.updated} updated, ${s.pages} page(s), ${s.requests} request(s)`;
  const note = s.note ? `; ${s.note}` : '';
  return s.outcome === 'ok' ? `${pc.green('✓')} ${name}: ${counts}${note}` : `${pc.red('✗')} ${name}: ${counts}; ${s.error}`;
}

function renderPublish(outcomes: PublishOutcome[]): string {
  if (outcomes.length === 0) return 'nothing due to publish';
  return outcomes.map((o) => `calendar item ${o.itemId} (${o.network ?? '?'}): ${o.status}${o.url ? ` ${o.url}` : ''}${o.error ? ` — ${o.error}` : ''}`).join('\n');
}

function parseIds(values: string[]): number[] {
  return values.map((v) => {
    const id = Number(v);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`a source id is a whole number, got "${v}"`);
    return id;
  });
}

export function registerSources(program: Command, kinds: SourceKind[] = sourceKinds()): void {
  const sources = program.command('sources').description(SUMMARY.sources);

  const add = sources
    .command('add')
    .description('add a source to poll')
    .argument('<network>', NETWORKS.join(' | '))
    .option('--name <name>', 'a name to recognise it by (default: from what it reads)')
    .option('--interval <duration>', `poll every… e.g. 90s, 5m, 1h (default: ${kinds.map((k) => `${k.network} ${every(k.defaultIntervalMs)}`).join(', ')})`)
    .option('--disabled', 'store it without polling it yet')
    .option('--json', 'print the source as JSON');
  // Each kind's options, from its schema (source-flags.ts): a new option needs nothing here.
  addSourceFlags(add, kinds).action(async (network: string, flags: AddFlags, command: Command) => {
      if (!isNetwork(network)) throw new UsageError(`unknown network "${network}" (one of: ${NETWORKS.join(', ')})`);
      const { config, secrets } = configFromFlags(kinds, network, command);
      const source = await withStore(command, async (store, ws) => {
        try {
          return await addSource(store, ws, { network, name: flags.name, config, secrets, intervalMs: flags.interval ? parseDuration(flags.interval, '--interval') : null, enabled: !flags.disabled });
        } catch (error) {
          if (error instanceof SourceConfigError || error instanceof SecretKeyError) throw new UsageError(error.message);
          throw error;
        }
      }, { create: true });
      output(flags, source, (s) => `added source #${s.id} ${s.name}\n${renderSources([s])}`);
    });

  sources
    .command('list')
    .description('sources with their health, last error and next poll (secrets shown as ••••)')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store, ws) => listSources(store, ws));
      output(flags, list, renderSources);
    });

  sources
    .command('remove')
    .description('remove a source (its mentions stay)')
    .argument('<id>', 'source id (see murmur sources list)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const [sourceId] = parseIds([id]);
      const removed = await withStore(command, (store, ws) => removeSource(store, ws, sourceId!));
      if (!removed) throw new UsageError(`no source #${sourceId} in this workspace`);
      output(flags, { removed: sourceId }, () => `removed source #${sourceId}`);
    });

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    sources
      .command(verb)
      .description(enabled ? 'poll a disabled source again (from where it stopped)' : 'stop polling a source, keeping it and its cursor')
      .argument('<id>', 'source id (see murmur sources list)')
      .option('--json', 'print the source as JSON')
      .action(async (id: string, flags: { json?: boolean }, command: Command) => {
        const [sourceId] = parseIds([id]);
        const source = await withStore(command, (store, ws) => setSourceEnabled(store, ws, sourceId!, enabled));
        output(flags, source, (s) => `${enabled ? 'enabled' : 'disabled'} source #${s.id} ${s.name}`);
      });
  }

  sources
    .command('run')
    .description('poll sources: once with --once, else keep polling each at its interval until Ctrl-C')
    .argument('[ids...]', 'only these sources (default: every enabled source)')
    .option('--once', 'poll each source once now and exit')
    .option('--no-publish', 'do not publish due calendar posts while running')
    .option('--json', 'print poll results as JSON (one object with --once, one line per poll otherwise)')
    .action(async (ids: string[], flags: { once?: boolean; publish: boolean; json?: boolean }, command: Command) => {
      const sourceIds = parseIds(ids);
      await withStore(command, async (store, ws) => {
        const all = await listSources(store, ws);
        const names = new Map(all.map((s) => [s.id, `#${s.id} ${s.name}`]));
        for (const id of sourceIds) if (!names.has(id)) throw new NotFoundError(`no source #${id} in this workspace`);
        if (flags.once) {
          const chosen = sourceIds.length > 0 ? sourceIds : all.filter((s) => s.enabled).map((s) => s.id);
          // Concurrent: a slow source does not hold up the others.
          const results = await Promise.all(
            chosen.map(async (id) => {
              const summary = await runSourceOnce(store, id, { logFailures: false });
              if (!flags.json) process.stdout.write(`${renderPoll(summary, names)}\n`);
              return summary;
            }),
          );
          const published = flags.publish ? await publishDueItems(store, Date.now(), { workspaceId: ws }) : [];
          if (flags.json) output(flags, { polls: results, published }, () => '');
          else if (published.length > 0) process.stdout.write(`${renderPublish(published)}\n`);
          if (results.some((r) => r.outcome === 'failed') || published.some((p) => p.status === 'failed')) process.exitCode = EXIT.partial;
          return;
        }
        const print = (text: string, data: unknown) => process.stdout.write(flags.json ? `${JSON.stringify(data)}\n` : `${text}\n`);
        const scheduler = startScheduler(store, {
          workspaceId: ws,
          sourceIds: sourceIds.length > 0 ? sourceIds : undefined,
          publish: flags.publish,
          // onPoll prints every failure; log lines on stdout would break --json lines.
          logFailures: false,
          onPoll: (s) => print(`${new Date().toISOString().slice(11, 19)} ${renderPoll(s, names)}`, s),
          onPublish: (o) => print(renderPublish(o), o),
        });
        if (!flags.json) process.stdout.write(`polling ${sourceIds.length || all.filter((s) => s.enabled).length} source(s); Ctrl-C stops (pages already stored are kept)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void scheduler.stop().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      });
    });

  sources
    .command('publish')
    .description('publish the calendar posts that are due now (Mastodon, Bluesky)')
    .option('--json', 'print the outcomes as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const outcomes = await withStore(command, (store, ws) => publishDueItems(store, Date.now(), { workspaceId: ws }));
      output(flags, outcomes, renderPublish);
      if (outcomes.some((o) => o.status === 'failed')) process.exitCode = EXIT.partial;
    });
}
