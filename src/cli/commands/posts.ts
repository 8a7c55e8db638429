/**
 * `murmur post …`: the composer and the approval chain from the command line, the same
 * functions the API and the dashboard call (src/plan/approvals.ts, review-links.ts;
 * lengths from src/core/post-rules.ts).
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import { COMPOSER_NETWORKS, linksOf, POST_LIMITS, postLength, postProblems, type ComposerNetwork } from '../../core/post-rules.ts';
import { commentOnItem, composePost, decideApproval, setCalendarSettings, submitForApproval } from '../../plan/approvals.ts';
import { updateCalendarItem } from '../../plan/calendar.ts';
import { calendarEvents, calendarSettings, type CalendarEvent } from '../../plan/calendar-log.ts';
import { getPlan } from '../../plan/plans.ts';
import { createReviewLink, listReviewLinks, revokeReviewLink, type ReviewLink } from '../../plan/review-links.ts';
import { HttpClient } from '../../listen/connectors/http.ts';
import { fetchLinkPreview } from '../../listen/connectors/link-preview.ts';
import { output, UsageError } from '../context.ts';
import { cliPublicBase, guessedBaseWarning, publicUrl } from '../../core/public-url.ts';
import { SUMMARY } from '../summaries.ts';
import { author, calendarLine, collect, number, planRef, withUserStore } from './plan.ts';

interface Flags {
  as?: string;
  json?: boolean;
}

const eventLine = (e: CalendarEvent) => `${new Date(e.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${e.kind.padEnd(19)} ${e.author}${e.comment ? `: ${e.comment}` : ''}`;
const linkLine = (l: ReviewLink) => `link #${l.id} for item #${l.itemId}, until ${new Date(l.expiresAt).toISOString().slice(0, 16).replace('T', ' ')}${l.revokedAt !== null ? pc.dim(' (revoked)') : ''}`;

function networks(values: string[]): ComposerNetwork[] {
  for (const v of values) if (!(COMPOSER_NETWORKS as readonly string[]).includes(v)) throw new UsageError(`--channel ${v}: Murmur posts to ${COMPOSER_NETWORKS.join(' and ')}`);
  return values as ComposerNetwork[];
}

/** The preview's numbers: each network's count and limit, the problems, the link shown as a card. */
export function previewPost(channels: ComposerNetwork[], body: string) {
  return {
    networks: channels.map((network) => ({ network, length: postLength(network, body), limit: POST_LIMITS[network], problems: postProblems(network, body).map((p) => p.message) })),
    card: linksOf(body)[0] ?? null,
  };
}

