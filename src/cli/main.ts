/**
 * The `murmur` command. Each part of Murmur registers its own subcommands from
 * `src/cli/commands/<part>.ts`; this file only wires them together.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { EXIT, UsageError } from './context.ts';
import { registerImport } from './commands/import.ts';
import { registerTopics } from './commands/topics.ts';
import { registerServe } from './commands/serve.ts';
import { registerUsers } from './commands/users.ts';
import { registerNlp } from './commands/nlp.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerPlan } from './commands/plan.ts';
import { registerExperiment } from './commands/experiment.ts';
import { registerRoi } from './commands/roi.ts';
import { registerSources } from './commands/sources.ts';
import { registerWatch } from './commands/watch.ts';

export function buildProgram(): Command {
  const program = new Command('murmur')
    .description('Self-hosted social media marketing workbench')
    .option('--db <location>', 'store: a SQLite file path or a postgres:// URL (default: $MURMUR_DB or ./murmur.db)')
    .option('-w, --workspace <slug>', 'workspace', 'default')
    .version(packageVersion(), '-V, --version', 'print the Murmur version')
    // The whole help after a typo buries the one line that says what was wrong.
    .showHelpAfterError('(add --help to see the commands and options)')
    .exitOverride();
  for (const register of registrations) register(program);
  return program;
}

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

type Register = (program: Command) => void;
const registrations: Register[] = [registerImport, registerTopics, registerServe, registerUsers, registerNlp, registerDemoCommands, registerPlan, registerExperiment, registerRoi, registerSources, registerWatch];

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
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
