import type { Command } from 'commander';
import pc from 'picocolors';
import { DEFAULT_DEMO_LOCATION, runDemo, type DemoPeriod } from '../../demo/demo.ts';
import { globalOptions, output } from '../context.ts';
import { progressReporter } from '../progress.ts';
import { keepHeapCompact } from '../../core/memory.ts';
import { SUMMARY } from '../summaries.ts';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description(SUMMARY.demo)
    .option('--scale <factor>', 'volume multiplier for the 90-day sample stream', '1')
    .option('--force', 'on PostgreSQL, clear the default workspace if it already holds mentions (members, API tokens and sources stay)')
    .option('-o, --out <dir>', 'folder for the checklist reports (default: murmur-demo-reports/ beside the store)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { scale: string; force?: boolean; out?: string; json?: boolean }, command: Command) => {
      keepHeapCompact();
      const scale = Number(options.scale);
      if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number in (0, 10], got "${options.scale}"`);
      const progress = progressReporter('loading sample stream', 'mentions');
      const result = await runDemo({
        location: globalOptions(command).db ?? DEFAULT_DEMO_LOCATION,
        scale,
        force: options.force,
        reportsDir: options.out,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.stop();
      output(options, result, ({ location, period, sections }) =>
        [...sections.flatMap((s) => [pc.bold(s.title), ...s.lines, '']), ...nextSteps(location, period)].join('\n'),
      );
    });
}

/**
 * Where to go next. The watch commands and reports default to yesterday, which lies
 * after the sample stream: without a date in it they show an empty day (or a "drop").
 */
export function nextSteps(location: string, period: DemoPeriod): string[] {
  const masked = location.includes(':***@');
  const db = `--db ${/\s/.test(location) ? JSON.stringify(location) : location}`;
  return [
    `Demo store: ${location}${masked ? '  (put your password in place of ***)' : ''}`,
    `The sample stream covers ${period.first} → ${period.last} (UTC); the watch commands and reports default to yesterday, so give a day inside it:`,
    `  murmur ${db} spikes --to ${period.last}`,
    `  murmur ${db} report daily --date ${period.crisisDay}`,
  ];
}
