import { ExportLinks } from '../components/ExportLinks.tsx';
import { listsEndpoints } from '../api/lists-endpoints.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type PeriodScope } from '../api/endpoints.ts';
import type { AuthorStance, Influencer, Post } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ScopeBar, usePeriodScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { NEGATIVE, PALETTE, rankingOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { fromPost, PostCard } from '../components/MentionCard.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { formatCompact, formatNumber } from '../i18n/format.ts';

const KINDS = ['advocates', 'detractors', 'influencers'] as const;
type Kind = (typeof KINDS)[number];

export function PeoplePage() {
  const { t } = useTranslation();
  const scope = usePeriodScope();
  const [kind, setKind] = useState<Kind>('advocates');
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <Scoped state={scope}>
        {({ scope: s, topics }) => (
          <>
            <ScopeBar topics={topics} topic={s.topic} first={s.first} last={s.last} tz={s.tz} />
            <div className="tabs" role="group" aria-label={t('people.title')}>
              {KINDS.map((k) => (
                <button key={k} type="button" aria-pressed={k === kind} className={k === kind ? 'tab active' : 'tab'} onClick={() => setKind(k)}>
                  {t(`people.${k}`)}
                </button>
              ))}
            </div>
            <p className="lead">{t(`people.${kind}Intro`)}</p>
            {kind === 'influencers' ? <Influencers scope={s} /> : <Advocacy scope={s} kind={kind} />}
          </>
        )}
      </Scoped>
    </section>
  );
}

interface PersonRow {
  handle: string;
  name: string | null;
  channels: string[];
  absentFrom?: string[];
  mentions: number;
  reach: number;
  engagement: number;
  score: number;
}

function Advocacy({ scope, kind }: { scope: PeriodScope; kind: 'advocates' | 'detractors' }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.advocacy(ws, scope), `${ws}:${JSON.stringify(scope)}`);
  return (
    <Async state={state}>
      {(data) => (
        <>
        <ExportLinks href={(format) => listsEndpoints.listExportUrl(ws, 'advocates', { ...scope }, format)} />
        <PeopleView
          kind={kind}
          rows={data[kind].map((a: AuthorStance) => ({ ...a, reach: kind === 'advocates' ? a.positiveReach : a.negativeReach }))}
          posts={data.posts ?? {}}
        />
        </>
      )}
    </Async>
  );
}

function Influencers({ scope }: { scope: PeriodScope }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.influencers(ws, scope), `${ws}:${JSON.stringify(scope)}`);
  return <Async state={state}>{(data) => <PeopleView kind="influencers" rows={data.items} posts={{}} />}</Async>;
}

function PeopleView({ kind, rows, posts }: { kind: Kind; rows: PersonRow[]; posts: Record<string, Post[]> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const option = useMemo(
    () =>
      rankingOption(
        rows.slice(0, 10).map((a) => ({ name: a.name || a.handle, value: a.reach })),
        locale,
        // Same order as the table: the server's ranking, not reach alone.
        { color: kind === 'detractors' ? NEGATIVE : PALETTE[kind === 'advocates' ? 2 : 0], ranked: true },
      ),
    [rows, kind, locale],
  );
  if (rows.length === 0) return <Empty />;
  return (
    <>
      <div className="people-grid">
        <div className="card">
          <h2>{kind === 'influencers' ? t('people.reach') : kind === 'advocates' ? t('people.positiveReach') : t('people.negativeReach')}</h2>
          <Chart option={option} height={Math.max(180, Math.min(10, rows.length) * 34)} label={t(`people.${kind}`)} />
        </div>
        <div className="card table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('people.author')}</th>
                <th scope="col" className="num">{t('people.mentions')}</th>
                <th scope="col" className="num">{t('people.reach')}</th>
                <th scope="col" className="num">{t('people.engagement')}</th>
                <th scope="col">{t('people.channels')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.handle}>
                  <th scope="row">
                    {a.name || a.handle}
                    <div className="muted">@{a.handle}</div>
                  </th>
                  <td className="num">{formatNumber(locale, a.mentions)}</td>
                  <td className="num">{formatCompact(locale, a.reach)}</td>
                  <td className="num">{formatCompact(locale, a.engagement)}</td>
                  <td>
                    {a.channels.join(', ')}
                    {a.absentFrom && a.absentFrom.length > 0 && <div className="muted small">{t('people.absentFrom', { channels: a.absentFrom.join(', ') })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {Object.keys(posts).length > 0 && (
        <div className="card">
          <h2>{t('people.theirPosts')}</h2>
          {rows
            .filter((a) => posts[a.handle]?.length)
            .slice(0, 5)
            .map((a) => (
              <details key={a.handle}>
                <summary>
                  {a.name || a.handle} <span className="muted">@{a.handle}</span>
                </summary>
                {posts[a.handle]!.map((post) => (
                  <PostCard key={post.id} post={fromPost(post)} />
                ))}
              </details>
            ))}
        </div>
      )}
    </>
  );
}
