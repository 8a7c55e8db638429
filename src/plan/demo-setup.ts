/**
 * The Plan part of `murmur demo`: Brewly's second-half plan (goal, team, personas,
 * channels, KPIs, action plan, editorial calendar), then the September review measured
 * on the sample stream and the CRM conversions, with its decisions recorded.
 *
 * The mention targets follow what a planner does: take the run rate of the stream's
 * first two weeks (before any campaign) and aim 10% above it.
 */
import type { DemoSection, DemoStep } from '../demo/demo-step.ts';
import type { Store } from '../store/store.ts';
import { addCalendarItem, listCalendar, type CalendarItemInput } from './calendar.ts';
import { addKpiEntry, measureMetric } from './measure.ts';
import type { PlanDocumentInput } from './plan-schema.ts';
import { createPlan, planHistory } from './plans.ts';
import { recordReview, type RecordedReview } from './review.ts';

const DAY = 86_400_000;
const PLAN_AUTHOR = 'maya';

export function demoPlanDocument(brewlyPerDay: number): PlanDocumentInput {
  const quarter = (days: number) => Math.round(brewlyPerDay * days * 1.1);
  return {
    name: 'Brewly H2 2026',
    startsOn: '2026-08-01',
    goal: {
      type: 'awareness',
      statement: 'Be the coffee people in our five markets talk about',
      justification: 'Kaffio out-talks us 1:1.5 on social while our repeat-purchase rate is the best in the category: more people need to hear of us',
    },
    differentiator: 'Baristas who answer every question in the customer’s own language',
    team: [
      { name: 'Maya Chen', department: 'Marketing', roles: [{ channel: 'bluesky', role: 'community manager' }, { task: 'baristas-launch', role: 'owner' }] },
      { name: 'Luca Rossi', department: 'Marketing', roles: [{ channel: 'mastodon', role: 'content creator' }] },
      { name: 'Ana Petrova', department: 'Sales', roles: [{ channel: 'newsletter', role: 'editor' }] },
      { name: 'Rina Wijaya', department: 'Support', roles: [{ channel: 'reddit', role: 'answers questions' }] },
    ],
    personas: [
      {
        name: 'Home barista',
        demographics: '25–40, cities in FR, IT, ID',
        psychographics: 'craft over convenience, shares recipes',
        behaviour: 'posts latte art, asks for grinder advice',
        values: 'transparency about sourcing',
        challenges: 'drowning in sponsored content',
        channels: ['bluesky', 'mastodon'],
      },
      {
        name: 'Office buyer',
        demographics: '30–55, office managers',
        psychographics: 'reliability first',
        behaviour: 'reads newsletters, compares prices',
        values: 'service that answers',
        challenges: 'no time to research',
        channels: ['newsletter', 'reddit'],
      },
    ],
    channels: [
      { channel: 'bluesky', reason: 'where the home-barista conversation moved', personas: ['Home barista'], contentPlan: 'recipes, baristas answering', resources: 'Maya, 10 h/week', successMetric: 'brand mentions' },
      { channel: 'mastodon', reason: 'the craft-coffee instances in FR and IT', personas: ['Home barista'], contentPlan: 'behind the roastery', resources: 'Luca, 4 h/week', successMetric: 'engagement' },
      { channel: 'newsletter', reason: 'office buyers read email', personas: ['Office buyer'], contentPlan: 'monthly offers', resources: 'Ana, 2 h/week', successMetric: 'revenue' },
      { channel: 'reddit', reason: 'questions and complaints surface there first', personas: ['Office buyer'], contentPlan: 'answers, no ads', resources: 'Rina, 3 h/week', successMetric: 'net sentiment' },
    ],
    kpis: [
      { id: 'mentions', name: 'Brand mentions', metric: 'mentions', scope: { topic: 'Brewly' }, targets: [{ quarter: '2026-Q3', value: quarter(92) }, { quarter: '2026-Q4', value: quarter(92) * 1.2 }] },
      { id: 'sov', name: 'Share of voice (%)', metric: 'share_of_voice', scope: { topic: 'Brewly' }, targets: [{ quarter: '2026-Q3', value: 45 }, { quarter: '2026-Q4', value: 50 }] },
      { id: 'sentiment', name: 'Net sentiment', metric: 'net_sentiment', scope: { topic: 'Brewly' }, targets: [{ quarter: '2026-Q3', value: 10 }, { quarter: '2026-Q4', value: 15 }] },
      { id: 'leads', name: 'CRM leads', metric: 'leads', targets: [{ quarter: '2026-Q3', value: 240 }, { quarter: '2026-Q4', value: 450 }] },
      { id: 'revenue', name: 'Attributed revenue (EUR)', metric: 'revenue', targets: [{ quarter: '2026-Q3', value: 4500 }, { quarter: '2026-Q4', value: 9000 }] },
      { id: 'followers', name: 'Bluesky followers', metric: 'followers', forecast: [{ month: '2026-08', value: 1200 }, { month: '2026-10', value: 1800 }, { month: '2026-12', value: 2600 }] },
    ],
    tasks: [
      { id: 'summer-assets', title: 'Produce #BrewlySummer videos', owner: 'Luca Rossi', due: '2026-08-20', status: 'done', doneOn: '2026-08-19' },
      { id: 'baristas-launch', title: 'Recruit the first 20 Brewly Baristas', owner: 'Maya Chen', due: '2026-08-31', status: 'done', doneOn: '2026-09-04' },
      { id: 'newsletter-template', title: 'Autumn newsletter template', owner: 'Ana Petrova', due: '2026-09-10', status: 'done', doneOn: '2026-09-09' },
      { id: 'reddit-faq', title: 'FAQ answers for r/coffee threads', owner: 'Rina Wijaya', due: '2026-09-15', status: 'doing' },
      { id: 'crisis-playbook', title: 'Write the crisis playbook', owner: 'Maya Chen', due: '2026-09-25', status: 'todo' },
      { id: 'q4-budget', title: 'Q4 budget proposal', owner: 'Ana Petrova', due: '2026-10-20', status: 'todo' },
    ],
  };
}