export function registerPosts(program: Command): void {
  const post = program.command('post').description(SUMMARY.post);
  const common = (c: Command) => c.option('--as <name>', 'author recorded in the history (default $MURMUR_USER or login)').option('--json', 'print JSON');

  common(post.command('preview').description('count a text as each network counts it, without saving it'))
    .requiredOption('--body <text>')
    .option('--channel <network>', `${COMPOSER_NETWORKS.join(' | ')} (repeatable; default both)`, collect, [])
    .option('--fetch-card', "read the link's card (title, description, picture) from its page, as the Bluesky publisher will")
    .action(async (flags: Flags & { body: string; channel: string[]; fetchCard?: boolean }) => {
      const counted = previewPost(networks(flags.channel.length ? flags.channel : [...COMPOSER_NETWORKS]), flags.body);
      // undefined: not asked (or no link); null: the page could not be read.
      const read = flags.fetchCard && counted.card ? await fetchLinkPreview(new HttpClient(), counted.card) : undefined;
      const preview = read === undefined ? counted : { ...counted, cardPreview: read };
      const cardLine = (p: typeof preview) =>
        `card: ${p.card}${read ? ` · ${read.title}${read.description ? ` — ${read.description}` : ''}` : read === null ? pc.dim(' (the page could not be read: no card on Bluesky)') : ''}`;
      output(flags, preview, (p) => [...p.networks.map((n) => `${n.network.padEnd(9)} ${n.length}/${n.limit}${n.problems.length ? pc.red(`  ${n.problems.join('; ')}`) : ''}`), ...(p.card ? [cardLine(p)] : [])].join('\n'));
      if (preview.networks.some((n) => n.problems.length > 0)) process.exitCode = 1;
    });

  common(post.command('compose').description('write a post once for several networks (one calendar item each)'))
    .option('--plan <name|id>', 'which plan (default: the only one)')
    .option('--channel <network>', `${COMPOSER_NETWORKS.join(' | ')} (repeatable)`, collect, [])
    .requiredOption('--title <text>')
    .requiredOption('--body <text>')
    .requiredOption('--owner <name>')
    .option('--at <when>', 'date or ISO timestamp to publish at')
    .option('--media <url>', 'a picture to attach (repeatable; each needs its --alt, in order)', collect, [])
    .option('--alt <text>', 'alt text of the picture at the same position', collect, [])
    .option('--submit', 'send for approval at once')
    .action((flags: Flags & { plan?: string; channel: string[]; title: string; body: string; owner: string; at?: string; media: string[]; alt: string[]; submit?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const plan = await getPlan(store, ws, await planRef(store, ws, flags.plan));
        const media = flags.media.map((url, i) => ({ url, alt: flags.alt[i] ?? '' }));
        const items = await composePost(store, ws, { planId: plan.id, channels: networks(flags.channel), title: flags.title, body: flags.body, owner: flags.owner, media, scheduledAt: flags.at ?? null }, author(flags), { submit: flags.submit });
        output(flags, items, (all) => all.map(calendarLine).join('\n'));
      }),
    );

  common(post.command('move').description('reschedule a calendar item (keeps its approval)').argument('<id>', 'item id', number('id')))
    .requiredOption('--at <when>', 'date or ISO timestamp')
    .action((id: number, flags: Flags & { at: string }, command: Command) =>
      withUserStore(command, async (store, ws) => output(flags, await updateCalendarItem(store, ws, id, { scheduledAt: flags.at }, Date.now(), author(flags)), calendarLine)),
    );

  common(post.command('submit').description('send a draft for approval').argument('<id>', 'item id', number('id')))
    .option('--comment <text>')
    .action((id: number, flags: Flags & { comment?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => output(flags, await submitForApproval(store, ws, id, author(flags), flags.comment ?? null), calendarLine)),
    );

  for (const decision of ['approve', 'reject'] as const) {
    common(post.command(decision).description(decision === 'approve' ? 'approve a submitted post (scheduled if it has a date)' : 'reject a submitted post, saying why').argument('<id>', 'item id', number('id')))
      .option('--comment <text>', decision === 'reject' ? 'why (required)' : 'a note for the author')
      .action((id: number, flags: Flags & { comment?: string }, command: Command) =>
        withUserStore(command, async (store, ws) => output(flags, await decideApproval(store, ws, id, decision, author(flags), flags.comment ?? null), calendarLine)),
      );
  }

  common(post.command('comment').description('comment on a calendar item').argument('<id>', 'item id', number('id')).argument('<text>'))
    .action((id: number, text: string, flags: Flags, command: Command) =>
      withUserStore(command, async (store, ws) => {
        await commentOnItem(store, ws, id, author(flags), text);
        output(flags, await calendarEvents(store, ws, id), (all) => all.map(eventLine).join('\n'));
      }),
    );

  common(post.command('history').description("every change to a calendar item, clients' comments included").argument('<id>', 'item id', number('id'))).action(
    (id: number, flags: Flags, command: Command) =>
      withUserStore(command, async (store, ws) => output(flags, await calendarEvents(store, ws, id), (all) => (all.length ? all.map(eventLine).join('\n') : 'no history'))),
  );

  common(post.command('approval').description('whether posts need approval in this workspace').argument('[on|off]'))
    .action((value: string | undefined, flags: Flags, command: Command) =>
      withUserStore(command, async (store, ws) => {
        if (value !== undefined && value !== 'on' && value !== 'off') throw new UsageError(`expected on or off, got "${value}"`);
        const settings = value === undefined ? await calendarSettings(store, ws) : await setCalendarSettings(store, ws, { requireApproval: value === 'on' });
        output(flags, settings, (s) => `posts ${s.requireApproval ? 'need' : 'do not need'} approval`);
      }),
    );

  const links = post.command('review-link').description("a client's read-and-comment link to one post (no account needed)");
  common(links.command('create').description('a new link for one item; its address is shown this once').argument('<id>', 'item id', number('id')))
    .option('--days <n>', 'valid for (default 7, at most 90)', number('--days'), 7)
    .option('--base-url <url>', 'the dashboard address the link starts with (default $MURMUR_PUBLIC_URL, else a guess: http://127.0.0.1:8080)')
    .action((id: number, flags: Flags & { days: number; baseUrl?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const base = cliPublicBase(flags.baseUrl);
        const link = await createReviewLink(store, ws, id, author(flags), { days: flags.days });
        const url = publicUrl(base, `/review/${link.token}`);
        output(flags, { ...link, url, publicUrlGuessed: base.guessed }, (l) =>
          [linkLine(l), l.url, ...(base.guessed ? [pc.dim(guessedBaseWarning(base)!)] : []), pc.dim('shown this once: Murmur keeps only its hash')].join('\n'),
        );
      }),
    );
  common(links.command('list').description("an item's links and whether they still work").argument('<id>', 'item id', number('id'))).action((id: number, flags: Flags, command: Command) =>
    withUserStore(command, async (store, ws) => output(flags, await listReviewLinks(store, ws, id), (all) => (all.length ? all.map(linkLine).join('\n') : 'no review links'))),
  );
  common(links.command('revoke').description('withdraw a link at once').argument('<link>', 'link id', number('link'))).action((id: number, flags: Flags, command: Command) =>
    withUserStore(command, async (store, ws) => output(flags, await revokeReviewLink(store, ws, id, author(flags)), linkLine)),
  );
}
