/**
 * The `murmur` command. Each part of Murmur registers its own subcommands from
 * `src/cli/commands/<part>.ts`; this file only wires them together.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { EXIT, UsageError } from './context.ts';
export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command('murmur')
    .description('Self-hosted social media marketing workbench')
    .option('--db <location>', 'store: a SQLite file path or a postgres:// URL (default: $MURMUR_DB or ./murmur.db)')
    .option('-w, --workspace <slug>', 'workspace', 'default')
    .option('--create', 'create the store if --db names a file that does not exist (commands that add data do so anyway)')
    .version(packageVersion(), '-V, --version', 'print the Murmur version')
    // The whole help after a typo buries the one line that says what was wrong.
    .showHelpAfterError('(add --help to see the commands and options)')
    .exitOverride();
  const named = commandName(argv);
  const wanted = commandModules.filter((m) => m.names.includes(named ?? ''));
  // `murmur --version` needs no command (loading them all costs ~2 s of CPU).
  const versionOnly = named === undefined && argv.slice(2).some((arg) => arg === '-V' || arg === '--version');
  // Help, a typo or no command: load everything so help and suggestions are complete.
  for (const module of versionOnly ? [] : wanted.length > 0 ? wanted : commandModules) (await module.load())(program);
  return program;
}

/** The top-level command on a command line, skipping the global options and their values. */
export function commandName(argv: string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db' || arg === '-w' || arg === '--workspace') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

type Register = (program: Command) => void;

/**
 * Which module registers which top-level commands. Only the module of the command being
 * run is loaded: the server and report modules alone cost ~150 MB of RSS, which an
 * import or a cron job should not pay.
 */
export const commandModules: { names: string[]; load: () => Promise<Register> }[] = [
  { names: ['import'], load: async () => (await import('./commands/import.ts')).registerImport },
  { names: ['topics', 'search'], load: async () => (await import('./commands/topics.ts')).registerTopics },
  { names: ['serve'], load: async () => (await import('./commands/serve.ts')).registerServe },
  { names: ['users', 'tokens', 'workspaces'], load: async () => (await import('./commands/users.ts')).registerUsers },
  { names: ['nlp', 'enrich'], load: async () => (await import('./commands/nlp.ts')).registerNlp },
  { names: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemoCommands },
  { names: ['plan'], load: async () => (await import('./commands/plan.ts')).registerPlan },
  { names: ['experiment'], load: async () => (await import('./commands/experiment.ts')).registerExperiment },
  { names: ['campaign', 'conversions', 'roi'], load: async () => (await import('./commands/roi.ts')).registerRoi },
  { names: ['sources'], load: async () => (await import('./commands/sources.ts')).registerSources },
  {
    names: ['spikes', 'crisis', 'advocates', 'influencers', 'top', 'activation', 'sov', 'campaign-shape', 'baseline', 'alerts', 'report'],
    load: async () => (await import('./commands/watch.ts')).registerWatch,
  },
];

export async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.fatal;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${pc.red('error:')} ${message}\n`);
    if (!(error instanceof UsageError) && process.env.MURMUR_DEBUG) console.error(error);
    return EXIT.fatal;
  }
}

if (process.argv[1] && /murmur(\.js)?$|main\.ts$/.test(process.argv[1])) {
  process.exitCode = await run(process.argv);
}
