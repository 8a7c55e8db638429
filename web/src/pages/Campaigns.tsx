import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { RoiReport, RoiRow } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { rankingOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { formatCompact, formatDate, formatNumber, formatPercent } from '../i18n/format.ts';
import type { ApiTopic, Campaign } from '../api/types.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { ConversionsImport } from './ConversionsImport.tsx';
import { UtmLinks } from './UtmLinks.tsx';

type By = 'campaign' | 'channel';
type Attribution = 'last' | 'linear';

function Toggle<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: Array<[T, string]>; onChange: (v: T) => void }) {
  return (
    <div className="tabs" role="group" aria-label={label}>
      {options.map(([key, text]) => (
        <button key={key} type="button" aria-pressed={key === value} className={key === value ? 'tab active' : 'tab'} onClick={() => onChange(key)}>
          {text}
        </button>
      ))}
    </div>
  );
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const [by, setBy] = useState<By>('campaign');
  const [attribution, setAttribution] = useState<Attribution>('last');
  const roi = useApi(() => endpoints.roi(ws, { by, attribution }), `${ws}:${by}:${attribution}`);
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t('campaigns.title')}</h1>
      <p className="lead">{t('campaigns.intro')}</p>
      <div className="toolbar">
        <Toggle label={t('campaigns.by')} value={by} onChange={setBy} options={[['campaign', t('campaigns.byCampaign')], ['channel', t('campaigns.byChannel')]]} />
        <Toggle
          label={t('campaigns.attribution')}
          value={attribution}
          onChange={setAttribution}
          options={[['last', t('campaigns.lastTouch')], ['linear', t('campaigns.linear')]]}
        />
      </div>
      <Async state={roi}>{(report) => <RoiView report={report} />}</Async>
      <CampaignList editable={canEdit(workspace.role)} onChanged={roi.reload} />
      {canEdit(workspace.role) && <ConversionsImport ws={ws} onImported={roi.reload} />}
    </section>
  );
}

