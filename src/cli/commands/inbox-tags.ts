/**
 * `murmur inbox tag …`, `murmur inbox rules …` and `murmur inbox tags`: tags by hand on
 * many mentions, tag rules (backfilled on every change), and volume and sentiment per tag.
 */
import type { Command } from 'commander';
import { addTagRule, listTagRules, removeTagRule, tagFigures, tagMentions, updateTagRule, type BackfillResult, type TagRule } from '../../inbox/tags.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { parseDateFlag, parseToFlag } from '../dates.ts';
import { output, UsageError, withStore } from '../context.ts';
import { notSureNote } from '../not-sure-note.ts';
import { asUsage, memberByEmail, parseIds } from './inbox-flags.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const ruleLine = (r: TagRule) => `${String(r.id).padStart(4)}  ${r.tag.padEnd(16)}  ${r.query}`;
const changed = (r: { rule: TagRule; backfill: BackfillResult }) => `${ruleLine(r.rule)}\n      tagged ${r.backfill.matched.toLocaleString('en')} of ${r.backfill.scanned.toLocaleString('en')} stored mentions read`;

export function registerInboxTags(inbox: Command): void {
  inbox
    .command('tag <ids...>')
    .description('put tags on or take hand tags off one or many mentions (a rule’s tag stays while its rule matches)')
    .option('--add <tag>', 'tag to put on (repeatable)', collect)
    .option('--remove <tag>', 'hand tag to take off (repeatable)', collect)
    .option('--as <email>', 'who makes the change (recorded in the history)')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: { add?: string[]; remove?: string[]; as?: string; json?: boolean }, command: Command) => {
      const mentionIds = parseIds(ids);
      const result = await withStore(command, async (store, ws) => {
        const actor = flags.as === undefined ? null : await memberByEmail(store, ws, flags.as, '--as');
        return asUsage(() => tagMentions(store, ws, mentionIds, { add: flags.add, remove: flags.remove }, actor, Date.now()));
      });
      output(flags, result, (r) => `${r.added} tags put on, ${r.removed} taken off`);
    });

  const rules = inbox.command('rules').description('tag rules: any mention matching a query (topic language) gets a tag');
  rules
    .command('list')
    .description('the tag rules')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store, ws) => listTagRules(store, ws));
      output(flags, list, (l) => (l.length ? l.map(ruleLine).join('\n') : 'no tag rules yet: murmur inbox rules add --tag billing --query "refund* OR rembours*"'));
    });
  rules
    .command('add')
    .description('add a rule and tag the stored mentions it matches')
    .requiredOption('--tag <tag>', 'the tag')
    .requiredOption('--query <query>', 'a query in the topic language (docs/query-language.md)')
    .option('--json', 'print JSON')
    .action(async (flags: { tag: string; query: string; json?: boolean }, command: Command) => {
      const result = await withStore(command, (store, ws) => asUsage(() => addTagRule(store, ws, flags, Date.now())));
      output(flags, result, changed);
    });
  rules
    .command('update <id>')
    .description('change a rule; its tags are recomputed over the stored mentions (hand tags stay)')
    .option('--tag <tag>', 'new tag')
    .option('--query <query>', 'new query')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { tag?: string; query?: string; json?: boolean }, command: Command) => {
      const [ruleId] = parseIds([id]);
      if (flags.tag === undefined && flags.query === undefined) throw new UsageError('rules update: give --tag or --query');
      const result = await withStore(command, (store, ws) => asUsage(() => updateTagRule(store, ws, ruleId!, flags, Date.now())));
      output(flags, result, changed);
    });
  rules
    .command('remove <id>')
    .description('remove a rule and the tags it made')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const [ruleId] = parseIds([id]);
      const result = await withStore(command, (store, ws) => asUsage(() => removeTagRule(store, ws, ruleId!)));
      output(flags, result, (r) => `rule ${ruleId} removed; ${r.untagged} tags it made taken off`);
    });

  inbox
    .command('tags')
    .description('volume and sentiment per tag over a period (net sentiment as everywhere in Watch)')
    .requiredOption('--from <day>', 'first day, YYYY-MM-DD (UTC), or an ISO time')
    .requiredOption('--to <day>', 'last day, YYYY-MM-DD (UTC, whole day), or an ISO time (excluded)')
    .option('--topic <topic>', 'only mentions of this topic (id or name)')
    .option('--json', 'print JSON')
    .action(async (flags: { from: string; to: string; topic?: string; json?: boolean }, command: Command) => {
      const from = parseDateFlag('--from', flags.from)!;
      const to = parseToFlag('--to', flags.to)!;
      if (from.getTime() >= to.getTime()) throw new UsageError('--from must be on or before --to');
      const figures = await withStore(command, async (store, ws) =>
        tagFigures(store, ws, { from, to, topicId: flags.topic === undefined ? undefined : (await resolveTopic(store, ws, flags.topic)).id }),
      );
      output(flags, figures, (list) =>
        list.length
          ? list.map((f) => `${f.tag.padEnd(16)}  ${String(f.mentions).padStart(7)} mentions  net ${f.netSentiment === null ? '-' : f.netSentiment.toFixed(0)}  (−${f.negative} ·${f.neutral} +${f.positive})${notSureNote(f.notSureShare)}`).join('\n')
          : 'no tagged mentions in this period',
      );
    });
}
