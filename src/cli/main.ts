/**
 * The `murmur` command. Each part of Murmur registers its own subcommands from
 * `src/cli/commands/<part>.ts`; this file only wires them together.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { EXIT } from './errors.ts';
import { MurmurError } from '../core/errors.ts';
import { SUMMARY, type CommandName } from './summaries.ts';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
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
  // Only the module of the command being run is loaded; every other command is listed by its
  // summary alone, which is all `murmur --help` and commander's "did you mean" need.
  for (const module of commandModules) {
    if (module.names.includes(named as CommandName)) (await module.load())(program);
    else for (const name of module.names) program.command(name).description(SUMMARY[name]);
  }
  return program;
}

/** The top-level command on a command line, skipping the global options and their values. */
export function commandName(argv: string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db' || arg === '-w' || arg === '--workspace') i++;
    // `murmur help topics` shows the help of topics, which needs its module.
    else if (arg === 'help') continue;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function packageVersion(): string {
  const file = join(PACKAGE_ROOT, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

type Register = (program: Command) => void;

/**
 * Which module registers which top-level commands. Only the module of the command being
 * run is loaded: the server and report modules alone cost ~150 MB of RSS, which an
 * import or a cron job should not pay.
 */
export const commandModules: { names: CommandName[]; load: () => Promise<Register> }[] = [
  { names: ['import'], load: async () => (await import('./commands/import.ts')).registerImport },
  { names: ['topics', 'search'], load: async () => (await import('./commands/topics.ts')).registerTopics },
  { names: ['inbox'], load: async () => (await import('./commands/inbox.ts')).registerInbox },
  { names: ['mentions'], load: async () => (await import('./commands/mention-lists.ts')).registerMentionLists },
  { names: ['serve'], load: async () => (await import('./commands/serve.ts')).registerServe },
  { names: ['users', 'tokens', 'workspaces'], load: async () => (await import('./commands/users.ts')).registerUsers },
  { names: ['nlp', 'enrich'], load: async () => (await import('./commands/nlp.ts')).registerNlp },
  { names: ['demo'], load: async () => (await import('./commands/demo.ts')).registerDemoCommands },
  { names: ['plan'], load: async () => (await import('./commands/plan.ts')).registerPlan },
  { names: ['post'], load: async () => (await import('./commands/posts.ts')).registerPosts },
  { names: ['experiment'], load: async () => (await import('./commands/experiment.ts')).registerExperiment },
  { names: ['campaign', 'conversions', 'roi'], load: async () => (await import('./commands/roi.ts')).registerRoi },
  { names: ['sources'], load: async () => (await import('./commands/sources.ts')).registerSources },
  { names: ['digests'], load: async () => (await import('./commands/digests.ts')).registerDigests },
  {
    names: ['series', 'spikes', 'crisis', 'crisis-dismiss', 'crisis-restore', 'advocates', 'influencers', 'top', 'activation', 'sov', 'campaign-shape', 'baseline', 'alerts', 'report'],
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
    // The user's errors (MurmurError 4xx) need no stack; a bug's does, with MURMUR_DEBUG.
    if (!(error instanceof MurmurError && error.status < 500) && process.env.MURMUR_DEBUG) console.error(error);
    return EXIT.fatal;
  }
}

if (process.argv[1] && /murmur(\.js)?$|main\.[jt]s$/.test(process.argv[1])) {
  process.exitCode = await run(process.argv);
}
