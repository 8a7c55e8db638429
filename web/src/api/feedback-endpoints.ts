/**
 * Calls of the public feedback page (/feedback/<token>): no session, no CSRF token; the
 * unguessable token in the path is the only key.
 */
import { feedbackApiPath } from '../../../src/experiment/feedback-link.ts';
import type { FeedbackForm } from '../../../src/experiment/feedback.ts';
import { getJson, sendJson } from './client.ts';

export type { FeedbackForm };
export type FeedbackAnswers = Record<string, string | number>;

export const feedbackEndpoints = {
  form: (token: string) => getJson<FeedbackForm>(feedbackApiPath(token)),
  answer: (token: string, answers: FeedbackAnswers) => sendJson<{ id: number }>('POST', feedbackApiPath(token), { answers }),
};
