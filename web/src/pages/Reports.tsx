import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';

const today = () => new Date().toISOString().slice(0, 10);

export function ReportsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.reports(ws), ws);
  const [date, setDate] = useState(today);
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p className="lead">{t('reports.intro')}</p>
      <label className="inline-field">
        {t('reports.date')}
        <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <Async state={state}>
        {(data) =>
          data.reports.length === 0 ? (
            <Empty />
          ) : (
            <ul className="report-list">
              {data.reports.map((report) => (
                <li key={report.kind} className="card report">
                  <h2>{report.title ?? (isKnownKind(report.kind) ? t(`reports.kind.${report.kind}`) : report.kind)}</h2>
                  <div className="actions">
                    <a className="button" href={endpoints.reportUrl(ws, report.kind, 'html', date)} target="_blank" rel="noopener">
                      {t('reports.open')}
                    </a>
                    <a className="button button-secondary" href={endpoints.reportUrl(ws, report.kind, 'pdf', date)} download data-testid={`download-${report.kind}`}>
                      {t('reports.downloadPdf')}
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

const KINDS = ['daily', 'weekly', 'monthly', 'annual'] as const;
const isKnownKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);
