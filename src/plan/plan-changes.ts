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
    case 'set-start':
      return `set start to ${change.startsOn}`;
    case 'set-goal':
      return `set goal to ${change.goal.type}`;
    case 'set-differentiator':
      return 'set differentiator';
    case 'add-member':
      return `added team member ${change.member.name}`;
    case 'add-role':
      return `added a role for ${change.member}`;
    case 'update-member':
      return `edited team member ${renamed(change.member, change.value.name)}`;
    case 'remove-member':
      return `removed team member ${change.member}`;
    case 'add-persona':
      return `added persona ${change.persona.name}`;
    case 'update-persona':
      return `edited persona ${renamed(change.persona, change.value.name)}`;
    case 'remove-persona':
      return `removed persona ${change.persona}`;
    case 'add-channel':
      return `added channel ${change.channel.channel}`;
    case 'update-channel':
      return `edited channel ${renamed(change.channel, change.value.channel)}`;
    case 'remove-channel':
      return `removed channel ${change.channel}`;
    case 'add-kpi':
      return `added KPI ${change.kpi.id}`;
    case 'update-kpi':
      return `edited KPI ${renamed(change.kpi, change.value.id)}`;
    case 'set-kpi-targets':
      return `revised targets of KPI ${change.kpi}`;
    case 'remove-kpi':
      return `removed KPI ${change.kpi}`;
    case 'add-task':
      return `added task ${change.task.id}`;
    case 'update-task':
      return `edited task ${renamed(change.task, change.value.id)}`;
    case 'set-task-status':
      return `task ${change.task} → ${change.status}`;
    case 'remove-task':
      return `removed task ${change.task}`;
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

const renamed = (before: string, after: string | undefined) => (after === undefined || after === before ? before : `${before} → ${after}`);

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
    case 'set-start':
      next.startsOn = change.startsOn;
      break;
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
    case 'update-member': {
      next.team[findIndex(next.team, (m) => m.name === change.member, `team member "${change.member}"`)] = change.value;
      // The tasks follow a renamed owner instead of pointing at a name no longer on the team.
      for (const task of next.tasks) if (task.owner === change.member) task.owner = change.value.name;
      break;
    }
    case 'remove-member':
      next.team.splice(findIndex(next.team, (m) => m.name === change.member, `team member "${change.member}"`), 1);
      break;
    case 'add-persona':
      next.personas.push(change.persona);
      break;
    case 'update-persona': {
      next.personas[findIndex(next.personas, (p) => p.name === change.persona, `persona "${change.persona}"`)] = change.value;
      for (const channel of next.channels) channel.personas = channel.personas.map((p) => (p === change.persona ? change.value.name : p));
      break;
    }
    case 'remove-persona':
      next.personas.splice(findIndex(next.personas, (p) => p.name === change.persona, `persona "${change.persona}"`), 1);
      break;
    case 'add-channel':
      next.channels.push(change.channel);
      break;
    case 'update-channel': {
      const [before, after] = [change.channel, change.value.channel];
      next.channels[findIndex(next.channels, (c) => c.channel === before, `channel "${before}"`)] = change.value;
      // Roles, personas and tasks name the channel as free text: a rename carries over to them.
      for (const member of next.team) for (const role of member.roles) if (role.channel === before) role.channel = after;
      for (const persona of next.personas) persona.channels = persona.channels.map((c) => (c === before ? after : c));
      for (const task of next.tasks) if (task.channel === before) task.channel = after;
      break;
    }
    case 'remove-channel':
      next.channels.splice(findIndex(next.channels, (c) => c.channel === change.channel, `channel "${change.channel}"`), 1);
      break;
    case 'add-kpi':
      next.kpis.push(change.kpi);
      break;
    case 'update-kpi':
      next.kpis[findIndex(next.kpis, (k) => k.id === change.kpi, `KPI "${change.kpi}"`)] = change.value;
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
    case 'update-task': {
      const i = findIndex(next.tasks, (t) => t.id === change.task, `task "${change.task}"`);
      // Same rule as set-task-status: a done task is dated (today unless given), an open one is not.
      const doneOn = change.value.status === 'done' ? (change.value.doneOn ?? next.tasks[i]!.doneOn ?? today) : null;
      next.tasks[i] = { ...change.value, doneOn };
      for (const member of next.team) for (const role of member.roles) if (role.task === change.task) role.task = change.value.id;
      break;
    }
    case 'set-task-status': {
      const task = next.tasks[findIndex(next.tasks, (t) => t.id === change.task, `task "${change.task}"`)]!;
      task.status = change.status;
      task.doneOn = change.status === 'done' ? (change.on ?? task.doneOn ?? today) : null;
      break;
    }
    case 'remove-task':
      next.tasks.splice(findIndex(next.tasks, (t) => t.id === change.task, `task "${change.task}"`), 1);
      break;
    case 'replace':
      return parseInput(PlanDocumentSchema, change.document, 'plan');
  }
  return parseInput(PlanDocumentSchema, next, 'plan');
}

/** The change that sets one quarter's target of a KPI, keeping its other quarters (a review's revision). */
export function reviseTargetChange(document: PlanDocument, kpiId: string, quarter: string, value: number): PlanChange {
  const kpi = document.kpis.find((k) => k.id === kpiId);
  if (!kpi) throw new ValidationError(`kpi: no KPI "${kpiId}" in the plan`);
  return { op: 'set-kpi-targets', kpi: kpi.id, targets: [...kpi.targets.filter((t) => t.quarter !== quarter), { quarter, value }] };
}
