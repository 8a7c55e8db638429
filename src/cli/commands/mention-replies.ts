/**
 * `murmur mentions reply | replies | approve-reply`: answer a Mastodon or Bluesky mention
 * with the workspace's account, threaded, never twice (src/listen/replies/).
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { approveReply, ConflictError, listReplies, ReplyError, requestReply, type Reply } from '../../listen/replies/replies.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { author } from '../author.ts';
import { output, UsageError, withStore } from '../context.ts';
import { asUsageErrors } from '../user-errors.ts';

const userErrors = <T>(fn: () => Promise<T>) => asUsageErrors([ReplyError, ConflictError, NotFoundError], fn);

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a number, got "${value}"`);
  return Number(value);
}

const replyLine = (r: Reply) =>
  `reply #${r.id} to mention ${r.mentionId}: ${r.status.replace('_', ' ')}` +
  (r.url ? `\n  ${r.url}` : '') +
  (r.error ? `\n  ${r.error}` : '') +
  (r.status === 'retrying' ? `\n  send it again with --key ${r.idempotencyKey}${r.retryAt ? ` after ${r.retryAt.toISOString()}` : ''}` : '');

interface ReplyFlags {
  text: string;
  key?: string;
  source?: string;
  approval?: boolean;
  as?: string;
  json?: boolean;
}

export function registerMentionReplies(mentions: Command): void {
  mentions
    .command('reply')
    .description('reply to a Mastodon or Bluesky mention with the workspace’s account, in its thread; the same --key never posts twice')
    .argument('<mention>', 'the mention id')
    .requiredOption('--text <text>', 'the reply')
    .option('--key <key>', 'idempotency key: give the one printed to retry this reply (default: a new one)')
    .option('--source <id>', 'the publishing account (default: the only one for the mention’s network)')
    .option('--approval', 'hold the reply until another member approves it (murmur mentions approve-reply)')
    .option('--as <name>', 'who, recorded with the reply (default $MURMUR_USER or login)')
    .option('--json', 'print JSON')
    .action(async (mention: string, flags: ReplyFlags, command: Command) => {
      const input = {
        text: flags.text,
        idempotencyKey: flags.key ?? randomUUID(),
        sourceId: flags.source === undefined ? null : wholeNumber('--source', flags.source),
        approval: flags.approval === true,
      };
      const outcome = await userErrors(() => withStore(command, (store, ws) => requestReply(store, ws, wholeNumber('mention', mention), input, author(flags), Date.now())));
      output(flags, outcome, (o) => `${o.duplicate ? 'already submitted: ' : ''}${replyLine(o.reply)}`);
      if (outcome.reply.status === 'failed') process.exitCode = 1;
    });

  mentions
    .command('replies')
    .description('the replies Murmur posted or holds for a mention')
    .argument('<mention>', 'the mention id')
    .option('--json', 'print JSON')
    .action(async (mention: string, flags: { json?: boolean }, command: Command) => {
      const replies = await userErrors(() => withStore(command, (store, ws) => listReplies(store, ws, wholeNumber('mention', mention))));
      output(flags, replies, (all) => all.map(replyLine).join('\n') || 'no replies');
    });

  mentions
    .command('approve-reply')
    .description('approve a held reply (another member than its author) and send it')
    .argument('<reply>', 'the reply id')
    .option('--as <name>', 'who approves (default $MURMUR_USER or login)')
    .option('--json', 'print JSON')
    .action(async (reply: string, flags: { as?: string; json?: boolean }, command: Command) => {
      const approved = await userErrors(() => withStore(command, (store, ws) => approveReply(store, ws, wholeNumber('reply', reply), author(flags), Date.now())));
      output(flags, approved, replyLine);
    });
}
