import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { AuthorStats } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { NEGATIVE, PALETTE, rankingOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { formatCompact, formatNumber } from '../i18n/format.ts';

const KINDS = ['advocates', 'detractors', 'influencers'] as const;
type Kind = (typeof KINDS)[number];

export function PeoplePage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [kind, setKind] = useState<Kind>('advocates');
  const state = useApi(() => endpoints.authors(ws, kind, {}), `${ws}:${kind}`);
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <div className="tabs" role="tablist" aria-label={t('people.title')}>
        {KINDS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={k === kind} className={k === kind ? 'tab active' : 'tab'} onClick={() => setKind(k)}>
            {t(`people.${k}`)}
          </button>
        ))}
      </div>
      <p className="lead">{t(`people.${kind}Intro`)}</p>
      <Async state={state}>{(data) => <AuthorTable authors={data.authors} kind={kind} />}</Async>
    </section>
  );
}

function AuthorTable({ authors, kind }: { authors: AuthorStats[]; kind: Kind }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const option = useMemo(
    () =>
      rankingOption(
        authors.slice(0, 10).map((a) => ({ name: a.displayName || a.handle, value: a.score ?? a.reach ?? a.mentions })),
        locale,
        kind === 'detractors' ? NEGATIVE : PALETTE[kind === 'advocates' ? 2 : 0],
      ),
    [authors, kind, locale],
  );
  if (authors.length === 0) return <Empty />;
  return (
    <div className="grid-2">
      <div className="card">
        <Chart option={option} height={Math.max(180, Math.min(10, authors.length) * 34)} label={t(`people.${kind}`)} />
      </div>
      <div className="card table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('people.author')}</th>
              <th scope="col">{t('people.channels')}</th>
              <th scope="col" className="num">{t('people.mentions')}</th>
              <th scope="col" className="num">{t('people.reach')}</th>
              <th scope="col" className="num">{t('people.engagement')}</th>
            </tr>
          </thead>
          <tbody>
            {authors.map((a) => (
              <tr key={a.handle}>
                <th scope="row">
                  {a.displayName || a.handle}
                  <div className="muted">@{a.handle}</div>
                </th>
                <td>{a.sources?.join(', ') ?? '–'}</td>
                <td className="num">{formatNumber(locale, a.mentions)}</td>
                <td className="num">{formatCompact(locale, a.reach)}</td>
                <td className="num">{formatCompact(locale, a.engagement)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
