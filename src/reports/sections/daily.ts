/** The daily checklist: crisis scan, spikes vs a normal day with causes, advocates and detractors of the day, the day against its KPI baseline. */
import { loadBaseline } from '../../watch/loaders.ts';
import type { KpiName } from '../../watch/baseline.ts';
import { netSentimentCell, type ReportContext } from '../context.ts';
import type { Block, Section } from '../document.ts';
import { advocacySection, crisisSection, spikesSection } from './shared.ts';

function formatKpi(kpi: KpiName, value: number | null, c: ReportContext): string {
  if (value == null) return '–';
  if (kpi === 'negativeShare') return c.words.percent(value);
  if (kpi === 'netSentiment') return c.words.number(value);
  return c.words.number(value);
}

export async function baselineSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const b = await loadBaseline(c.store, c.workspaceId, { topicId: c.topic.id, date: c.date, timeZone: c.timeZone });
  const rows = b.kpis.map((k) => [
    w.t(`kpi.${k.kpi}`),
    k.kpi === 'netSentiment' ? netSentimentCell(k.value, b.notSureShare, w) : formatKpi(k.kpi, k.value, c),
    formatKpi(k.kpi, k.sameWeekday ?? k.median, c),
    k.low == null || k.high == null ? '–' : `${formatKpi(k.kpi, k.low, c)} – ${formatKpi(k.kpi, k.high, c)}`,
    k.change == null ? '–' : k.kpi === 'netSentiment' ? (k.change > 0 ? '+' : '') + w.number(k.change) : w.signedPercent(k.change),
    w.t(`kpiStatus.${k.status}`),
  ]);
  const mentions = b.kpis.find((k) => k.kpi === 'mentions')!;
  const blocks: Block[] = [];
  if (mentions.change != null) {
    blocks.push({
      type: 'paragraph',
      text: `${w.count('mentions', mentions.value ?? 0)} — ${w.t('text.summaryVsNormal', { change: w.signedPercent(mentions.change), weekday: w.weekday(b.day.weekday) })}.`,
    });
  }
  blocks.push({
    type: 'table',
    columns: ['', w.t('col.value'), w.t('col.normal'), w.t('col.range'), w.t('col.change'), w.t('col.status')],
    align: ['left', 'right', 'right', 'right', 'right', 'left'],
    rows,
  });
  const off = b.kpis.some((k) => (k.kpi === 'negativeShare' && k.status === 'above') || (k.kpi === 'mentions' && k.status !== 'normal' && k.status !== 'unknown'));
  return { id: 'baseline', title: w.t('item.baseline'), status: off ? 'attention' : 'ok', blocks };
}

export async function dailySections(c: ReportContext): Promise<Section[]> {
  return [await crisisSection(c), await spikesSection(c, { hourly: true, chartDays: 28 }), await advocacySection(c), await baselineSection(c)];
}
