import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { composePost, commentOnItem, decideApproval, setCalendarSettings, submitForApproval } from './approvals.ts';
import { addCalendarItem, listCalendar, updateCalendarItem } from './calendar.ts';
import { calendarEvents } from './calendar-log.ts';
import { createPlan, planHistory } from './plans.ts';
import { commentByReviewLink, createReviewLink, openReviewLink, revokeReviewLink } from './review-links.ts';
import { samplePlan } from './test-fixtures.ts';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const AT = '2026-03-05T10:00:00Z';

describeEachStore('the approval chain of the calendar', (open) => {
  it('composes one item per network; without approval required a dated post is scheduled at once', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    const items = await composePost(store, 1, { planId: plan.id, channels: ['mastodon', 'bluesky'], title: 'Spring bread', body: 'Spring bread is here https://example.com/spring', owner: 'Ana', scheduledAt: AT }, 'ana@example.com', {}, T0);
    expect(items.map((i) => [i.channel, i.status, i.approval])).toEqual([
      ['mastodon', 'scheduled', 'none'],
      ['bluesky', 'scheduled', 'none'],
    ]);
    const history = await planHistory(store, 1, plan.id);
    expect(history.slice(1).map((h) => [h.author, h.change])).toEqual([
      ['ana@example.com', `calendar #${items[0]!.id} "Spring bread" (mastodon): created as scheduled`],
      ['ana@example.com', `calendar #${items[1]!.id} "Spring bread" (bluesky): created as scheduled`],
    ]);
  });

  it('makes a draft wait for an approver, who rejects with a comment, then approves; approval schedules it', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    await setCalendarSettings(store, 1, { requireApproval: true }, T0);
    const [item] = await composePost(store, 1, { planId: plan.id, channels: ['bluesky'], title: 'Launch', body: 'We launch', owner: 'Ana', scheduledAt: AT }, 'ana', { submit: true }, T0);
    expect(item).toMatchObject({ status: 'draft', approval: 'pending' });
    // Neither the team's status move nor a new item can skip the approver.
    await expect(updateCalendarItem(store, 1, item!.id, { status: 'scheduled' }, T0, 'ana')).rejects.toMatchObject({ code: 'approval_required', status: 409 });
    await expect(addCalendarItem(store, 1, { planId: plan.id, channel: 'bluesky', title: 'Sneak', body: 'x', owner: 'Ana', scheduledAt: AT, status: 'scheduled' })).rejects.toMatchObject({ code: 'approval_required' });
    await expect(decideApproval(store, 1, item!.id, 'reject', 'olga', null, T0 + 1)).rejects.toThrow(/comment/);
    const rejected = await decideApproval(store, 1, item!.id, 'reject', 'olga', 'Say when', T0 + 2);
    expect(rejected).toMatchObject({ status: 'draft', approval: 'rejected' });
    await updateCalendarItem(store, 1, item!.id, { body: 'We launch on Thursday' }, T0 + 3, 'ana');
    await submitForApproval(store, 1, item!.id, 'ana', 'Better?', T0 + 4);
    const approved = await decideApproval(store, 1, item!.id, 'approve', 'olga', 'Yes', T0 + 5);
    expect(approved).toMatchObject({ status: 'scheduled', approval: 'approved', scheduledAt: Date.parse(AT) });
    // Moving the date keeps the approval; changing the words withdraws it and unschedules.
    const moved = await updateCalendarItem(store, 1, item!.id, { scheduledAt: '2026-03-06T10:00:00Z' }, T0 + 6, 'ana');
    expect(moved).toMatchObject({ status: 'scheduled', approval: 'approved' });
    const edited = await updateCalendarItem(store, 1, item!.id, { body: 'We launch on Friday' }, T0 + 7, 'ana');
    expect(edited).toMatchObject({ status: 'draft', approval: 'none' });

    const events = await calendarEvents(store, 1, item!.id);
    expect(events.map((e) => [e.kind, e.author, e.comment])).toEqual([
      ['created', 'ana', null],
      ['submitted', 'ana', null],
      ['rejected', 'olga', 'Say when'],
      ['edited', 'ana', null],
      ['submitted', 'ana', 'Better?'],
      ['approved', 'olga', 'Yes'],
      ['rescheduled', 'ana', null],
      ['edited', 'ana', null],
      ['status', 'ana', null],
    ]);
    const changes = (await planHistory(store, 1, plan.id)).map((h) => h.change);
    expect(changes).toContain(`calendar #${item!.id} "Launch" (bluesky): rejected: "Say when"`);
    expect(changes).toContain(`calendar #${item!.id} "Launch" (bluesky): rescheduled to 2026-03-06T10:00:00.000Z`);
    expect(changes).toContain(`calendar #${item!.id} "Launch" (bluesky): status scheduled → draft`);
  });

  it('refuses to submit a post its network would refuse, and a decision on an item not submitted', async () => {
    const store = await open();
    const item = await addCalendarItem(store, 1, { channel: 'bluesky', title: 'Empty', owner: 'Ana', status: 'draft' });
    await expect(submitForApproval(store, 1, item.id, 'ana', null, T0)).rejects.toThrow(/a bluesky post needs text/);
    await expect(updateCalendarItem(store, 1, item.id, { body: 'z'.repeat(301) }, T0, 'ana')).rejects.toThrow(/301 characters as bluesky counts them; bluesky allows 300/);
    await expect(decideApproval(store, 1, item.id, 'approve', 'olga', null, T0)).rejects.toThrow(/not waiting for approval/);
    await commentOnItem(store, 1, item.id, 'olga', 'Needs a picture', T0);
    expect((await calendarEvents(store, 1, item.id)).at(-1)).toMatchObject({ kind: 'commented', comment: 'Needs a picture' });
  });
});

