/**
 * `murmur plan …`: create and revise a plan entirely from the command line (goal,
 * team, personas, channels, KPIs, calendar, action plan), review it monthly, and
 * move it in and out as JSON or YAML. Every change becomes a new plan version.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { author } from '../author.ts';
import { EXPORT_OPTION, exportToFile } from '../export-file.ts';
import type { Command } from 'commander';
import { ImportError } from '../../core/files/errors.ts';
import pc from 'picocolors';
import { addCalendarItem, CALENDAR_STATUSES, listCalendar, setCalendarStatus, updateCalendarItem, type CalendarItem } from '../../plan/calendar.ts';
import { reviseTargetChange } from '../../plan/plan-changes.ts';
import { TASK_STATUSES, type PlanChange, type PlanDocument } from '../../plan/plan-schema.ts';
import { changePlan, createPlan, getPlan, listPlans, planDiff, planHistory, type PlanView } from '../../plan/plans.ts';
import { enterKpiValue, kpiCurve, kpiTrack, listReviews, monthlyReview, previousMonth, recordReview, reviewsDue, type MonthlyReview } from '../../plan/review.ts';
import { exportPlan, formatFromName, importPlan } from '../../plan/transfer.ts';
import { toEpoch, ValidationError } from '../../core/validation.ts';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import { output, UsageError, withStore, type StoreUse } from '../context.ts';
import { SUMMARY } from '../summaries.ts';
import { notSureNote } from '../not-sure-note.ts';

export { author } from '../author.ts';

/** Validation and lookup failures are the user's to fix: printed without a stack. */
export async function userErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError || error instanceof ImportError) throw new UsageError(error.message);
    throw error;
  }
}

/** Runs `fn` with the store inside userErrors. */
export function withUserStore<T>(command: Command, fn: (store: Store, workspaceId: number) => Promise<T>, use: StoreUse = {}): Promise<T> {
  return userErrors(() => withStore(command, fn, use));
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];
export const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export function number(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} expects a number, got "${value}"`);
    return n;
  };
}

/** `2026-Q1=300` → { quarter, value }; `2026-01=100` → { month, value }. */
function pairs<K extends string>(key: K, values: string[] = []): ({ [P in K]: string } & { value: number })[] {
  return values.map((text) => {
    const [left, right] = text.split('=');
    if (!left || right === undefined) throw new UsageError(`expected ${key}=value, got "${text}"`);
    return { [key]: left.trim(), value: number(key)(right) } as { [P in K]: string } & { value: number };
  });
}

interface PlanFlags {
  plan?: string;
  as?: string;
  json?: boolean;
}

/** The plan named by --plan, or the workspace's only plan. */
export async function planRef(store: Store, workspaceId: number, flag?: string): Promise<number | string> {
  if (flag) return flag;
  const plans = await listPlans(store, workspaceId);
  if (plans.length === 1) return plans[0]!.id;
  if (plans.length === 0) throw new UsageError('no plan yet: create one with `murmur plan init NAME`');
  throw new UsageError(`several plans (${plans.map((p) => p.name).join(', ')}): pick one with --plan`);
}

function renderPlan(p: PlanView): string {
  const d: PlanDocument = p.document;
  const lines = [
    pc.bold(`${d.name}`) + pc.dim(` (plan #${p.id}, version ${p.version}, from ${d.startsOn})`),
    `Goal: ${d.goal ? `${d.goal.type}${d.goal.statement ? ` — ${d.goal.statement}` : ''}\n  why: ${d.goal.justification}` : pc.yellow('not set (murmur plan set-goal)')}`,
    `Differentiator: ${d.differentiator || pc.dim('—')}`,
    pc.bold(`Team (${d.team.length})`),
    ...d.team.map((m) => `  ${m.name}, ${m.department}${m.roles.length ? ': ' + m.roles.map((r) => `${r.role} on ${r.channel ?? `task ${r.task}`}`).join('; ') : ''}`),
    pc.bold(`Personas (${d.personas.length})`),
    ...d.personas.map((x) => `  ${x.name}${x.demographics ? ` — ${x.demographics}` : ''}${x.channels.length ? ` [${x.channels.join(', ')}]` : ''}`),
    pc.bold(`Channels (${d.channels.length})`),
    ...d.channels.map((c) => `  ${c.channel}: ${c.reason}${c.personas.length ? ` → ${c.personas.join(', ')}` : ''}${c.successMetric ? ` (success: ${c.successMetric})` : ''}`),
    pc.bold(`KPIs (${d.kpis.length})`),
    ...d.kpis.map((k) => `  ${k.id}: ${k.name} — ${k.metric}${Object.keys(k.scope).length ? ` ${JSON.stringify(k.scope)}` : ''}; targets ${k.targets.map((t) => `${t.quarter}=${t.value}`).join(', ') || '—'}`),
    pc.bold(`Action plan (${d.tasks.length})`),
    ...d.tasks.map((t) => `  [${t.status}] ${t.id}: ${t.title} — ${t.owner}, due ${t.due}${t.doneOn ? `, done ${t.doneOn}` : ''}`),
  ];
  return lines.join('\n');
}

