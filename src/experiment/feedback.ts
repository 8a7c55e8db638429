/**
 * The audience-feedback form of an experiment. Anyone with the link (its unguessable
 * token) can answer; answers are stored without name, address or IP, and summarised
 * in the experiment's result. The public HTTP route calls feedbackForm / submitFeedback.
 */
import { z } from 'zod';
import { parseInput, ValidationError } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { FeedbackQuestionSchema, type FeedbackQuestion } from './experiment-schema.ts';

/** Answers are accepted until this long after the experiment's end. */
const FEEDBACK_GRACE_MS = 30 * 86_400_000;

async function byToken(store: Store, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw new NotFoundError('no feedback form at this link');
  const row = await store.db
    .selectFrom('experiments')
    .select(['id', 'name', 'tactic', 'end_at', 'feedback_questions'])
    .where('feedback_token', '=', token)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('no feedback form at this link');
  return { ...row, questions: z.array(FeedbackQuestionSchema).parse(JSON.parse(row.feedback_questions)) };
}

export interface FeedbackForm {
  title: string;
  questions: FeedbackQuestion[];
  open: boolean;
}

/** What the public page shows: the tactic's name and the questions, nothing internal. */
export async function feedbackForm(store: Store, token: string, now = Date.now()): Promise<FeedbackForm> {
  const e = await byToken(store, token);
  return { title: e.tactic, questions: e.questions, open: now <= e.end_at + FEEDBACK_GRACE_MS };
}

function answersSchema(questions: FeedbackQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    if (q.type === 'scale') shape[q.id] = z.coerce.number().int().min(q.min).max(q.max).optional();
    else if (q.type === 'choice') shape[q.id] = z.enum(q.options as [string, ...string[]]).optional();
    else shape[q.id] = z.string().trim().max(q.maxLength).optional();
  }
  return z
    .object(shape)
    .strict()
    .refine((a) => Object.values(a).some((v) => v !== undefined && v !== ''), { message: 'answer at least one question' });
}

export async function submitFeedback(store: Store, token: string, answers: unknown, now = Date.now()): Promise<{ id: number }> {
  const e = await byToken(store, token);
  if (now > e.end_at + FEEDBACK_GRACE_MS) throw new ValidationError('this feedback form is closed');
  const parsed = parseInput(answersSchema(e.questions), answers, 'feedback', 'answers') as Record<string, unknown>;
  const clean = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined && v !== ''));
  const row = await store.db
    .insertInto('experiment_feedback')
    .values({ experiment_id: e.id, answers: JSON.stringify(clean), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export type QuestionSummary =
  | { id: string; type: 'scale'; label: string; answers: number; mean: number | null; distribution: Record<string, number> }
  | { id: string; type: 'choice'; label: string; answers: number; counts: Record<string, number> }
  | { id: string; type: 'text'; label: string; answers: number; latest: string[] };

export interface FeedbackSummary {
  responses: number;
  questions: QuestionSummary[];
}

export function summarizeFeedback(questions: FeedbackQuestion[], responses: Record<string, unknown>[]): FeedbackSummary {
  return {
    responses: responses.length,
    questions: questions.map((q): QuestionSummary => {
      const values = responses.map((r) => r[q.id]).filter((v) => v !== undefined);
      if (q.type === 'scale') {
        const numbers = values.map(Number);
        const distribution: Record<string, number> = {};
        for (let v = q.min; v <= q.max; v++) distribution[v] = numbers.filter((n) => n === v).length;
        const mean = numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null;
        return { id: q.id, type: 'scale', label: q.label, answers: numbers.length, mean, distribution };
      }
      if (q.type === 'choice') {
        const counts = Object.fromEntries(q.options.map((o) => [o, values.filter((v) => v === o).length]));
        return { id: q.id, type: 'choice', label: q.label, answers: values.length, counts };
      }
      return { id: q.id, type: 'text', label: q.label, answers: values.length, latest: (values as string[]).slice(-5).reverse() };
    }),
  };
}

export async function feedbackSummary(store: Store, experimentId: number, questions: FeedbackQuestion[]): Promise<FeedbackSummary> {
  const rows = await store.db.selectFrom('experiment_feedback').select('answers').where('experiment_id', '=', experimentId).orderBy('id').execute();
  return summarizeFeedback(questions, rows.map((r) => JSON.parse(r.answers) as Record<string, unknown>));
}
