/**
 * `murmur inbox …`: the inbox from the command line — the views, one mention with its
 * history, and triage of one or many mentions (`murmur inbox set 12 13 14 --state done`).
 * `--as EMAIL` says who you are (for "mine" and the history); without it changes are
 * recorded as made from the command line (no user).
 */
import { parseTagFlag, TAG_FLAG_HELP } from './tag-flag.ts';
import type { Command } from 'commander';
import { inboxTable } from '../../inbox/inbox-export.ts';
import { INBOX_VIEWS, listInbox, MAX_INBOX_LIMIT, type InboxItem, type InboxView } from '../../inbox/inbox-list.ts';
import { checkMentionIds, getTriages, isTriageState, TRIAGE_STATES, triageHistory, untriaged, updateTriage, type Triage, type TriageState } from '../../inbox/triage.ts';
import { correctSentiment, isSentimentLabel, SENTIMENT_LABELS } from '../../inbox/corrections.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import { isNotSure } from '../../watch/figure-definitions.ts';
import type { Store } from '../../store/store.ts';
import { output, UsageError, withStore } from '../context.ts';
import { EXPORT_OPTION, exportTableToFile } from '../export-file.ts';
import { SUMMARY } from '../summaries.ts';
import { registerInboxTags } from './inbox-tags.ts';
import { asUsage, memberByEmail, parseIds } from './inbox-flags.ts';

function parseState(value: string, flag = '--state'): TriageState {
  if (!isTriageState(value)) throw new UsageError(`${flag} must be one of ${TRIAGE_STATES.join(', ')}, got "${value}"`);
  return value;
}