export const calendarLine = (i: CalendarItem) =>
  `#${i.id} ${i.scheduledAt === null ? 'unscheduled'.padEnd(16) : new Date(i.scheduledAt).toISOString().slice(0, 16).replace('T', ' ')} ${i.channel.padEnd(10)} [${i.status}] ${i.title} — ${i.owner}${i.overdue ? pc.red(' OVERDUE') : ''}`;

const fmt = (n: number | null, digits = 1) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits));

function renderReview(r: MonthlyReview): string {
  const colour = (s: string) => (s === 'ahead' ? pc.green(s) : s === 'behind' ? pc.red(s) : s === 'on track' ? pc.cyan(s) : pc.dim(s));
  return [
    pc.bold(`Review ${r.month}`) + pc.dim(` (plan version ${r.planVersion}${r.elapsed < 1 ? `, ${Math.round(r.elapsed * 100)}% of the month elapsed` : ''})`),
    pc.bold('KPIs: plan vs actual'),
    ...r.kpis.map(
      (k) =>
        `  ${k.name.padEnd(24)} expected ${fmt(k.expected).padStart(8)}  actual ${fmt(k.actual).padStart(8)}${notSureNote(k.notSureShare)}  gap ${k.gap === null ? '—' : `${k.gap >= 0 ? '+' : ''}${fmt(k.gap)}${k.gapPct === null ? '' : ` (${k.gapPct >= 0 ? '+' : ''}${k.gapPct.toFixed(0)}%)`}`}  ${colour(k.status)}` +
        pc.dim(`  ${k.quarter.quarter}: ${fmt(k.quarter.actualToDate)} of ${fmt(k.quarter.target)}`),
    ),
    pc.bold('Tasks per person'),
    ...r.tasks.map((t) => `  ${t.owner.padEnd(16)} done ${t.done} (late ${t.doneLate})  open ${t.open}  late ${t.late}${t.lateTasks.length ? pc.red(` [${t.lateTasks.join(', ')}]`) : ''}`),
    `Calendar: ${r.calendar.published} of ${r.calendar.planned} published, ${r.calendar.overdue} overdue`,
  ].join('\n');
}

