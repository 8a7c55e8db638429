import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { addCalendarItem, listCalendar, updateCalendarItem } from './calendar.ts';
import { changePlan, createPlan, getPlan, planDiff, planHistory } from './plans.ts';
import { kpiTrack, monthlyReview, recordReview, reviewsDue } from './review.ts';
import { createTopic, samplePlan, storeMentions } from './test-fixtures.ts';
import { exportPlan, importPlan } from './transfer.ts';
import { ValidationError } from '../core/validation.ts';

const T0 = Date.parse('2026-01-05T09:00:00Z');

describeEachStore('plans', (open) => {
  it('keeps every version and who made it', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    expect(plan.version).toBe(1);
    await changePlan(store, 1, plan.id, { op: 'set-goal', goal: { type: 'sales', justification: 'Cash first' } }, 'bo', T0 + 1000);
    await changePlan(store, 1, 'Bakery 2026', { op: 'set-task-status', task: 'photos', status: 'done' }, 'ana', T0 + 2000);

    const history = await planHistory(store, 1, plan.id);
    expect(history.map((h) => [h.version, h.author, h.change])).toEqual([
      [1, 'ana', 'created'],
      [2, 'bo', 'set goal to sales'],
      [3, 'ana', 'task photos → done'],
    ]);
    expect((await getPlan(store, 1, plan.id, 1)).document.goal?.type).toBe('awareness');
    // A plan named with digits is found by name; its id still wins for the same digits.
    const numbered = await createPlan(store, 1, { ...samplePlan, name: '2026' }, 'ana', T0);
    expect((await getPlan(store, 1, '2026')).id).toBe(numbered.id);
    expect((await getPlan(store, 1, String(plan.id))).id).toBe(plan.id);
    const latest = await getPlan(store, 1, plan.id);
    expect(latest.version).toBe(3);
    expect(latest.document.goal?.type).toBe('sales');
    expect(latest.document.tasks.find((t) => t.id === 'photos')?.doneOn).toBe('2026-01-05');
    expect((await planDiff(store, 1, plan.id, 1)).changes).toEqual([
      { path: 'goal.type', before: 'awareness', after: 'sales' },
      { path: 'goal.statement', before: 'Be the bakery Lyon talks about', after: '' },
      { path: 'goal.justification', before: 'Few people know us outside the street', after: 'Cash first' },
      { path: 'tasks[photos].status', before: 'todo', after: 'done' },
      { path: 'tasks[photos].doneOn', before: null, after: '2026-01-05' },
    ]);
  });

  it('rejects a KPI on an unknown metric, naming the field, and stores nothing', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    const bad = { id: 'fans', name: 'Fans', metric: 'folowers', targets: [{ quarter: '2026-Q1', value: 10 }] };
    const error = await changePlan(store, 1, plan.id, { op: 'add-kpi', kpi: bad as never }, 'ana').catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/kpi\.metric: unknown metric "folowers": expected one of mentions/);
    expect((await getPlan(store, 1, plan.id)).version).toBe(1);
  });

  it('rejects a task owned by someone off the team', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    await expect(
      changePlan(store, 1, plan.id, { op: 'add-task', task: { id: 'x', title: 'X', owner: 'Zed', due: '2026-02-01' } }, 'ana'),
    ).rejects.toThrow(/tasks\[2\]\.owner: "Zed" is not on the team/);
  });

  it('compares every KPI with the plan in the monthly review and records decisions that revise the plan', async () => {
    const store = await open();
    const topic = await createTopic(store, 1, 'brand');
    await createTopic(store, 1, 'rival', 'competitor');
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    // 90 per quarter → 30 expected in January; 40 measured → 33% ahead (tolerance 5%).
    await storeMentions(store, 1, topic, [
      { at: '2026-01-03', count: 25 },
      { at: '2026-01-20', count: 15 },
      { at: '2026-02-02', count: 7 },
    ]);
    const now = Date.parse('2026-02-15T00:00:00Z');
    const january = await monthlyReview(store, 1, plan.id, '2026-01', now);
    expect(january.kpis[0]).toMatchObject({ id: 'mentions', expected: 30, actual: 40, gap: 10, status: 'ahead' });
    expect(january.kpis[0]!.gapPct).toBeCloseTo(33.33, 1);
    expect(january.tasks).toEqual([
      { owner: 'Ana', done: 0, doneLate: 0, late: 1, open: 1, lateTasks: ['photos'] },
      { owner: 'Bo', done: 1, doneLate: 1, late: 0, open: 0, lateTasks: [] },
    ]);

    // February is half over: 30 × 14/28 = 15 expected so far, 7 measured → behind.
    const february = await monthlyReview(store, 1, plan.id, '2026-02', now);
    expect(february.kpis[0]!.expected).toBeCloseTo(15, 6);
    expect(february.kpis[0]).toMatchObject({ actual: 7, status: 'behind' });
    expect(february.kpis[0]!.quarter).toEqual({ quarter: '2026-Q1', target: 90, actualToDate: 47 });

    const track = await kpiTrack(store, 1, plan.id, 'mentions', '2025-12', '2026-03', now);
    expect(track.points).toEqual([
      { month: '2025-12', expected: 30, actual: 0, status: 'behind' },
      { month: '2026-01', expected: 30, actual: 40, status: 'ahead' },
      { month: '2026-02', expected: 30, actual: null, status: 'no data' },
      { month: '2026-03', expected: 30, actual: null, status: 'no data' },
    ]);
    await expect(kpiTrack(store, 1, plan.id, 'nope', '2026-01', '2026-02', now)).rejects.toThrow(/no KPI "nope"/);
    expect(await reviewsDue(store, 1, now)).toEqual([{ planId: plan.id, name: 'Bakery 2026', month: '2026-01' }]);
    const recorded = await recordReview(
      store,
      1,
      plan.id,
      {
        month: '2026-01',
        decisions: ['Raise the Q1 target'],
        changes: [{ op: 'set-kpi-targets', kpi: 'mentions', targets: [{ quarter: '2026-Q1', value: 120 }] }],
      },
      'ana',
      now,
    );
    expect(recorded.planVersionAfter).toBe(2);
    expect(await reviewsDue(store, 1, now)).toEqual([]);
    expect((await getPlan(store, 1, plan.id)).document.kpis[0]!.targets).toEqual([{ quarter: '2026-Q1', value: 120 }]);
    expect((await planHistory(store, 1, plan.id))[1]!.change).toBe('revised targets of KPI mentions (review 2026-01)');
  });

  it('flags overdue calendar items', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    await addCalendarItem(store, 1, { planId: plan.id, channel: 'mastodon', title: 'Late draft', owner: 'Ana', scheduledAt: '2026-01-04', status: 'draft' }, T0);
    await addCalendarItem(store, 1, { planId: plan.id, channel: 'mastodon', title: 'Next week', owner: 'Ana', scheduledAt: '2026-01-12', status: 'approved' }, T0);
    await addCalendarItem(store, 1, { planId: plan.id, channel: 'mastodon', title: 'Done', owner: 'Ana', scheduledAt: '2026-01-01', status: 'published' }, T0);
    const items = await listCalendar(store, 1, { planId: plan.id }, T0);
    expect(items.map((i) => [i.title, i.overdue])).toEqual([
      ['Done', false],
      ['Late draft', true],
      ['Next week', false],
    ]);
    // A failed item moved back to 'scheduled' gets fresh publish attempts; a published one is frozen.
    const failed = items[1]!;
    await store.db.updateTable('calendar_items').set({ status: 'failed', publish_attempts: 3, publish_error: 'HTTP 500' }).where('id', '=', failed.id).execute();
    const retried = await updateCalendarItem(store, 1, failed.id, { status: 'scheduled', scheduledAt: '2026-01-06T10:00:00Z' }, T0);
    expect(retried).toMatchObject({ status: 'scheduled', publishAttempts: 0, publishError: null, overdue: false });
    await expect(updateCalendarItem(store, 1, items[0]!.id, { title: 'Rewritten' })).rejects.toThrow(/already published/);
    await expect(addCalendarItem(store, 1, { channel: 'x', title: 't', owner: 'o', status: 'scheduled' })).rejects.toThrow(
      /scheduledAt: a scheduled item needs a date/,
    );
  });

  it('exports and re-imports a plan as YAML and JSON, as a new version, without duplicating the calendar', async () => {
    const store = await open();
    const plan = await createPlan(store, 1, samplePlan, 'ana', T0);
    await addCalendarItem(store, 1, { planId: plan.id, channel: 'mastodon', title: 'Hello', owner: 'Ana', scheduledAt: '2026-01-12T10:00:00Z', status: 'approved' }, T0);
    for (const format of ['yaml', 'json'] as const) {
      const text = await exportPlan(store, 1, plan.id, format, T0);
      const imported = await importPlan(store, 1, text, format, 'bo', T0);
      expect(imported).toMatchObject({ created: false, calendarAdded: 0, calendarSkipped: 1 });
      expect(imported.plan.document).toEqual((await getPlan(store, 1, plan.id, 1)).document);
    }
    // The calendar item's creation is in the plan's history too (src/plan/calendar-log.ts).
    expect((await planHistory(store, 1, plan.id)).map((h) => h.author)).toEqual(['ana', 'murmur', 'bo', 'bo']);

    const yaml = (await exportPlan(store, 1, plan.id, 'yaml', T0)).replace('name: Bakery 2026', 'name: Copy').replace('metric: mentions', 'metric: folowers');
    await expect(importPlan(store, 1, yaml, 'yaml', 'bo')).rejects.toThrow(/plan\.kpis\[0\]\.metric: unknown metric "folowers"/);
    await expect(importPlan(store, 1, 'format: murmur-plan/1\nplan: [unclosed', 'yaml', 'bo')).rejects.toThrow(/invalid YAML at line 2/);
    const copy = await importPlan(store, 1, yaml.replace('metric: folowers', 'metric: mentions'), 'yaml', 'bo');
    expect(copy).toMatchObject({ created: true, calendarAdded: 1 });
  });
});
