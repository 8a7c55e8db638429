/**
 * The editorial calendar: a month or week of posts in the workspace's time zone. Drag a
 * post to another day to reschedule it (it keeps its time of day); from the keyboard,
 * open the post and change its date, or move it a day with the buttons. Owners switch
 * "posts require approval" on and approve; editors compose and submit.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarEndpoints } from '../api/calendar-endpoints.ts';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import type { CalendarItem } from '../../../src/plan/calendar.ts';
import { addDays, localDateKey, startOfLocalDay } from '../../../src/watch/time.ts';
import { CalendarItemPanel } from './CalendarItemPanel.tsx';
import { Composer } from './Composer.tsx';
import { dayOf, moveToDay, stepAnchor, visibleDays, type CalendarView } from './calendar-grid.ts';
import './calendar.css';

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const DRAG_TYPE = 'application/x-murmur-calendar-item';

export function CalendarPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const info = useApi(() => endpoints.workspace(ws), `${ws}:workspace`);
  const plans = useApi(() => endpoints.plans(ws), `${ws}:plans`);
  return (
    <section>
      <h1>{t('nav.calendar')}</h1>
      <p className="muted">{t('composer.intro')}</p>
      <Async state={info}>
        {(w) => (
          <Async state={plans}>
            {(p) => {
              const latest = [...p.items].sort((a, b) => b.updatedAt - a.updatedAt)[0];
              return latest ? <CalendarBoard timeZone={w.timeZone} planId={latest.id} /> : <Empty>{t('composer.noPlan')}</Empty>;
            }}
          </Async>
        )}
      </Async>
    </section>
  );
}

function CalendarBoard({ timeZone, planId }: { timeZone: string; planId: number }) {
  const { t, i18n } = useTranslation();
  const { session, workspace } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role);
  const { search } = useLocation();
  const view: CalendarView = search.get('view') === 'week' ? 'week' : 'month';
  const dateParam = search.get('date');
  const anchor = dateParam && DATE_KEY.test(dateParam) ? dateParam : localDateKey(Date.now(), timeZone);
  const days = visibleDays(view, anchor);
  const range = { from: new Date(startOfLocalDay(days[0]!, timeZone)).toISOString(), to: new Date(startOfLocalDay(addDays(days.at(-1)!, 1), timeZone)).toISOString() };
  const items = useApi(() => calendarEndpoints.items(ws, range.from, range.to), `${ws}:calendar:${range.from}`);
  const all = useApi(() => calendarEndpoints.unscheduled(ws), `${ws}:calendar:all`);
  const settings = useApi(() => calendarEndpoints.settings(ws), `${ws}:calendar:settings`);
  const [selected, setSelected] = useState<number | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const { error, run } = useWrites();
  const requireApproval = settings.status === 'ok' && settings.data.requireApproval;

  const reload = () => {
    items.reload();
    all.reload();
  };
  const go = (next: { view?: CalendarView; date?: string }) => navigate(`/calendar?view=${next.view ?? view}&date=${next.date ?? anchor}`);
  const move = (item: CalendarItem, day: string) =>
    run(async () => {
      await calendarEndpoints.update(ws, item.id, { scheduledAt: moveToDay(item.scheduledAt, day, timeZone) });
      reload();
    });
  const drop = (day: string) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const id = Number(event.dataTransfer.getData(DRAG_TYPE));
    const item = items.status === 'ok' ? items.data.items.find((i) => i.id === id) : undefined;
    if (item && dayOf(item.scheduledAt ?? 0, timeZone) !== day) void move(item, day);
  };
  const weekdays = days.slice(0, 7).map((d) => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)));
  const title = new Intl.DateTimeFormat(i18n.language, view === 'month' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${view === 'month' ? anchor : days[0]}T12:00:00Z`));
  const unscheduled = all.status === 'ok' ? all.data.items.filter((i) => i.scheduledAt === null) : [];
  const selectedItem = [...(items.status === 'ok' ? items.data.items : []), ...unscheduled].find((i) => i.id === selected) ?? null;

  return (
    <>
      {workspace.role === 'owner' && settings.status === 'ok' && (
        <label className="inline card">
          <input
            type="checkbox"
            checked={settings.data.requireApproval}
            onChange={(e) =>
              void run(async () => {
                await calendarEndpoints.setSettings(ws, { requireApproval: e.target.checked });
                settings.reload();
              })
            }
          />{' '}
          {t('composer.requireApproval')}
        </label>
      )}
      {requireApproval && <p className="muted">{t('composer.approvalOn')}</p>}
      {editable && <Composer ws={ws} timeZone={timeZone} planId={planId} owner={session.user.name ?? session.user.email} requireApproval={requireApproval} onSaved={reload} />}

      <div className="calendar-toolbar" role="toolbar" aria-label={t('composer.navigation')}>
        <button type="button" onClick={() => go({ date: stepAnchor(view, anchor, -1) })}>
          {t('composer.previous')}
        </button>
        <strong data-testid="calendar-title">{title}</strong>
        <button type="button" onClick={() => go({ date: stepAnchor(view, anchor, 1) })}>
          {t('composer.next')}
        </button>
        <button type="button" onClick={() => go({ date: localDateKey(Date.now(), timeZone) })}>
          {t('composer.today')}
        </button>
        {(['month', 'week'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => go({ view: v })}>
            {t(`composer.${v}`)}
          </button>
        ))}
      </div>
      <p className="muted small">{t('composer.dragHint')}</p>
      <FormError error={error} />
      <Async state={items}>
        {(data) => (
          <div className={`calendar-grid calendar-${view}`} role="grid" aria-label={title}>
            <div role="row" className="calendar-row">
              {weekdays.map((w) => (
                <div key={w} role="columnheader" className="calendar-weekday">
                  {w}
                </div>
              ))}
            </div>
            {Array.from({ length: days.length / 7 }, (_, week) => (
              <div role="row" className="calendar-row" key={week}>
                {days.slice(week * 7, week * 7 + 7).map((day) => {
                  const inDay = data.items.filter((i) => i.scheduledAt !== null && dayOf(i.scheduledAt, timeZone) === day);
                  return (
                    <div
                      key={day}
                      role="gridcell"
                      data-day={day}
                      className={`calendar-day${over === day ? ' drop-target' : ''}${view === 'month' && day.slice(0, 7) !== anchor.slice(0, 7) ? ' other-month' : ''}`}
                      onDragOver={(e) => {
                        if (!editable) return;
                        e.preventDefault();
                        setOver(day);
                      }}
                      onDragLeave={() => setOver((d) => (d === day ? null : d))}
                      onDrop={drop(day)}
                    >
                      <span className="calendar-date">{Number(day.slice(8))}</span>
                      {inDay.map((item) => (
                        <button
                          key={item.id}
                          type="button"
                          className={`calendar-chip status-${item.status} approval-${item.approval}`}
                          draggable={editable && item.status !== 'published'}
                          onDragStart={(e) => {
                            e.dataTransfer.setData(DRAG_TYPE, String(item.id));
                            e.dataTransfer.effectAllowed = 'move';
                          }}
                          onClick={() => setSelected(item.id)}
                          aria-pressed={selected === item.id}
                          data-testid="calendar-chip"
                        >
                          <span className="small">{new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone }).format(item.scheduledAt!)}</span> {item.channel} · {item.title}
                          <span className="visually-hidden"> ({t(`plan.calendarStatus.${item.status}`)}, {t(`composer.approval.${item.approval}`)})</span>
                        </button>
                      ))}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        )}
      </Async>
      {unscheduled.length > 0 && (
        <section aria-labelledby="unscheduled-title">
          <h2 id="unscheduled-title">{t('composer.unscheduled')}</h2>
          <ul className="plain-list">
            {unscheduled.map((item) => (
              <li key={item.id}>
                <button type="button" className="button-link" onClick={() => setSelected(item.id)}>
                  {item.channel} · {item.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {selectedItem && <CalendarItemPanel key={selectedItem.id} item={selectedItem} timeZone={timeZone} onChanged={reload} onClose={() => setSelected(null)} />}
    </>
  );
}