function change(command: Command, flags: PlanFlags, build: () => PlanChange) {
  return withUserStore(command, async (store, ws) => {
    const plan = await changePlan(store, ws, await planRef(store, ws, flags.plan), build(), author(flags));
    output(flags, plan, (p) => `${p.document.name}: version ${p.version} saved`);
  });
}

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description(SUMMARY.plan);
  const common = (c: Command) => c.option('--plan <name|id>', 'which plan (default: the only one)').option('--as <name>', 'author recorded in the history (default $MURMUR_USER or login)').option('--json', 'print JSON');

  common(plan.command('init').description('create a plan').argument('<name>'))
    .option('--starts <date>', 'first day of the plan, YYYY-MM-DD', new Date().toISOString().slice(0, 8) + '01')
    .option('--goal <type>', 'awareness | sales | loyalty | service | custom')
    .option('--why <text>', 'justification of the goal')
    .option('--statement <text>', 'the goal in one sentence')
    .action((name: string, flags: PlanFlags & { starts: string; goal?: string; why?: string; statement?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const goal = flags.goal ? { type: flags.goal, justification: flags.why ?? '', statement: flags.statement } : null;
        const created = await createPlan(store, ws, { name, startsOn: flags.starts, goal: goal as never }, author(flags));
        output(flags, created, (p) => `created plan "${p.name}" (#${p.id})`);
      }, { create: true }),
    );

  plan.command('list').description('plans of the workspace').option('--json', 'print JSON').action((flags: { json?: boolean }, command: Command) =>
    withUserStore(command, async (store, ws) => {
      const plans = await listPlans(store, ws);
      output(flags, plans, (all) => (all.length ? all.map((p) => `#${p.id} ${p.name} (version ${p.version})`).join('\n') : 'no plans'));
    }),
  );

  common(plan.command('show').description('the plan, its calendar and overdue items'))
    .option('--version <n>', 'an earlier version', number('--version'))
    .action((flags: PlanFlags & { version?: number }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const p = await getPlan(store, ws, await planRef(store, ws, flags.plan), flags.version);
        const calendar = await listCalendar(store, ws, { planId: p.id });
        output(flags, { ...p, calendar }, (d) => `${renderPlan(d)}\n${pc.bold(`Calendar (${d.calendar.length}, ${d.calendar.filter((i) => i.overdue).length} overdue)`)}\n${d.calendar.map((i) => `  ${calendarLine(i)}`).join('\n')}`);
      }),
    );

  common(plan.command('set-goal').description('the one primary goal').argument('<type>', 'awareness | sales | loyalty | service | custom'))
    .requiredOption('--why <text>', 'why this goal comes first')
    .option('--statement <text>', 'the goal in one sentence')
    .action((type: string, flags: PlanFlags & { why: string; statement?: string }, command: Command) =>
      change(command, flags, () => ({ op: 'set-goal', goal: { type: type as 'custom', justification: flags.why, statement: flags.statement } })),
    );

  common(plan.command('set-differentiator').description('the one thing that sets the brand apart').argument('<text>')).action(
    (text: string, flags: PlanFlags, command: Command) => change(command, flags, () => ({ op: 'set-differentiator', differentiator: text })),
  );

  common(plan.command('set-start').description('move the first day of the plan').argument('<date>', 'YYYY-MM-DD')).action(
    (startsOn: string, flags: PlanFlags, command: Command) => change(command, flags, () => ({ op: 'set-start', startsOn })),
  );

  common(plan.command('change').description('apply any plan change given as JSON, e.g. {"op":"update-persona","persona":"Foodie","value":{…}} (the API\'s change body)').argument('<json>'))
    .action((json: string, flags: PlanFlags, command: Command) =>
      change(command, flags, () => {
        try {
          return JSON.parse(json) as PlanChange;
        } catch (error) {
          throw new UsageError(`the change is not JSON: ${(error as Error).message}`);
        }
      }),
    );

  /** `plan <part> remove <key>`: the same removal for every part of the plan. */
  const remove = (parent: Command, what: string, build: (key: string) => PlanChange) =>
    common(parent.command('remove').description(`remove a ${what}`).argument('<key>')).action((key: string, flags: PlanFlags, command: Command) => change(command, flags, () => build(key)));

  const team = plan.command('team').description('the cross-functional team');
  remove(team, 'team member (who owns no task)', (member) => ({ op: 'remove-member', member }));
  common(team.command('add').description('add a team member').argument('<name>'))
    .requiredOption('--department <name>', 'e.g. Marketing, Sales, Support')
    .option('--role <channel:role>', 'role on a channel, e.g. "mastodon:community manager" (repeatable)', collect)
    .option('--task-role <task:role>', 'role on a task (repeatable)', collect)
    .action((name: string, flags: PlanFlags & { department: string; role?: string[]; taskRole?: string[] }, command: Command) =>
      change(command, flags, () => {
        const split = (s: string) => {
          const i = s.indexOf(':');
          if (i < 1) throw new UsageError(`expected channel:role or task:role, got "${s}"`);
          return [s.slice(0, i).trim(), s.slice(i + 1).trim()] as const;
        };
        const roles = [
          ...(flags.role ?? []).map(split).map(([channel, role]) => ({ channel, role })),
          ...(flags.taskRole ?? []).map(split).map(([task, role]) => ({ task, role })),
        ];
        return { op: 'add-member', member: { name, department: flags.department, roles } };
      }),
    );

  const persona = plan.command('persona').description('audience personas');
  common(persona.command('add').description('add a persona').argument('<name>'))
    .option('--demographics <text>')
    .option('--psychographics <text>')
    .option('--behaviour <text>')
    .option('--values <text>', 'values online')
    .option('--challenges <text>', 'challenges online')
    .option('--channels <list>', 'channels they use, comma-separated', list)
    .action((name: string, flags: PlanFlags & Record<string, string | string[] | undefined>, command: Command) =>
      change(command, flags, () => ({
        op: 'add-persona',
        persona: {
          name,
          demographics: flags.demographics as string | undefined,
          psychographics: flags.psychographics as string | undefined,
          behaviour: flags.behaviour as string | undefined,
          values: flags.values as string | undefined,
          challenges: flags.challenges as string | undefined,
          channels: flags.channels as string[] | undefined,
        },
      })),
    );

  remove(persona, 'persona (that no channel serves)', (name) => ({ op: 'remove-persona', persona: name }));

  const channel = plan.command('channel').description('the channel plan');
  remove(channel, 'channel', (name) => ({ op: 'remove-channel', channel: name }));
  common(channel.command('add').description('add a channel').argument('<channel>'))
    .requiredOption('--reason <text>', 'why the brand is there')
    .option('--personas <list>', 'personas it serves, comma-separated', list)
    .option('--content <text>', 'content plan')
    .option('--resources <text>', 'people, hours, budget')
    .option('--metric <text>', 'its own success metric')
    .action((name: string, flags: PlanFlags & { reason: string; personas?: string[]; content?: string; resources?: string; metric?: string }, command: Command) =>
      change(command, flags, () => ({
        op: 'add-channel',
        channel: { channel: name, reason: flags.reason, personas: flags.personas, contentPlan: flags.content, resources: flags.resources, successMetric: flags.metric },
      })),
    );

  const kpi = plan.command('kpi').description('KPIs with quarterly targets and a forecast curve');
  common(kpi.command('add').description('add a KPI bound to a metric').argument('<id>', 'short id, e.g. mentions'))
    .requiredOption('--name <text>', 'what it is called in reports')
    .requiredOption('--metric <metric>', 'mentions | share_of_voice | net_sentiment | engagement | own_engagement | clicks | leads | conversions | revenue | followers | entered')
    .option('--topic <name>', 'scope: a topic')
    .option('--source <name>', 'scope: a source / utm_source')
    .option('--campaign <utm>', 'scope: a campaign (utm_campaign)')
    .option('--nature <flow|level>', 'for --metric entered: summed per month (flow) or read at month end (level)')
    .option('--target <quarter=value>', 'quarterly target, e.g. 2026-Q1=300 (repeatable)', collect)
    .option('--forecast <month=value>', 'sketch of expected monthly values, e.g. 2026-03=120 (repeatable)', collect)
    .option('--direction <up|down>', 'up when more is better', 'up')
    .option('--tolerance <fraction>', 'on-track band, e.g. 0.05', number('--tolerance'))
    .action((id: string, flags: PlanFlags & { name: string; metric: string; topic?: string; source?: string; campaign?: string; nature?: string; target?: string[]; forecast?: string[]; direction: string; tolerance?: number }, command: Command) =>
      change(command, flags, () => ({
        op: 'add-kpi',
        kpi: {
          id,
          name: flags.name,
          metric: flags.metric as 'entered',
          scope: Object.fromEntries(Object.entries({ topic: flags.topic, source: flags.source, campaign: flags.campaign }).filter(([, v]) => v !== undefined)),
          nature: flags.nature as 'flow' | undefined,
          direction: flags.direction as 'up',
          tolerance: flags.tolerance,
          targets: pairs('quarter', flags.target),
          forecast: pairs('month', flags.forecast),
        },
      })),
    );

  remove(kpi, 'KPI', (id) => ({ op: 'remove-kpi', kpi: id }));

  common(kpi.command('enter').description('enter a value of a user-entered KPI (followers, entered)').argument('<id>').argument('<value>', 'the value', number('value')))
    .option('--on <date>', 'date measured (default today)')
    .action((id: string, value: number, flags: PlanFlags & { on?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const entry = await enterKpiValue(store, ws, await planRef(store, ws, flags.plan), id, value, flags.on ? toEpoch(flags.on) : Date.now(), author(flags));
        output(flags, entry, () => `recorded ${id} = ${value}`);
      }),
    );

  common(kpi.command('curve').description('the expected path drawn through the targets or sketch').argument('<id>'))
    .option('--from <month>', 'YYYY-MM (default: the plan start)')
    .option('--to <month>', 'YYYY-MM (default: a year after --from)')
    .action((id: string, flags: PlanFlags & { from?: string; to?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const curve = await kpiCurve(store, ws, await planRef(store, ws, flags.plan), id, flags.from, flags.to);
        output(flags, curve, (points) => points.map((c) => `${c.month}  ${c.expected.toFixed(1).padStart(10)}${c.sketched ? pc.dim('  (sketched)') : ''}`).join('\n'));
      }),
    );

  common(kpi.command('track').description('month by month: expected (the curve) next to actual').argument('<id>'))
    .option('--from <month>', 'YYYY-MM (default: the plan start)')
    .option('--to <month>', 'YYYY-MM (default: last month)')
    .action((id: string, flags: PlanFlags & { from?: string; to?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const ref = await planRef(store, ws, flags.plan);
        const p = await getPlan(store, ws, ref);
        const track = await kpiTrack(store, ws, ref, id, flags.from ?? p.document.startsOn.slice(0, 7), flags.to ?? previousMonth(Date.now()));
        output(flags, track, (t) => [pc.bold(`${t.kpi.name} (${t.kpi.metric})`), ...t.points.map((x) => `  ${x.month}  expected ${fmt(x.expected).padStart(10)}  actual ${fmt(x.actual).padStart(10)}  ${x.status}`)].join('\n'));
      }),
    );

  const calendar = plan.command('calendar').description('editorial calendar');
  common(calendar.command('add').description('plan a post'))
    .requiredOption('--channel <name>')
    .requiredOption('--title <text>')
    .requiredOption('--owner <name>')
    .option('--at <when>', 'date or ISO timestamp')
    .option('--body <text>', 'the post text', '')
    .option('--status <status>', CALENDAR_STATUSES.join(' | '), 'idea')
    .action((flags: PlanFlags & { channel: string; title: string; owner: string; at?: string; body: string; status: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const p = await getPlan(store, ws, await planRef(store, ws, flags.plan));
        const item = await addCalendarItem(store, ws, { planId: p.id, channel: flags.channel, title: flags.title, owner: flags.owner, body: flags.body, scheduledAt: flags.at ?? null, status: flags.status as 'idea' }, Date.now(), author(flags));
        output(flags, item, calendarLine);
      }),
    );
  common(calendar.command('list').description('calendar items, overdue ones flagged'))
    .option('--overdue', 'only overdue items')
    .option(...EXPORT_OPTION)
    .action((flags: PlanFlags & { overdue?: boolean; export?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const p = await getPlan(store, ws, await planRef(store, ws, flags.plan));
        const items = await listCalendar(store, ws, { planId: p.id, overdueOnly: flags.overdue });
        if (flags.export) return void process.stdout.write(`${await exportToFile(flags.export, 'calendar', [['Calendar', items]])}\n`);
        output(flags, items, (all) => (all.length ? all.map(calendarLine).join('\n') : 'no calendar items'));
      }),
    );
  common(calendar.command('status').description('move an item to another status').argument('<id>', 'item id', number('id')).argument('<status>', CALENDAR_STATUSES.join(' | '))).action(
    (id: number, status: string, flags: PlanFlags, command: Command) =>
      withUserStore(command, async (store, ws) => output(flags, await setCalendarStatus(store, ws, id, status as 'idea', Date.now(), author(flags)), calendarLine)),
  );

  common(calendar.command('edit').description('change a planned post').argument('<id>', 'item id', number('id')))
    .option('--channel <name>')
    .option('--title <text>')
    .option('--body <text>')
    .option('--owner <name>')
    .option('--at <when>', 'date or ISO timestamp')
    .action((id: number, flags: PlanFlags & { channel?: string; title?: string; body?: string; owner?: string; at?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const patch = { channel: flags.channel, title: flags.title, body: flags.body, owner: flags.owner, scheduledAt: flags.at };
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        if (Object.keys(defined).length === 0) throw new UsageError('nothing to change: give --title, --body, --owner, --channel or --at');
        output(flags, await updateCalendarItem(store, ws, id, defined, Date.now(), author(flags)), calendarLine);
      }),
    );

  const task = plan.command('task').description('the action plan');
  common(task.command('add').description('add a step with one owner').argument('<id>', 'short id'))
    .requiredOption('--title <text>')
    .requiredOption('--owner <name>', 'a team member')
    .requiredOption('--due <date>', 'YYYY-MM-DD')
    .option('--channel <name>')
    .action((id: string, flags: PlanFlags & { title: string; owner: string; due: string; channel?: string }, command: Command) =>
      change(command, flags, () => ({ op: 'add-task', task: { id, title: flags.title, owner: flags.owner, due: flags.due, channel: flags.channel } })),
    );
  common(task.command('edit').description('change a step: title, owner (assign), due date, channel, status').argument('<id>'))
    .option('--id <new-id>', 'rename the step')
    .option('--title <text>')
    .option('--owner <name>', 'a team member')
    .option('--due <date>', 'YYYY-MM-DD')
    .option('--channel <name>')
    .option('--status <status>', TASK_STATUSES.join(' | '))
    .action((id: string, flags: PlanFlags & { id?: string; title?: string; owner?: string; due?: string; channel?: string; status?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const ref = await planRef(store, ws, flags.plan);
        const current = (await getPlan(store, ws, ref)).document.tasks.find((t) => t.id === id);
        if (!current) throw new UsageError(`no task "${id}" in the plan`);
        const edits = { id: flags.id, title: flags.title, owner: flags.owner, due: flags.due, channel: flags.channel, status: flags.status };
        const defined = Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined));
        if (Object.keys(defined).length === 0) throw new UsageError('nothing to change: give --id, --title, --owner, --due, --channel or --status');
        const p = await changePlan(store, ws, ref, { op: 'update-task', task: id, value: { ...current, ...defined } as typeof current }, author(flags));
        output(flags, p, (v) => `${v.document.name}: version ${v.version} saved`);
      }),
    );
  remove(task, 'step', (id) => ({ op: 'remove-task', task: id }));
  common(task.command('status').description('set a task status').argument('<id>').argument('<status>', TASK_STATUSES.join(' | ')))
    .option('--on <date>', 'for done: the day it was done (default today)')
    .action((id: string, status: string, flags: PlanFlags & { on?: string }, command: Command) =>
      change(command, flags, () => ({ op: 'set-task-status', task: id, status: status as 'done', on: flags.on })),
    );

  common(plan.command('review').description('monthly review: KPIs plan-vs-actual, tasks per person; --decision records it'))
    .option('--month <YYYY-MM>', 'the month reviewed (default: last month)')
    .option('--decision <text>', 'a decision taken (repeatable); records the review', collect)
    .option('--revise-target <kpi:quarter=value>', 'revise a KPI target as part of the review (repeatable)', collect)
    .option('--history', 'list the recorded reviews instead')
    .option('--due', "list the plans whose last month's review is not recorded yet")
    .action((flags: PlanFlags & { month?: string; decision?: string[]; reviseTarget?: string[]; history?: boolean; due?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        if (flags.due) {
          const due = await reviewsDue(store, ws);
          return output(flags, due, (all) => all.map((d) => `${d.name}: review of ${d.month} is due`).join('\n') || 'no review due');
        }
        const ref = await planRef(store, ws, flags.plan);
        if (flags.history) {
          const reviews = await listReviews(store, ws, ref);
          return output(flags, reviews, (all) => all.map((r) => `${r.month} by ${r.author}: ${r.decisions.join('; ')}`).join('\n') || 'no reviews recorded');
        }
        const month = flags.month ?? previousMonth(Date.now());
        if (!flags.decision?.length) {
          if (flags.reviseTarget?.length) throw new UsageError('--revise-target needs at least one --decision');
          return output(flags, await monthlyReview(store, ws, ref, month), renderReview);
        }
        const current = await getPlan(store, ws, ref);
        const changes: PlanChange[] = (flags.reviseTarget ?? []).map((spec) => {
          const m = /^([^:]+):(\d{4}-Q[1-4])=(.+)$/.exec(spec);
          if (!m) throw new UsageError(`--revise-target expects kpi:YYYY-Qn=value, got "${spec}"`);
          return reviseTargetChange(current.document, m[1]!, m[2]!, number('--revise-target')(m[3]!));
        });
        const recorded = await recordReview(store, ws, ref, { month, decisions: flags.decision, changes }, author(flags));
        output(flags, recorded, (r) => `${renderReview(r.review)}\n${pc.bold('Decisions')}\n${r.decisions.map((d) => `  - ${d}`).join('\n')}\nrecorded; plan now at version ${r.planVersionAfter}`);
      }),
    );

  common(plan.command('export').description('the whole plan as JSON or YAML'))
    .option('--format <json|yaml>', 'default: from --out, else yaml')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((flags: PlanFlags & { format?: string; out?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const format = flags.format ?? (flags.out ? formatFromName(flags.out) : 'yaml');
        if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format must be json or yaml, got "${format}"`);
        const text = await exportPlan(store, ws, await planRef(store, ws, flags.plan), format);
        if (flags.out) {
          await writeFile(flags.out, text);
          process.stdout.write(`wrote ${flags.out}\n`);
        } else process.stdout.write(text);
      }),
    );

  common(plan.command('import').description('import a plan file (JSON or YAML); an existing plan of that name gets a new version').argument('<file>'))
    .option('--format <json|yaml>', 'default: from the file name')
    .action((file: string, flags: PlanFlags & { format?: string }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
        }
        const format = (flags.format ?? formatFromName(file)) as 'json';
        const result = await importPlan(store, ws, text, format, author(flags));
        output(flags, result, (r) => `${r.created ? 'created' : 'updated'} plan "${r.plan.name}" (version ${r.plan.version}); calendar: ${r.calendarAdded} added, ${r.calendarSkipped} already there`);
      }, { create: true }),
    );

  common(plan.command('history').description('every version: who changed what, when')).action((flags: PlanFlags, command: Command) =>
    withUserStore(command, async (store, ws) => {
      const history = await planHistory(store, ws, await planRef(store, ws, flags.plan));
      output(flags, history, (all) => all.map((h) => `v${h.version}  ${new Date(h.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${h.author.padEnd(12)} ${h.change}`).join('\n'));
    }),
  );

  common(plan.command('diff').description('what changed between two versions, field by field').argument('<from>', 'version', number('from')).argument('[to]', 'version (default: newest)', number('to'))).action(
    (from: number, to: number | undefined, flags: PlanFlags, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const diff = await planDiff(store, ws, await planRef(store, ws, flags.plan), from, to);
        const show = (v: unknown) => (v === undefined ? pc.dim('(none)') : JSON.stringify(v));
        output(flags, diff, (d) => [`v${d.from} → v${d.to}: ${d.changes.length} change(s)`, ...d.changes.map((c) => `  ${c.path}: ${show(c.before)} → ${show(c.after)}`)].join('\n'));
      }),
  );
}
