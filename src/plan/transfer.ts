/**
 * Import and export of a whole plan (document + editorial calendar) as JSON or YAML.
 * Importing a plan whose name exists adds a new version rather than overwriting it.
 */
import YAML from 'yaml';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { addCalendarItem, CALENDAR_STATUSES, listCalendar } from './calendar.ts';
import { calendarSettings } from './calendar-log.ts';
import { PlanDocumentSchema } from './plan-schema.ts';
import { changePlan, createPlan, getPlan, type PlanView } from './plans.ts';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';

export const PLAN_FORMAT = 'murmur-plan/1';

const ExportedCalendarItem = z
  .object({
    channel: z.string().trim().min(1),
    title: z.string().trim().min(1),
    body: z.string().default(''),
    owner: z.string().trim().min(1),
    scheduledAt: z.iso.datetime({ offset: true }).nullable().default(null),
    status: z.enum(CALENDAR_STATUSES).default('idea'),
  })
  .strict();

export const PlanFileSchema = z
  .object({
    format: z.literal(PLAN_FORMAT, { message: `expected "${PLAN_FORMAT}"` }),
    plan: PlanDocumentSchema,
    calendar: z.array(ExportedCalendarItem).default([]),
  })
  .strict();
export type PlanFile = z.output<typeof PlanFileSchema>;

export type PlanFormat = 'json' | 'yaml';

export async function exportPlan(store: Store, workspaceId: number, ref: number | string, format: PlanFormat, now = Date.now()): Promise<string> {
  const plan = await getPlan(store, workspaceId, ref);
  const calendar = await listCalendar(store, workspaceId, { planId: plan.id }, now);
  const file: PlanFile = {
    format: PLAN_FORMAT,
    plan: plan.document,
    // Publishing state (attempts, URLs, errors) belongs to this install, not to the plan.
    calendar: calendar.map((i) => ({
      channel: i.channel,
      title: i.title,
      body: i.body,
      owner: i.owner,
      scheduledAt: i.scheduledAt === null ? null : new Date(i.scheduledAt).toISOString(),
      status: i.status === 'published' || i.status === 'failed' ? 'approved' : i.status,
    })),
  };
  return format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : YAML.stringify(file);
}

/** Parses the text of a plan file; YAML syntax errors name the line. */
export function parsePlanFile(text: string, format: PlanFormat): PlanFile {
  let data: unknown;
  try {
    if (format === 'json') data = JSON.parse(text);
    else {
      const doc = YAML.parseDocument(text, { prettyErrors: true });
      if (doc.errors.length > 0) {
        const e = doc.errors[0]!;
        const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : 'unknown position';
        throw new ValidationError(`invalid YAML at ${where}: ${e.message.split('\n')[0]}`);
      }
      data = doc.toJS();
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`invalid JSON: ${(error as Error).message}`);
  }
  return parseInput(PlanFileSchema, data, 'plan file');
}

export function formatFromName(fileName: string): PlanFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

export interface ImportedPlan {
  plan: PlanView;
  created: boolean;
  calendarAdded: number;
  calendarSkipped: number;
}

export async function importPlan(
  store: Store,
  workspaceId: number,
  text: string,
  format: PlanFormat,
  author: string,
  now = Date.now(),
): Promise<ImportedPlan> {
  const file = parsePlanFile(text, format);
  const existing = await getPlan(store, workspaceId, file.plan.name).catch(() => null);
  const plan = existing
    ? await changePlan(store, workspaceId, existing.id, { op: 'replace', document: file.plan }, author, now, 'imported')
    : await createPlan(store, workspaceId, file.plan, author, now);
  const present = new Set(
    (await listCalendar(store, workspaceId, { planId: plan.id }, now)).map((i) => `${i.channel}\u0000${i.title}\u0000${i.scheduledAt}`),
  );
  // Where posts need approval, an imported post is a draft until an approver here approves it.
  const { requireApproval } = await calendarSettings(store, workspaceId);
  let added = 0;
  for (const item of file.calendar) {
    const scheduledAt = item.scheduledAt === null ? null : toEpoch(item.scheduledAt);
    // Re-importing the same file must not duplicate the calendar.
    if (present.has(`${item.channel}\u0000${item.title}\u0000${scheduledAt}`)) continue;
    const status = requireApproval && (item.status === 'approved' || item.status === 'scheduled') ? 'draft' : item.status;
    await addCalendarItem(store, workspaceId, { ...item, status, scheduledAt, planId: plan.id }, now, author);
    added++;
  }
  return { plan, created: !existing, calendarAdded: added, calendarSkipped: file.calendar.length - added };
}
