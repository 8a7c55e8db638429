import { ExportLinks } from '../components/ExportLinks.tsx';
import { listsEndpoints } from '../api/lists-endpoints.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { KpiMetric, KpiReview, PlanView } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { usePeriodScope } from '../app/scope.tsx';
import { canEdit, useSession, useWorkspace } from '../app/session.tsx';
import { PlanEditProvider } from './plan-editing.tsx';
import { NewPlanCard, PlanFiles } from './PlanFiles.tsx';
import { HistoryCard } from './PlanHistory.tsx';
import { ReviewsCard } from './PlanReviews.tsx';
import { KpisCard } from './PlanKpis.tsx';
import { ChannelsCard, GoalCard, PersonasCard, TeamCard } from './PlanStrategy.tsx';
import { TasksCard } from './PlanTasks.tsx';
import './plan.css';
import { Async, Empty } from '../components/Async.tsx';
import { NotSureNote } from '../components/NotSureNote.tsx';
import { formatDate, formatMetric, formatMetricGap, formatPercent } from '../i18n/format.ts';

const KPI_TONE: Record<KpiReview['status'], string> = { ahead: 'tone-good', 'on track': 'tone-good', behind: 'tone-bad', 'no target': 'tone-neutral', 'no data': 'tone-neutral' };
const KPI_STATUS_KEY = { ahead: 'ahead', 'on track': 'onTrack', behind: 'behind', 'no target': 'noTarget', 'no data': 'noData' } as const;

export function PlanPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const plans = useApi(() => endpoints.plans(ws), `${ws}:plans`);
  const [chosen, setChosen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const editable = canEdit(workspace.role);
  const created = (id: number) => {
    setChosen(id);
    setCreating(false);
    plans.reload();
  };
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">{t('plan.title')}</h1>
      <p className="lead">{t('plan.intro')}</p>
      <Async state={plans}>
        {(data) => {
          const id = chosen ?? data.items[0]?.id;
          return (
            <>
              <div className="form-row">
                {data.items.length > 1 && id !== undefined && (
                  <label className="inline-field">
                    {t('plan.choose')}
                    <select value={id} onChange={(e) => setChosen(Number(e.target.value))}>
                      {data.items.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                {editable && id !== undefined && !creating && (
                  <div>
                    <button type="button" className="button-secondary" onClick={() => setCreating(true)}>
                      {t('planEdit.newPlan')}
                    </button>
                  </div>
                )}
              </div>
              {id === undefined && <Empty>{t('plan.none')}</Empty>}
              {editable && (id === undefined || creating) && <NewPlanCard onCreated={created} onCancel={id === undefined ? undefined : () => setCreating(false)} />}
              {id !== undefined && <PlanBody key={id} id={id} />}
            </>
          );
        }}
      </Async>
    </section>
  );
}

function PlanBody({ id }: { id: number }) {
  const ws = useWorkspace();
  const loaded = useApi(() => endpoints.plan(ws, id), `${ws}:plan:${id}`);
  // A saved change answers with the new version: shown at once, the forms keep their place.
  const [saved, setSaved] = useState<PlanView | null>(null);
  return (
    <Async state={loaded}>
      {(first) => {
        const view = saved ?? first;
        return (
          <PlanEditProvider view={view} onSaved={setSaved}>
            <GoalCard />
            <div className="grid-2">
              <TeamCard />
              <PersonasCard />
            </div>
            <ChannelsCard />
            <KpisCard />
            <KpiReviewCard id={id} version={view.version} />
            <div className="grid-2">
              <TasksCard />
              <Calendar id={id} />
            </div>
            <ReviewsCard />
            <HistoryCard />
            <PlanFiles id={id} />
          </PlanEditProvider>
        );
      }}
    </Async>
  );
}

function KpiReviewCard({ id, version }: { id: number; version: number }) {
  // The month of the newest mention: the current month on a live workspace, the last one of a demo.
  const scope = usePeriodScope({ topic: false });
  const [chosen, setMonth] = useState<string | null>(null);
  const month = chosen ?? (scope.status === 'ready' ? scope.scope.last.slice(0, 7) : null);
  if (!month) return null;
  return <KpiReviewTable id={id} version={version} month={month} onMonth={setMonth} />;
}

function KpiReviewTable({ id, version, month, onMonth: setMonth }: { id: number; version: number; month: string; onMonth: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const ws = useWorkspace();
  const review = useApi(() => endpoints.planReview(ws, id, month), `${ws}:${id}:${version}:${month}`);
  return (
    <div className="card table-wrap">
      <div className="card-head">
        <h2>{t('plan.kpis')}</h2>
        <label className="inline-field">
          {t('plan.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
      </div>
      <Async state={review}>
        {(r) =>
          r.kpis.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col" className="num">{t('plan.expected')}</th>
                  <th scope="col" className="num">{t('fields.actual')}</th>
                  <th scope="col" className="num">{t('fields.gap')}</th>
                  <th scope="col">{t('fields.status')}</th>
                  <th scope="col" className="num">{t('plan.quarterTarget')}</th>
                </tr>
              </thead>
              <tbody>
                {r.kpis.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">
                      {k.name}
                      <div className="muted small">{t(`metrics.${k.metric as KpiMetric}`)}</div>
                    </th>
                    <td className="num">{formatMetric(locale, k.metric, k.expected)}</td>
                    <td className="num">
                      {formatMetric(locale, k.metric, k.actual)}
                      {k.notSureShare != null && (
                        <div className="muted small">
                          <NotSureNote share={k.notSureShare} />
                        </div>
                      )}
                    </td>
                    <td className={`num ${KPI_TONE[k.status]}`}>
                      {formatMetricGap(locale, k.metric, k.gap)}
                      {/* gapPct is in percent units already */}
                      {k.gapPct !== null && <div className="small">{formatPercent(locale, k.gapPct / 100)}</div>}
                    </td>
                    <td className={KPI_TONE[k.status]}>{t(`plan.kpiStatus.${KPI_STATUS_KEY[k.status]}`)}</td>
                    <td className="num">
                      {formatMetric(locale, k.metric, k.quarter.target)}
                      <div className="muted small">{k.quarter.quarter}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}

function Calendar({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const calendar = useApi(() => endpoints.calendar(ws, id), `${ws}:calendar:${id}`);
  return (
    <div className="card table-wrap">
      <h2>{t('plan.calendar')}</h2>
      <ExportLinks href={(format) => listsEndpoints.listExportUrl(ws, 'calendar', { plan: id }, format)} />
      <Async state={calendar}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fields.date')}</th>
                  <th scope="col">{t('fields.channel')}</th>
                  <th scope="col">{t('fields.title')}</th>
                  <th scope="col">{t('fields.owner')}</th>
                  <th scope="col">{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <td className={item.overdue ? 'tone-bad nowrap' : 'nowrap'}>
                      {formatDate(i18n.language, item.scheduledAt)}
                      {item.overdue && <div className="small">{t('plan.overdue')}</div>}
                    </td>
                    <td>{item.channel}</td>
                    <th scope="row">{item.title}</th>
                    <td>{item.owner}</td>
                    <td>{t(`plan.calendarStatus.${item.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}
