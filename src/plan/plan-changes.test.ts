import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/validation.ts';
import { applyChange, describeChange, reviseTargetChange } from './plan-changes.ts';
import { PlanDocumentSchema, type PlanChange, type PlanDocument } from './plan-schema.ts';
import { samplePlan } from './test-fixtures.ts';

const TODAY = '2026-02-03';
const plan: PlanDocument = PlanDocumentSchema.parse(samplePlan);
const apply = (change: PlanChange) => applyChange(plan, change, TODAY);
const failure = (change: PlanChange): ValidationError => {
  try {
    apply(change);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the change was accepted');
};

describe('editing every part of a plan', () => {
  it('renames a team member and the tasks they own follow', () => {
    const next = apply({ op: 'update-member', member: 'Ana', value: { name: 'Ana Lopez', department: 'Marketing', roles: [] } });
    expect(next.team.map((m) => m.name)).toEqual(['Ana Lopez', 'Bo']);
    expect(next.tasks.find((t) => t.id === 'photos')?.owner).toBe('Ana Lopez');
    expect(next.team[0]!.roles).toEqual([]);
  });

  it('refuses to remove a member who still owns a task, naming the task', () => {
    expect(failure({ op: 'remove-member', member: 'Ana' }).message).toMatch(/tasks\[1\]\.owner: "Ana" is not on the team/);
    const bo = applyChange(apply({ op: 'remove-task', task: 'newsletter' }), { op: 'remove-member', member: 'Bo' }, TODAY);
    expect(bo.team.map((m) => m.name)).toEqual(['Ana']);
  });

  it('says which item is missing', () => {
    expect(failure({ op: 'remove-persona', persona: 'Nobody' }).message).toMatch(/persona "Nobody" not found/);
    expect(failure({ op: 'update-task', task: 'nope', value: { id: 'nope', title: 'X', owner: 'Ana', due: '2026-01-01' } }).message).toMatch(/task "nope" not found/);
  });

  it('renames a persona in the channels that serve it, and refuses removing one still served', () => {
    const next = apply({ op: 'update-persona', persona: 'Local foodie', value: { name: 'Foodie', demographics: '25-40' } });
    expect(next.channels[0]!.personas).toEqual(['Foodie']);
    expect(next.personas[0]!.demographics).toBe('25-40');
    expect(failure({ op: 'remove-persona', persona: 'Local foodie' }).message).toMatch(/channels\[0\]\.personas\[0\]: unknown persona "Local foodie"/);
  });

  it('renames a channel everywhere it is named and removes one', () => {
    const next = apply({ op: 'update-channel', channel: 'mastodon', value: { channel: 'bluesky', reason: 'Moved' } });
    expect(next.channels.map((c) => c.channel)).toEqual(['bluesky']);
    expect(next.channels[0]!.personas).toEqual([]);
    expect(next.team[0]!.roles[0]!.channel).toBe('bluesky');
    expect(next.personas[0]!.channels).toEqual(['bluesky']);
    expect(apply({ op: 'remove-channel', channel: 'mastodon' }).channels).toEqual([]);
  });

  it('replaces a KPI with its targets and forecast sketch, validated as a whole', () => {
    const kpi = { id: 'mentions', name: 'Mentions', metric: 'mentions' as const, targets: [{ quarter: '2026-Q2', value: 120 }], forecast: [{ month: '2026-04', value: 30 }] };
    const next = apply({ op: 'update-kpi', kpi: 'mentions', value: kpi });
    expect(next.kpis[0]).toMatchObject({ name: 'Mentions', targets: [{ quarter: '2026-Q2', value: 120 }], forecast: [{ month: '2026-04', value: 30 }], scope: {} });
    const noTarget = failure({ op: 'update-kpi', kpi: 'mentions', value: { ...kpi, targets: [], forecast: [] } });
    expect(noTarget.message).toMatch(/kpis\[0\]\.targets: give at least one quarterly target/);
  });

  it('edits and reassigns a task; done dates follow the status; a role on the task follows its new id', () => {
    const done = apply({ op: 'update-task', task: 'photos', value: { id: 'photos', title: 'Photos', owner: 'Bo', due: '2026-02-01', status: 'done' } });
    expect(done.tasks[1]).toMatchObject({ title: 'Photos', owner: 'Bo', status: 'done', doneOn: TODAY });
    const reopened = apply({ op: 'update-task', task: 'newsletter', value: { id: 'letter', title: 'Letter', owner: 'Bo', due: '2026-01-10', status: 'doing', doneOn: '2026-01-12' } });
    expect(reopened.tasks[0]).toMatchObject({ id: 'letter', status: 'doing', doneOn: null });
    expect(reopened.team[1]!.roles[0]!.task).toBe('letter');
    expect(apply({ op: 'remove-task', task: 'photos' }).tasks.map((t) => t.id)).toEqual(['newsletter']);
  });

  it('moves the start of the plan', () => {
    expect(apply({ op: 'set-start', startsOn: '2026-03-01' }).startsOn).toBe('2026-03-01');
    expect(failure({ op: 'set-start', startsOn: '2026-3-1' }).message).toMatch(/startsOn: expected a date as YYYY-MM-DD/);
  });

  it("revises one quarter's target and keeps the others", () => {
    const twoQuarters = applyChange(plan, reviseTargetChange(plan, 'mentions', '2026-Q2', 120), TODAY);
    const revised = applyChange(twoQuarters, reviseTargetChange(twoQuarters, 'mentions', '2026-Q1', 60), TODAY);
    expect(revised.kpis[0]!.targets).toEqual([{ quarter: '2026-Q1', value: 60 }, { quarter: '2026-Q2', value: 120 }]);
    expect(() => reviseTargetChange(plan, 'nope', '2026-Q1', 1)).toThrow(/kpi: no KPI "nope"/);
  });

  it('describes each edit in the words of the history', () => {
    expect(describeChange({ op: 'update-member', member: 'Ana', value: { name: 'Ana Lopez', department: 'M' } })).toBe('edited team member Ana → Ana Lopez');
    expect(describeChange({ op: 'update-task', task: 'photos', value: { id: 'photos', title: 'P', owner: 'Bo', due: '2026-01-01' } })).toBe('edited task photos');
    expect(describeChange({ op: 'remove-persona', persona: 'Foodie' })).toBe('removed persona Foodie');
  });
});
