import { expect, it } from 'vitest';
import { addTestSource } from '../listen/connectors/connector-testing.ts';
import { storeFollowerCounts, storeOwnPosts } from '../listen/own-accounts.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { addKpiEntry } from './measure.ts';
import { createPlan } from './plans.ts';
import { monthlyReview } from './review.ts';
import { samplePlan } from './test-fixtures.ts';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const post = (id: string, publishedAt: string, likes: number, shares: number, replies: number) => ({ account: 'bakery.bsky.social', externalId: id, url: null, text: id, publishedAt: at(publishedAt), likes, shares, replies, views: null });

describeEachStore('KPIs from the own accounts', (open) => {
  it('fills followers from the daily counts and own engagement from the own posts, per network', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const now = () => T0;
    const bluesky = await addTestSource(store, ws, { network: 'bluesky', config: { identifier: 'bakery.bsky.social', ownPosts: true }, secrets: { appPassword: 'x' } }, now);
    const mastodon = await addTestSource(store, ws, { network: 'mastodon', config: { instance: 'https://mastodon.example', ownAccounts: ['bakery'] } }, now);
    const plan = await createPlan(
      store,
      ws,
      {
        ...samplePlan,
        kpis: [
          { id: 'followers', name: 'Followers', metric: 'followers', targets: [{ quarter: '2026-Q1', value: 3000 }] },
          { id: 'bsky-followers', name: 'Bluesky followers', metric: 'followers', scope: { source: 'bluesky' }, targets: [{ quarter: '2026-Q1', value: 2000 }] },
          { id: 'typed-followers', name: 'Newsletter readers', metric: 'followers', scope: { source: 'newsletter' }, targets: [{ quarter: '2026-Q1', value: 500 }] },
          { id: 'own', name: 'Engagement on our posts', metric: 'own_engagement', targets: [{ quarter: '2026-Q1', value: 300 }] },
          { id: 'own-masto', name: 'Engagement on Mastodon', metric: 'own_engagement', scope: { source: 'mastodon' }, targets: [{ quarter: '2026-Q1', value: 100 }] },
        ],
      },
      'ana',
      T0,
    );
    // Counts of two days of January and one of February; the month's last day before its end wins.
    await storeFollowerCounts(store, { id: bluesky.id, workspace_id: ws, network: 'bluesky' }, [{ account: 'bakery.bsky.social', followers: 1200 }], at('2026-01-10T12:00:00Z'));
    await storeFollowerCounts(store, { id: bluesky.id, workspace_id: ws, network: 'bluesky' }, [{ account: 'bakery.bsky.social', followers: 1250 }], at('2026-01-31T20:00:00Z'));
    await storeFollowerCounts(store, { id: mastodon.id, workspace_id: ws, network: 'mastodon' }, [{ account: 'bakery@mastodon.example', followers: 800 }], at('2026-01-20T08:00:00Z'));
    await storeFollowerCounts(store, { id: bluesky.id, workspace_id: ws, network: 'bluesky' }, [{ account: 'bakery.bsky.social', followers: 1400 }], at('2026-02-03T08:00:00Z'));
    await storeOwnPosts(store, { id: bluesky.id, workspace_id: ws, network: 'bluesky' }, [post('at://a/1', '2026-01-12T10:00:00Z', 40, 5, 3), post('at://a/2', '2026-02-01T10:00:00Z', 99, 0, 0)], T0);
    await storeOwnPosts(store, { id: mastodon.id, workspace_id: ws, network: 'mastodon' }, [{ ...post('https://m/1', '2026-01-25T10:00:00Z', 10, 2, 1), account: 'bakery@mastodon.example' }], T0);
    // Where no source counts them, followers are still typed in.
    await addKpiEntry(store, ws, plan.id, 'typed-followers', 420, at('2026-01-28T00:00:00Z'), 'bo', T0);

    const january = await monthlyReview(store, ws, plan.id, '2026-01', at('2026-03-01T00:00:00Z'));
    const actual = Object.fromEntries(january.kpis.map((k) => [k.id, k.actual]));
    expect(actual).toEqual({ followers: 1250 + 800, 'bsky-followers': 1250, 'typed-followers': 420, own: 48 + 13, 'own-masto': 13 });
    const february = await monthlyReview(store, ws, plan.id, '2026-02', at('2026-03-01T00:00:00Z'));
    expect(Object.fromEntries(february.kpis.map((k) => [k.id, k.actual]))).toMatchObject({ followers: 1400 + 800, own: 99, 'own-masto': 0 });
  });
});