const calendar: Omit<CalendarItemInput, 'planId'>[] = [
  { channel: 'bluesky', title: '#BrewlySummer launch video', owner: 'Luca Rossi', scheduledAt: '2026-08-23T15:00:00Z', status: 'published' },
  { channel: 'mastodon', title: 'Roastery tour (FR/IT)', owner: 'Luca Rossi', scheduledAt: '2026-08-27T10:00:00Z', status: 'published' },
  { channel: 'bluesky', title: 'Meet the Brewly Baristas', owner: 'Maya Chen', scheduledAt: '2026-09-02T14:00:00Z', status: 'published' },
  { channel: 'newsletter', title: 'Autumn offers for offices', owner: 'Ana Petrova', scheduledAt: '2026-09-15T08:00:00Z', status: 'published' },
  { channel: 'reddit', title: 'AMA with our head roaster', owner: 'Rina Wijaya', scheduledAt: '2026-09-22T17:00:00Z', status: 'approved' },
  { channel: 'bluesky', title: 'Grinder guide thread', owner: 'Maya Chen', scheduledAt: '2026-10-06T14:00:00Z', status: 'failed' },
  { channel: 'mastodon', title: 'Harvest report from Sumatra', owner: 'Luca Rossi', scheduledAt: '2026-10-20T10:00:00Z', status: 'draft' },
  { channel: 'newsletter', title: 'Holiday gift boxes', owner: 'Ana Petrova', scheduledAt: '2026-11-10T08:00:00Z', status: 'scheduled' },
  { channel: 'bluesky', title: 'Barista of the month', owner: 'Maya Chen', scheduledAt: '2026-11-12T14:00:00Z', status: 'approved' },
  { channel: 'mastodon', title: 'Decaf myths', owner: 'Luca Rossi', scheduledAt: null, status: 'idea' },
];

export interface DemoPlan {
  planId: number;
  review: RecordedReview;
  overdue: number;
  versions: number;
}

/** Creates the plan and its calendar, enters follower counts, records the September review. */
export async function setupDemoPlan(store: Store, workspaceId: number, streamStart: number, now: number): Promise<DemoPlan> {
  // Run rate before any campaign: the stream's first 14 days.
  const firstWeeks = await measureMetric(store, workspaceId, 'mentions', { topic: 'Brewly' }, { from: streamStart, to: streamStart + 14 * DAY });
  const plan = await createPlan(store, workspaceId, demoPlanDocument((firstWeeks ?? 0) / 14), PLAN_AUTHOR, streamStart);
  for (const item of calendar) await addCalendarItem(store, workspaceId, { ...item, planId: plan.id }, streamStart);
  for (const [on, value] of [['2026-08-31', 1290], ['2026-09-30', 1510], ['2026-10-31', 1705]] as const) {
    await addKpiEntry(store, workspaceId, plan.id, 'followers', value, Date.parse(`${on}T20:00:00Z`), 'maya', now);
  }
  const review = await recordReview(
    store,
    workspaceId,
    plan.id,
    {
      month: '2026-09',
      decisions: ['Keep the Baristas programme: it is what moves mentions', 'Rina gets help on Reddit until the FAQ ships'],
      changes: [
        { op: 'add-task', task: { id: 'reddit-faq-help', title: 'Pair with Rina on the Reddit FAQ', owner: 'Luca Rossi', due: '2026-10-09' } },
      ],
    },
    'maya',
    now,
  );
  const overdue = (await listCalendar(store, workspaceId, { planId: plan.id }, now)).filter((i) => i.overdue).length;
  return { planId: plan.id, review, overdue, versions: (await planHistory(store, workspaceId, plan.id)).length };
}

const fmt = (n: number | null) => (n === null ? '—' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));

/** Demo step: run after the ROI step so the revenue and lead KPIs have conversions to measure. */
export const demoPlanStep: DemoStep = async ({ store, workspaceId, stream }): Promise<DemoSection> => {
  const start = Date.parse(`${stream.groundTruth.start}T00:00:00Z`);
  const now = start + stream.groundTruth.days * DAY;
  const demo = await setupDemoPlan(store, workspaceId, start, now);
  const r = demo.review.review;
  return {
    title: `Plan: Brewly H2 2026 — September review (plan version ${r.planVersion} → ${demo.review.planVersionAfter})`,
    lines: [
      '  KPI                        expected     actual   gap      status',
      ...r.kpis.map((k) => `  ${k.name.padEnd(26)} ${fmt(k.expected).padStart(8)} ${fmt(k.actual).padStart(10)}   ${k.gapPct === null ? '—'.padEnd(8) : `${k.gapPct >= 0 ? '+' : ''}${k.gapPct.toFixed(0)}%`.padEnd(8)} ${k.status}`),
      '  tasks per person (done / done late / open & late):',
      ...r.tasks.map((t) => `    ${t.owner.padEnd(12)} ${t.done} / ${t.doneLate} / ${t.late}${t.lateTasks.length ? `  (${t.lateTasks.join(', ')})` : ''}`),
      `  calendar: ${r.calendar.published} of ${r.calendar.planned} September posts published; ${demo.overdue} items overdue overall`,
      `  decisions: ${demo.review.decisions.join('; ')}`,
    ],
    data: demo,
  };
};
