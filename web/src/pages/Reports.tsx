import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { ScopeBar, useDayScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { Digests } from './Digests.tsx';

const KINDS = ['daily', 'weekly', 'monthly', 'annual'] as const;
const isKnownKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);

export function ReportsPage() {
  const { t } = useTranslation();
  const scope = useDayScope();
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p className="lead">{t('reports.intro')}</p>
      <Scoped state={scope}>
        {({ scope: s, topics }) => (
          <>
            <ScopeBar topics={topics} topic={s.topic} date={s.date} tz={s.tz} />
            <ReportList topic={s.topic} date={s.date} tz={s.tz} />
            <Digests timeZone={s.tz} />
          </>
        )}
      </Scoped>
    </section>
  );
}

function ReportList({ topic, date, tz }: { topic: number; date: string; tz: string }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.reports(ws), ws);
  const params = { topic, date, tz, lang: i18n.language };
  return (
    <Async state={state}>
      {(data) =>
        data.items.length === 0 ? (
          <Empty />
        ) : (
          <ul className="report-list">
            {data.items.map((report) => (
              <li key={report.kind} className="card report">
                <h2>{report.title ?? (isKnownKind(report.kind) ? t(`reports.kind.${report.kind}`) : report.kind)}</h2>
                <div className="actions">
                  <a className="button" href={endpoints.reportUrl(ws, report.kind, { ...params, format: 'html' })} target="_blank" rel="noopener">
                    {t('reports.open')}
                  </a>
                  <a className="button button-secondary" href={endpoints.reportUrl(ws, report.kind, { ...params, format: 'pdf' })} download data-testid={`download-${report.kind}`}>
                    {t('reports.downloadPdf')}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )
      }
    </Async>
  );
}
