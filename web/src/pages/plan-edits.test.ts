import { describe, expect, it } from 'vitest';
import { PlanDocumentSchema } from '../../../src/plan/plan-schema.ts';
import { samplePlan } from '../../../src/plan/test-fixtures.ts';
import { kpiDraft, kpiOf, memberDraft, memberOf, problemsOf, taskDraft, taskOf } from './plan-edits.ts';

const plan = PlanDocumentSchema.parse(samplePlan);

describe('plan form drafts', () => {
  it('round-trips a member with roles on a channel and on a task', () => {
    for (const member of plan.team) expect(memberOf(memberDraft(member))).toEqual(member);
  });

  it('turns a KPI draft into the KPI, dropping blank rows and keeping half-filled ones for the schema to name', () => {
    const kpi = plan.kpis[0]!;
    expect(kpiOf(kpiDraft(kpi))).toEqual(kpi);
    const draft = { ...kpiDraft(kpi), targets: [{ at: '2026-Q2', value: '' }, { at: '', value: '' }], forecast: [{ at: '', value: '' }] };
    const change = { op: 'update-kpi' as const, kpi: kpi.id, value: kpiOf(draft) };
    expect(change.value.targets).toHaveLength(1);
    expect(problemsOf(plan, change, '2026-02-01')).toEqual(['value.targets[0].value: Invalid input: expected number, received NaN']);
  });

  it('dates a task done from the form the way set-task-status does', () => {
    const open = plan.tasks.find((t) => t.id === 'photos')!;
    expect(taskOf({ ...taskDraft(open), status: 'done' }, '2026-02-01', open).doneOn).toBe('2026-02-01');
    const done = plan.tasks.find((t) => t.id === 'newsletter')!;
    expect(taskOf(taskDraft(done), '2026-02-01', done).doneOn).toBe('2026-01-12');
    expect(taskOf({ ...taskDraft(done), status: 'doing' }, '2026-02-01', done).doneOn).toBeNull();
  });

  it('names the same problems the API would, with their place in the plan', () => {
    expect(problemsOf(plan, { op: 'add-task', task: taskOf({ ...taskDraft(), id: 'x', title: 'X', owner: 'Zed', due: '2026-02-01' }, '2026-02-01') }, '2026-02-01')).toEqual(['tasks[2].owner: "Zed" is not on the team']);
    expect(problemsOf(plan, { op: 'remove-member', member: 'Ana' }, '2026-02-01')).toEqual(['tasks[1].owner: "Ana" is not on the team']);
    expect(problemsOf(plan, { op: 'set-differentiator', differentiator: 'Rye' }, '2026-02-01')).toEqual([]);
  });
});