describeEachStore('client review links', (open) => {
  it('lets a client read and comment with a valid link only: forged, expired and revoked links are refused', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    const [item] = await composePost(store, 1, { planId: plan.id, channels: ['mastodon'], title: 'Launch', body: 'We launch', owner: 'Ana', scheduledAt: AT }, 'ana', {}, T0);
    const link = await createReviewLink(store, 1, item!.id, 'ana', { days: 2 }, T0);
    expect(link.token).toMatch(/^mrv_[A-Za-z0-9_-]{43}$/);
    const stored = await store.db.selectFrom('calendar_review_links').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(link.token.slice(4));

    const view = await commentByReviewLink(store, link.token, { name: 'Client Co', comment: 'Love it' }, T0 + 1000);
    expect(view.item).toEqual({ channel: 'mastodon', title: 'Launch', body: 'We launch', media: [], scheduledAt: Date.parse(AT), status: 'scheduled', approval: 'none' });
    expect(view.comments).toEqual([{ author: `Client Co (review link #${link.id})`, comment: 'Love it', createdAt: T0 + 1000 }]);
    expect((await calendarEvents(store, 1, item!.id)).at(-1)).toMatchObject({ kind: 'client-comment', comment: 'Love it' });

    await expect(openReviewLink(store, `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`, T0)).rejects.toMatchObject({ status: 404, code: 'review_link_unknown' });
    await expect(openReviewLink(store, 'not-even-a-token', T0)).rejects.toMatchObject({ status: 404 });
    await expect(openReviewLink(store, link.token, link.expiresAt)).rejects.toMatchObject({ status: 410, code: 'review_link_expired' });
    await revokeReviewLink(store, 1, link.id, 'ana', T0 + 2000);
    await expect(commentByReviewLink(store, link.token, { name: 'Client Co', comment: 'Again' }, T0 + 3000)).rejects.toMatchObject({ status: 410, code: 'review_link_revoked' });
    // Another workspace cannot revoke or list this workspace's link.
    await expect(revokeReviewLink(store, 2, link.id, 'eve', T0)).rejects.toMatchObject({ status: 404 });
    expect((await planHistory(store, 1, plan.id)).map((h) => h.change).filter((c) => /: (review-link|review-link-revoked|client-comment)\b/.test(c))).toHaveLength(3);
  });
});
