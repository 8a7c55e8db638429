import { describe, expect, it } from 'vitest';
import { createTopic } from '../listen/topics.ts';
import { describeEachStore } from '../store/testing.ts';
import { listInbox } from './inbox-list.ts';
import { inboxFixture, inboxMention, storeMentions } from './testing.ts';
import { InboxError, MAX_TRIAGE_BATCH, triageHistory, updateTriage } from './triage.ts';
import { handlePatterns } from './reply-priority.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const negative = { label: 'negative' as const, score: -0.8, probabilities: { negative: 0.85, neutral: 0.1, positive: 0.05 } };
const positive = { label: 'positive' as const, score: 0.8, probabilities: { negative: 0.05, neutral: 0.1, positive: 0.85 } };

describeEachStore('inbox triage', (open) => {
  it('moves a mention through its states, assigns it and keeps who changed what', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const [id] = await storeMentions(store, f.ws, [inboxMention('a', 'Brewly is fine')]);
    const [first] = await updateTriage(store, f.ws, [id!], { state: 'in_progress', assigneeId: f.alice }, f.alice, NOW);
    expect(first).toMatchObject({ state: 'in_progress', assigneeId: f.alice, notes: '', updatedBy: f.alice });
    await updateTriage(store, f.ws, [id!], { state: 'done', notes: 'answered by email' }, f.bob, NOW + 1000);
    // The same change again is no change: nothing more in the history.
    await updateTriage(store, f.ws, [id!], { state: 'done' }, f.bob, NOW + 2000);
    const history = await triageHistory(store, f.ws, id!);
    expect(history.map((e) => [e.field, e.from, e.to, e.userId, e.at.getTime()])).toEqual([
      ['state', 'new', 'in_progress', f.alice, NOW],
      ['assignee', null, String(f.alice), f.alice, NOW],
      ['state', 'in_progress', 'done', f.bob, NOW + 1000],
      ['notes', '', 'answered by email', f.bob, NOW + 1000],
    ]);
  });

  it('refuses a non-member assignee, another workspace’s mention, too many ids and an unknown state, changing nothing', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const [id] = await storeMentions(store, f.ws, [inboxMention('a', 'hello')]);
    await expect(updateTriage(store, f.ws, [id!], { assigneeId: f.stranger }, f.alice, NOW)).rejects.toThrow(/not a member/);
    await expect(updateTriage(store, f.ws, [id!, 999_999], { state: 'done' }, f.alice, NOW)).rejects.toThrow(/no mention 999999/);
    await expect(updateTriage(store, f.ws, Array.from({ length: MAX_TRIAGE_BATCH + 1 }, (_, i) => i + 1), { state: 'done' }, f.alice, NOW)).rejects.toThrow(InboxError);
    await expect(updateTriage(store, f.ws, [id!], { state: 'closed' as never }, f.alice, NOW)).rejects.toThrow(/state must be one of/);
    expect(await triageHistory(store, f.ws, id!)).toEqual([]);
    expect((await listInbox(store, f.ws, { view: 'all', limit: 10 })).items[0]!.triage.state).toBe('new');
  });

  it('shows my mentions, the unassigned ones, and hides closed ones from the open views', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    const ids = await storeMentions(store, f.ws, ['a', 'b', 'c', 'd'].map((x) => inboxMention(x, `post ${x}`)));
    await updateTriage(store, f.ws, [ids[0]!, ids[1]!], { assigneeId: f.alice }, f.alice, NOW);
    await updateTriage(store, f.ws, [ids[1]!], { state: 'done' }, f.alice, NOW);
    await updateTriage(store, f.ws, [ids[2]!], { state: 'ignored' }, f.alice, NOW);
    const view = async (v: 'all' | 'mine' | 'unassigned', userId?: number) =>
      (await listInbox(store, f.ws, { view: v, userId, limit: 10 })).items.map((i) => i.mention.externalId).sort();
    expect(await view('mine', f.alice)).toEqual(['a']);
    expect(await view('mine', f.bob)).toEqual([]);
    expect(await view('unassigned')).toEqual(['d']);
    expect(await view('all')).toEqual(['a', 'b', 'c', 'd']);
    expect((await listInbox(store, f.ws, { view: 'all', states: ['done'], limit: 10 })).items.map((i) => i.mention.externalId)).toEqual(['b']);
    await expect(listInbox(store, f.ws, { view: 'mine', limit: 10 })).rejects.toThrow(/who you are/);
  });

  it('ranks "needs a reply": questions and complaints first, then direct @mentions and reach; not the brand’s own posts', async () => {
    const store = await open();
    const f = await inboxFixture(store);
    await createTopic(store, f.ws, { name: 'Brewly', query: '(brewly OR @brewly) NOT author:brewly_team', role: 'brand' });
    const at = (h: number) => new Date(Date.UTC(2026, 2, 1, h));
    await storeMentions(store, f.ws, [
      inboxMention('plain', 'brewly is a coffee brand', { sentiment: positive, publishedAt: at(1) }),
      inboxMention('question', 'does brewly deliver on sundays?', { sentiment: positive, publishedAt: at(2) }),
      inboxMention('complaint', 'brewly lost my order', { sentiment: negative, publishedAt: at(3) }),
      inboxMention('both', 'why is brewly so late again?', { sentiment: negative, publishedAt: at(4) }),
      inboxMention('direct', 'hey @brewly nice beans', { sentiment: positive, publishedAt: at(5) }),
      inboxMention('direct_mastodon', 'hey @brewly@piaille.fr nice beans', { sentiment: positive, publishedAt: at(6) }),
      inboxMention('loud_complaint', 'brewly lost my order too', { sentiment: negative, publishedAt: at(0), author: { handle: 'big', displayName: null, followers: 50_000 } }),
      inboxMention('own', 'any questions about brewly?', { sentiment: positive, publishedAt: at(7), author: { handle: 'Brewly_Team', displayName: null, followers: 9 } }),
      // `_` in a handle is a LIKE wildcard: "brewlyXteam" must not count as @brewly_team.
      inboxMention('lookalike', 'hi @brewlyxteam', { sentiment: positive, publishedAt: at(8) }),
    ]);
    const page = await listInbox(store, f.ws, { view: 'needs-reply', limit: 10 });
    expect(page.items.map((i) => [i.mention.externalId, i.priority])).toEqual([
      ['both', 8],
      ['loud_complaint', 6],
      ['complaint', 4],
      ['question', 4],
      ['direct_mastodon', 2],
      ['direct', 2],
    ]);
    expect(page.total).toBe(6);
    const second = await listInbox(store, f.ws, { view: 'needs-reply', limit: 2, offset: 2 });
    expect(second.items.map((i) => i.mention.externalId)).toEqual(['complaint', 'question']);
    expect(second.total).toBe(6);
  });
});

describe('brand handle patterns', () => {
  it('escapes LIKE wildcards and reaches Mastodon instances only for bare handles', () => {
    expect(handlePatterns(['brewly_team', 'x@piaille.fr'])).toEqual(['%"brewly\\_team"%', '%"brewly\\_team@%', '%"x@piaille.fr"%']);
  });
});
