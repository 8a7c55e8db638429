import { ExportLinks } from '../components/ExportLinks.tsx';
import { listsEndpoints } from '../api/lists-endpoints.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { KpiMetric, KpiReview, PlanView } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { usePeriodScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { formatDate, formatMetric, formatMetricGap, formatPercent } from '../i18n/format.ts';

const KPI_TONE: Record<KpiReview['status'], string> = { ahead: 'tone-good', 'on track': 'tone-good', behind: 'tone-bad', 'no target': 'tone-neutral', 'no data': 'tone-neutral' };
const KPI_STATUS_KEY = { ahead: 'ahead', 'on track': 'onTrack', behind: 'behind', 'no target': 'noTarget', 'no data': 'noData' } as const;

export function PlanPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const plans = useApi(() => endpoints.plans(ws), `${ws}:plans`);
  const [chosen, setChosen] = useState<number | null>(null);
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">{t('plan.title')}</h1>
      <p className="lead">{t('plan.intro')}</p>
      <Async state={plans}>
        {(data) => {
          const id = chosen ?? data.items[0]?.id;
          if (id === undefined) return <Empty>{t('plan.none')}</Empty>;
          return (
            <>
              {data.items.length > 1 && (
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
              <PlanBody id={id} />
            </>
          );
        }}
      </Async>
    </section>
  );
}

function PlanBody({ id }: { id: number }) {
  const ws = useWorkspace();
  const plan = useApi(() => endpoints.plan(ws, id), `${ws}:plan:${id}`);
  return (
    <Async state={plan}>
      {(view) => (
        <>
          <Strategy view={view} />
          <KpiReviewCard id={id} />
          <div className="grid-2">
            <Tasks view={view} />
            <Calendar id={id} />
          </div>
        </>
      )}
    </Async>
  );
}

function Strategy({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const plan = view.document;
  return (
    <>
      <div className="card">
        <div className="card-head">
          <h2>{t('plan.goal')}</h2>
          <span className="muted small">{t('plan.version', { version: view.version })}</span>
        </div>
        {plan.goal ? (
          <>
            <p>
              <span className="badge">{t(`plan.goalType.${plan.goal.type}`)}</span> <strong>{plan.goal.statement}</strong>
            </p>
            <p className="muted">{plan.goal.justification}</p>
          </>
        ) : (
          <Empty />
        )}
        {plan.differentiator && (
          <p>
            <strong>{t('plan.differentiator')}:</strong> {plan.differentiator}
          </p>
        )}
      </div>
      <div className="grid-2">
        <div className="card table-wrap">
          <h2>{t('plan.team')}</h2>
          {plan.team.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <tbody>
                {plan.team.map((m) => (
                  <tr key={m.name}>
                    <th scope="row">
                      {m.name}
                      <div className="muted small">{m.department}</div>
                    </th>
                    <td>{m.roles.map((r) => `${r.role}${r.channel ? ` · ${r.channel}` : ''}${r.task ? ` · ${r.task}` : ''}`).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="card">
          <h2>{t('plan.personas')}</h2>
          {plan.personas.length === 0 ? (
            <Empty />
          ) : (
            plan.personas.map((p) => (
              <details key={p.name}>
                <summary>
                  {p.name} {p.channels.length > 0 && <span className="muted">· {p.channels.join(', ')}</span>}
                </summary>
                <dl className="persona">
                  {(['demographics', 'psychographics', 'behaviour', 'values', 'challenges'] as const).map((k) =>
                    p[k] ? (
                      <div key={k}>
                        <dt>{t(`plan.persona.${k}`)}</dt>
                        <dd>{p[k]}</dd>
                      </div>
                    ) : null,
                  )}
                </dl>
              </details>
            ))
          )}
        </div>
      </div>
      {plan.channels.length > 0 && (
        <div className="card table-wrap">
          <h2>{t('plan.channels')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.channel')}</th>
                <th scope="col">{t('plan.reason')}</th>
                <th scope="col">{t('plan.personas')}</th>
                <th scope="col">{t('plan.successMetric')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{c.channel}</th>
                  <td>{c.reason}</td>
                  <td>{c.personas.join(', ')}</td>
                  <td>{c.successMetric}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function KpiReviewCard({ id }: { id: number }) {
  // The month of the newest mention: the current month on a live workspace, the last one of a demo.
  const scope = usePeriodScope({ topic: false });
  const [chosen, setMonth] = useState<string | null>(null);
  const month = chosen ?? (scope.status === 'ready' ? scope.scope.last.slice(0, 7) : null);
  if (!month) return null;
  return <KpiReviewTable id={id} month={month} onMonth={setMonth} />;
}

function KpiReviewTable({ id, month, onMonth: setMonth }: { id: number; month: string; onMonth: (month: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const ws = useWorkspace();
  const review = useApi(() => endpoints.planReview(ws, id, month), `${ws}:${id}:${month}`);
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
                    <td className="num">{formatMetric(locale, k.metric, k.actual)}</td>
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

function Tasks({ view }: { view: PlanView }) {
  const { t, i18n } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const tasks = [...view.document.tasks].sort((a, b) => a.due.localeCompare(b.due));
  return (
    <div className="card table-wrap">
      <h2>{t('plan.tasks')}</h2>
      {tasks.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.title')}</th>
              <th scope="col">{t('fields.owner')}</th>
              <th scope="col">{t('fields.due')}</th>
              <th scope="col">{t('fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const late = task.status !== 'done' && task.due < today;
              return (
                <tr key={task.id}>
                  <th scope="row">{task.title}</th>
                  <td>{task.owner}</td>
                  <td className={late ? 'tone-bad nowrap' : 'nowrap'}>
                    {formatDate(i18n.language, `${task.due}T12:00:00`)}
                    {late && <div className="small">{t('plan.late')}</div>}
                  </td>
                  <td>{t(`plan.taskStatus.${task.status}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
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