function parseWhole(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const triageLine = (t: Triage) => `${t.state}${t.assigneeId === null ? '' : `  → user ${t.assigneeId}`}${t.notes ? `  notes: ${t.notes.replace(/\s+/g, ' ').slice(0, 60)}` : ''}`;

function itemLine(item: InboxItem): string {
  const m = item.mention;
  const priority = item.priority === null ? '' : `[${item.priority}] `;
  // Marked as the dashboard marks it (MentionCard): one definition, isNotSure.
  const sentiment = m.sentiment ? `${m.sentiment.label}${isNotSure(m.sentiment.probabilities) ? ' (not sure)' : ''}` : '-';
  const tags = item.tags.length ? `  #${item.tags.map((t) => t.tag).join(' #')}` : '';
  return `${String(m.id).padStart(7)}  ${priority}${m.publishedAt.toISOString().slice(0, 16)}  @${m.author.handle}  ${sentiment}  ${triageLine(item.triage)}${tags}\n         ${m.text.replace(/\s+/g, ' ').slice(0, 140)}`;
}

export function registerInbox(program: Command) {
  const inbox = program.command('inbox').description(SUMMARY.inbox);

  inbox
    .command('list')
    .description(`a view of the inbox: ${INBOX_VIEWS.join(', ')} (needs-reply is ranked: questions and complaints first, see docs/inbox.md)`)
    .option('--view <view>', INBOX_VIEWS.join(' | '), 'all')
    .option('--state <state>', `only this state (repeatable): ${TRIAGE_STATES.join(', ')}`, collect)
    .option('--as <email>', 'who you are (needed by --view mine)')
    .option('--assignee <email>', 'only mentions assigned to this member')
    .option('--topic <topic>', 'only mentions of this topic (id or name)')
    .option('--tag <tag>', TAG_FLAG_HELP)
    .option('--limit <n>', `mentions per page, 1 to ${MAX_INBOX_LIMIT}`, '50')
    .option('--offset <n>', 'skip this many mentions of the view', '0')
    .option(EXPORT_OPTION[0], 'write every page of the view to a .csv or .xlsx file (with state, assignee, notes, tags, priority) instead of printing one')
    .option('--json', 'print JSON')
    .action(async (flags: { view: string; state?: string[]; as?: string; assignee?: string; topic?: string; tag?: string; limit: string; offset: string; export?: string; json?: boolean }, command: Command) => {
      if (!(INBOX_VIEWS as readonly string[]).includes(flags.view)) throw new UsageError(`--view must be one of ${INBOX_VIEWS.join(', ')}, got "${flags.view}"`);
      const states = flags.state?.map((s) => parseState(s));
      const limit = parseWhole(flags.limit, '--limit', 1, MAX_INBOX_LIMIT);
      const offset = parseWhole(flags.offset, '--offset', 0, Number.MAX_SAFE_INTEGER);
      const tag = await parseTagFlag(flags.tag);
      const page = await withStore(command, async (store, ws) => {
        const userId = flags.as === undefined ? null : await memberByEmail(store, ws, flags.as, '--as');
        const assigneeId = flags.assignee === undefined ? undefined : await memberByEmail(store, ws, flags.assignee, '--assignee');
        const topicId = flags.topic === undefined ? undefined : (await resolveTopic(store, ws, flags.topic)).id;
        const view = { view: flags.view as InboxView, states, userId, assigneeId, topicId, tag };
        if (flags.export) return exportTableToFile(flags.export, () => asUsage(() => inboxTable(store, ws, view)));
        return asUsage(() => listInbox(store, ws, { ...view, limit, offset }));
      });
      if (typeof page === 'string') return void process.stdout.write(`${page}\n`);
      output(flags, page, (p) =>
        p.items.length === 0 ? `no mentions in this view (total ${p.total})` : [...p.items.map(itemLine), `${p.items.length} shown of ${p.total} (offset ${offset})`].join('\n'),
      );
    });

  inbox
    .command('show <id>')
    .description('one mention with its triage and the history of who changed what')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const [mentionId] = parseIds([id]);
      const shown = await withStore(command, async (store, ws) => {
        await asUsage(() => checkMentionIds(store.db, ws, [mentionId!]));
        const [[mention], triages, history] = await Promise.all([getMentionsByIds(store, [mentionId!]), getTriages(store.db, [mentionId!]), triageHistory(store, ws, mentionId!)]);
        return { mention: mention!, triage: triages.get(mentionId!) ?? untriaged(mentionId!), history };
      });
      output(flags, shown, (s) =>
        [
          `${s.mention.id}  @${s.mention.author.handle}  ${s.mention.publishedAt.toISOString()}  ${s.mention.sentiment?.label ?? '-'}`,
          s.mention.text,
          `triage: ${triageLine(s.triage)}`,
          ...s.history.map((e) => `  ${e.at.toISOString()}  ${e.userId === null ? 'command line' : `user ${e.userId}`}  ${e.field}: ${e.from ?? '∅'} → ${e.to ?? '∅'}`),
        ].join('\n'),
      );
    });

  inbox
    .command('set <ids...>')
    .description('set the state, assignee and/or notes of one or many mentions (all or none)')
    .option('--state <state>', TRIAGE_STATES.join(' | '))
    .option('--assign <email>', 'assign to this member; "none" unassigns')
    .option('--notes <text>', 'replace the notes')
    .option('--as <email>', 'who makes the change (recorded in the history)')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: { state?: string; assign?: string; notes?: string; as?: string; json?: boolean }, command: Command) => {
      const mentionIds = parseIds(ids);
      const state = flags.state === undefined ? undefined : parseState(flags.state);
      const items = await withStore(command, async (store, ws) => {
        const actor = flags.as === undefined ? null : await memberByEmail(store, ws, flags.as, '--as');
        const assigneeId = flags.assign === undefined ? undefined : flags.assign === 'none' ? null : await memberByEmail(store, ws, flags.assign, '--assign');
        return asUsage(() => updateTriage(store, ws, mentionIds, { state, assigneeId, notes: flags.notes }, actor, Date.now()));
      });
      output(flags, { items }, (r) => r.items.map((t) => `${String(t.mentionId).padStart(7)}  ${triageLine(t)}`).join('\n'));
    });

  registerInboxTags(inbox);

  inbox
    .command('correct <ids...>')
    .description('set the sentiment of one or many mentions by hand: it wins everywhere at once and `murmur enrich` or a re-import never overwrites it')
    .requiredOption('--sentiment <label>', SENTIMENT_LABELS.join(' | '))
    .option('--as <email>', 'who makes the correction (recorded with it)')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: { sentiment: string; as?: string; json?: boolean }, command: Command) => {
      const mentionIds = parseIds(ids);
      const label = flags.sentiment;
      if (!isSentimentLabel(label)) throw new UsageError(`--sentiment must be one of ${SENTIMENT_LABELS.join(', ')}, got "${label}"`);
      const items = await withStore(command, async (store, ws) => {
        const actor = flags.as === undefined ? null : await memberByEmail(store, ws, flags.as, '--as');
        return asUsage(() => correctSentiment(store, ws, mentionIds, label, actor, Date.now()));
      });
      output(flags, { items }, (r) => r.items.map((c) => `${String(c.mentionId).padStart(7)}  ${c.previousLabel ?? '-'} → ${c.label}  (model said ${c.originalLabel ?? '-'})`).join('\n'));
    });
}
