/**
 * `murmur nlp adapt`: retrain the workspace's sentiment adapter from its corrections and
 * re-read its stored mentions through it; `murmur nlp adapter`: what the adapter learned from.
 */
import type { Command } from 'commander';
import { adapterStatus, adaptWorkspace, type AdapterStatus } from '../../nlp/adapt.ts';
import type { HeldOutCheck } from '../../nlp/adapter.ts';
import { models } from '../../nlp/models.ts';
import { output, withStore } from '../context.ts';
import { progressReporter } from '../progress.ts';

/** What the held-out check says, and what it means: "; held-out check 12 fixed / 1 broken" or why it is not applied. */
export function heldOutNote(heldOut: HeldOutCheck | null, applied: boolean): string {
  if (!heldOut) return '';
  const counts = `${heldOut.fixed} fixed / ${heldOut.broken} broken`;
  return applied ? `; held-out check ${counts}` : `; not applied: on corrections it had not seen it broke more than it fixed (${counts}), so the base model reads the workspace`;
}

export function adapterLine(s: AdapterStatus): string {
  if (s.adaptedFrom === null) return `not adapted; ${s.corrections} corrections (murmur nlp adapt learns from them)`;
  const line = `adapted from ${s.adaptedFrom} corrections on ${s.trainedAt} (${s.corrections} now)${heldOutNote(s.heldOut, s.applied)}`;
  return s.stale ? `${line}; trained for another base model: run murmur nlp adapt` : line;
}

/** `--json` after the subcommand: `murmur nlp` has a --json of its own, which commander gives it. */
function jsonFlag(flags: { json?: boolean }, command: Command): { json?: boolean } {
  return { json: flags.json || Boolean(command.parent?.opts().json) };
}

export function registerNlpAdapt(nlp: Command): void {
  nlp
    .command('adapt')
    .description("retrain the workspace's sentiment adapter from its corrections, then re-read its stored mentions (corrections are kept)")
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action(async (options: { progress: boolean; json?: boolean }, command: Command) => {
      const flags = { ...options, ...jsonFlag(options, command) };
      const reporter = flags.progress && !flags.json ? progressReporter('re-reading', 'mentions') : null;
      const result = await withStore(command, (store, ws) =>
        adaptWorkspace(store, ws, models(), { onProgress: (done, total) => reporter?.update(done, total) }).finally(() => reporter?.stop()),
      );
      output(flags, result, (r) => `adapted from ${r.corrections} corrections${heldOutNote(r.heldOut, r.applied)}; re-read ${r.scanned.toLocaleString('en')} mentions, ${r.changed.toLocaleString('en')} changed sentiment`);
    });

  nlp
    .command('adapter')
    .description("the workspace's sentiment adapter: how many corrections it learned from, when, and whether the base model changed since")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const flags = jsonFlag(options, command);
      const status = await withStore(command, (store, ws) => adapterStatus(store, ws, models()));
      output(flags, status, adapterLine);
    });
}
