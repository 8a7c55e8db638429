/**
 * Calls of the public feedback page (/feedback/<token>): no session, no CSRF token; the
 * unguessable token in the path is the only key.
 */
import { FEEDBACK_API_ROUTE } from '../../../src/experiment/feedback-link.ts';
import type { FeedbackForm } from '../../../src/experiment/feedback.ts';
import { getJson, sendJson } from './client.ts';

export type { FeedbackForm };
export type FeedbackAnswers = Record<string, string | number>;

const formPath = (token: string) => `/api/v1${FEEDBACK_API_ROUTE}/${encodeURIComponent(token)}`;

export const feedbackEndpoints = {
  form: (token: string) => getJson<FeedbackForm>(formPath(token)),
  answer: (token: string, answers: FeedbackAnswers) => sendJson<{ id: number }>('POST', formPath(token), { answers }),
};