function money(locale: string, value: number | null, currency: string): string {
  if (value === null) return '–';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${formatNumber(locale, value)} ${currency}`;
  }
}

function RoiView({ report }: { report: RoiReport }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const option = useMemo(
    () => rankingOption(report.rows.filter((r) => r.roi !== null).map((r) => ({ name: r.name, value: r.roi! })), locale, { color: '#009E73', percent: true }),
    [report.rows, locale],
  );
  if (report.rows.length === 0) return <Empty>{t('campaigns.none')}</Empty>;
  return (
    <>
      <div className="people-grid">
        <div className="card">
          <h2>{t('campaigns.roi')}</h2>
          <Chart option={option} height={Math.max(160, report.rows.length * 36)} label={t('campaigns.roi')} />
        </div>
        <div className="card table-wrap">
          <h2>{t('campaigns.money')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{report.by === 'campaign' ? t('campaigns.campaign') : t('campaigns.channel')}</th>
                <th scope="col" className="num">{t('fields.cost')}</th>
                <th scope="col" className="num">{t('fields.revenue')}</th>
                <th scope="col" className="num">{t('fields.roi')}</th>
                <th scope="col" className="num">{t('campaigns.costPerLead')}</th>
                <th scope="col" className="num">{t('campaigns.costPerSale')}</th>
              </tr>
            </thead>
            <tbody>
              {[...report.rows, report.total].map((row, i) => (
                <tr key={row.key} className={i === report.rows.length ? 'total-row' : undefined}>
                  <th scope="row">
                    {i === report.rows.length ? t('campaigns.total') : row.name}
                    {report.by === 'campaign' && i < report.rows.length && <div className="muted small">{row.channel}</div>}
                  </th>
                  <td className="num">
                    {money(locale, row.costMoney, row.currency)}
                    <div className="muted small">{t('campaigns.hours', { hours: formatNumber(locale, row.costHours) })}</div>
                  </td>
                  <td className="num">{money(locale, row.revenue, row.currency)}</td>
                  <td className={`num ${row.roi === null ? '' : row.roi >= 0 ? 'tone-good' : 'tone-bad'}`}>{formatPercent(locale, row.roi)}</td>
                  <td className="num">{money(locale, row.costPerLead, row.currency)}</td>
                  <td className="num">{money(locale, row.costPerSale, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card table-wrap">
        <h2>{t('campaigns.funnel')}</h2>
        <p className="help">{t('campaigns.funnelHelp')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="num">{t('campaigns.reach')}</th>
              <th scope="col" className="num">{t('campaigns.engagement')}</th>
              <th scope="col" className="num">{t('campaigns.clicks')}</th>
              <th scope="col" className="num">{t('campaigns.leads')}</th>
              <th scope="col" className="num">{t('campaigns.sales')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <FunnelRow key={row.key} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      {(report.unattributed.leads > 0 || report.unattributed.sales > 0) && (
        <p className="help">
          {t('campaigns.unattributed', {
            leads: formatNumber(locale, report.unattributed.leads),
            sales: formatNumber(locale, report.unattributed.sales),
            revenue: money(locale, report.unattributed.revenue, report.total.currency),
          })}
        </p>
      )}
      {report.warnings.map((w) => (
        <p key={w} className="state state-unavailable">
          {w}
        </p>
      ))}
    </>
  );
}

function FunnelRow({ row }: { row: RoiRow }) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const { funnel, rates } = row;
  const step = (value: number | null, rate: number | null) => (
    <td className="num">
      {formatCompact(locale, value)}
      {rate !== null && <div className="muted small">{formatPercent(locale, rate, 1)}</div>}
    </td>
  );
  return (
    <tr>
      <th scope="row">{row.name}</th>
      {step(funnel.reach, null)}
      {step(funnel.engagement, rates.engagementPerReach)}
      {step(funnel.clicks, rates.clicksPerEngagement)}
      {step(funnel.leads, rates.leadsPerClick)}
      {step(funnel.sales, rates.salesPerLead)}
    </tr>
  );
}

function CampaignList({ editable, onChanged }: { editable: boolean; onChanged: () => void }) {
  const ws = useSession().workspace.slug;
  const state = useApi(() => endpoints.campaigns(ws), `${ws}:campaigns`);
  const topics = useApi(() => endpoints.topics(ws), `${ws}:topics`);
  const changed = () => {
    state.reload();
    onChanged();
  };
  return (
    <Async state={state}>
      {(data) => (
        <Async state={topics}>
          {(known) => (
            <>
              <CampaignTable campaigns={data.items} topics={known.items} editable={editable} onChanged={changed} />
              <UtmLinks ws={ws} campaigns={data.items} editable={editable} />
            </>
          )}
        </Async>
      )}
    </Async>
  );
}

function CampaignTable({ campaigns, topics, editable, onChanged }: { campaigns: Campaign[]; topics: ApiTopic[]; editable: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const ws = useSession().workspace.slug;
  const locale = i18n.language;
  const [editing, setEditing] = useState<Campaign | null>(null);
  return (
    <section className="card table-wrap" aria-labelledby="campaign-list-title">
      <h2 id="campaign-list-title">{t('campaigns.list')}</h2>
      {campaigns.length === 0 ? (
        <Empty>{t('campaigns.none')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.channel')}</th>
              <th scope="col">utm_campaign</th>
              <th scope="col">{t('fields.start')}</th>
              <th scope="col">{t('fields.end')}</th>
              <th scope="col" className="num">{t('fields.cost')}</th>
              {editable && <th scope="col"><span className="visually-hidden">{t('campaignForm.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.channel}</td>
                <td>
                  <code>{c.utmCampaign}</code>
                </td>
                <td>{formatDate(locale, c.startAt)}</td>
                <td>{formatDate(locale, c.endAt)}</td>
                <td className="num">{money(locale, c.costMoney, c.currency)}</td>
                {editable && (
                  <td>
                    <button type="button" className="button-link" aria-label={t('campaignForm.editNamed', { name: c.name })} onClick={() => setEditing(c)}>
                      {t('campaignForm.edit')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && editing && (
        <CampaignForm
          key={editing.id}
          ws={ws}
          topics={topics}
          campaign={editing}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {editable && <CampaignForm ws={ws} topics={topics} onSaved={onChanged} />}
    </section>
  );
}
