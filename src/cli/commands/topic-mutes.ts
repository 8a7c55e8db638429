/**
 * `murmur topics mute | unmute | mutes`: authors, sites and terms whose mentions leave a
 * topic (lists and Watch figures) until unmuted (src/listen/lists/mutes.ts).
 */
import type { Command } from 'commander';
import { MuteError, type MuteKind } from '../../listen/lists/mute-rules.ts';
import { listMutes, muteInTopic, unmuteInTopic, type Mute, type MuteChange } from '../../listen/lists/mutes.ts';
import { resolveTopic, TopicError } from '../../listen/topics.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { author } from '../author.ts';
import { output, UsageError, withStore } from '../context.ts';
import { asUsageErrors } from '../user-errors.ts';

const userErrors = <T>(fn: () => Promise<T>) => asUsageErrors([MuteError, NotFoundError, TopicError], fn);

const muteLine = (m: Mute) =>
  `#${m.id} ${m.kind} ${m.value}${m.reason ? ` (${m.reason})` : ''} — by ${m.createdBy} ${m.createdAt.toISOString().slice(0, 16)}` +
  (m.removedAt ? `, unmuted by ${m.removedBy} ${m.removedAt.toISOString().slice(0, 16)}` : '');
const changeLine = (verb: string) => (c: MuteChange) => `${verb} ${muteLine(c.mute)}\n  the topic now holds ${c.rematch.matched.toLocaleString('en')} mentions`;

interface MuteFlags {
  author?: string;
  site?: string;
  term?: string;
  reason?: string;
  as?: string;
  json?: boolean;
}

function muteTarget(flags: MuteFlags): { kind: MuteKind; value: string } {
  const given = (['author', 'site', 'term'] as const).filter((kind) => flags[kind] !== undefined);
  if (given.length !== 1) throw new UsageError('give one of --author, --site or --term');
  return { kind: given[0]!, value: flags[given[0]!]! };
}

export function registerTopicMutes(topics: Command): void {
  topics
    .command('mute')
    .description("mute an author, a site or a term in a topic: its stored and future mentions leave the topic's lists and figures")
    .argument('<topic>', 'topic name or id')
    .option('--author <handle>', 'an author handle (alice matches alice@any.instance)')
    .option('--site <domain>', 'a domain, subdomains included')
    .option('--term <query>', 'a term or expression of the topic query language, e.g. "job offer" OR hiring')
    .option('--reason <text>', 'why, kept with the mute')
    .option('--as <name>', 'who, recorded with the mute (default $MURMUR_USER or login)')
    .option('--json', 'print JSON')
    .action(async (topicRef: string, flags: MuteFlags, command: Command) => {
      const target = muteTarget(flags);
      const change = await userErrors(() =>
        withStore(command, async (store, ws) =>
          muteInTopic(store, ws, (await resolveTopic(store, ws, topicRef)).id, { ...target, reason: flags.reason }, author(flags), Date.now()),
        ),
      );
      output(flags, change, changeLine('muted'));
    });

  topics
    .command('unmute')
    .description('unmute: the mentions the mute kept out come back to the topic (the mute stays in the history)')
    .argument('<topic>', 'topic name or id')
    .argument('<mute>', 'the mute id (murmur topics mutes TOPIC)')
    .option('--as <name>', 'who, recorded with the change (default $MURMUR_USER or login)')
    .option('--json', 'print JSON')
    .action(async (topicRef: string, muteId: string, flags: { as?: string; json?: boolean }, command: Command) => {
      if (!/^\d+$/.test(muteId)) throw new UsageError(`the mute id must be a number, got "${muteId}"`);
      const change = await userErrors(() =>
        withStore(command, async (store, ws) => unmuteInTopic(store, ws, (await resolveTopic(store, ws, topicRef)).id, Number(muteId), author(flags), Date.now())),
      );
      output(flags, change, changeLine('unmuted'));
    });

  topics
    .command('mutes')
    .description('list the mutes of a topic (--all: with the unmuted ones)')
    .argument('<topic>', 'topic name or id')
    .option('--all', 'include the unmuted ones (the history)')
    .option('--json', 'print JSON')
    .action(async (topicRef: string, flags: { all?: boolean; json?: boolean }, command: Command) => {
      const mutes = await userErrors(() => withStore(command, async (store, ws) => listMutes(store, ws, (await resolveTopic(store, ws, topicRef)).id, { all: flags.all })));
      output(flags, mutes, (all) => all.map(muteLine).join('\n') || 'no mutes');
    });
}
