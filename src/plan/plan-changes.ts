/**
 * Applying a PlanChange to a plan document: pure, so the repository, the review and
 * the tests share one definition of what each change means.
 */
import {
  PlanChangeSchema,
  PlanDocumentSchema,
  type PlanChange,
  type PlanDocument,
} from './plan-schema.ts';
import { parseInput, ValidationError } from '../core/validation.ts';

/** A short description of the change for the version history. */
export function describeChange(change: PlanChange): string {
  switch (change.op) {
    case 'set-goal':
      return `set goal to ${change.goal.type}`;
    case 'set-differentiator':
      return 'set differentiator';
    case 'add-member':
      return `added team member ${change.member.name}`;
    case 'add-role':
      return `added a role for ${change.member}`;
    case 'add-persona':
      return `added persona ${change.persona.name}`;
    case 'add-channel':
      return `added channel ${change.channel.channel}`;
    case 'add-kpi':
      return `added KPI ${change.kpi.id}`;
    case 'set-kpi-targets':
      return `revised targets of KPI ${change.kpi}`;
    case 'remove-kpi':
      return `removed KPI ${change.kpi}`;
    case 'add-task':
      return `added task ${change.task.id}`;
    case 'set-task-status':
      return `task ${change.task} → ${change.status}`;
    case 'replace':
      return 'replaced the whole plan';
  }
}

/**
 * A calendar item's change as a line of its plan's history:
 * `calendar #12 "Launch" (bluesky): approved: "looks good"`.
 */
export function describeCalendarEvent(
  item: { id: number; channel: string; title: string },
  event: { kind: string; comment?: string | null; detail?: string },
): string {
  const detail = event.detail ? ` ${event.detail}` : '';
  const comment = event.comment ? `: "${event.comment.length > 200 ? `${event.comment.slice(0, 199)}…` : event.comment}"` : '';
  return `calendar #${item.id} "${item.title}" (${item.channel}): ${event.kind}${detail}${comment}`;
}

function findIndex<T>(list: T[], match: (item: T) => boolean, what: string): number {
  const index = list.findIndex(match);
  if (index < 0) throw new ValidationError(`${what} not found in the plan`);
  return index;
}

/** The document after `change`, validated as a whole. `today` dates a task marked done. */
export function applyChange(current: PlanDocument, rawChange: PlanChange, today: string): PlanDocument {
  const change = parseInput(PlanChangeSchema, rawChange, 'plan change');
  const next: PlanDocument = structuredClone(current);
  switch (change.op) {
    case 'set-goal':
      next.goal = change.goal;
      break;
    case 'set-differentiator':
      next.differentiator = change.differentiator;
      break;
    case 'add-member':
      next.team.push(change.member);
      break;
    case 'add-role': {
      const i = findIndex(next.team, (m) => m.name === change.member, `team member "${change.member}"`);
      next.team[i]!.roles.push(change.role);
      break;
    }
    case 'add-persona':
      next.personas.push(change.persona);
      break;
    case 'add-channel':
      next.channels.push(change.channel);
      break;
    case 'add-kpi':
      next.kpis.push(change.kpi);
      break;
    case 'set-kpi-targets': {
      const kpi = next.kpis[findIndex(next.kpis, (k) => k.id === change.kpi, `KPI "${change.kpi}"`)]!;
      kpi.targets = [...change.targets].sort((a, b) => a.quarter.localeCompare(b.quarter));
      if (change.forecast) kpi.forecast = change.forecast;
      break;
    }
    case 'remove-kpi':
      next.kpis.splice(findIndex(next.kpis, (k) => k.id === change.kpi, `KPI "${change.kpi}"`), 1);
      break;
    case 'add-task':
      next.tasks.push(change.task);
      break;
    case 'set-task-status': {
      const task = next.tasks[findIndex(next.tasks, (t) => t.id === change.task, `task "${change.task}"`)]!;
      task.status = change.status;
      task.doneOn = change.status === 'done' ? (change.on ?? task.doneOn ?? today) : null;
      break;
    }
    case 'replace':
      return parseInput(PlanDocumentSchema, change.document, 'plan');
  }
  return parseInput(PlanDocumentSchema, next, 'plan');
}
