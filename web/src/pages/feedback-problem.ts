/**
 * What went wrong on the public feedback page, as one of a few plain sentences: the
 * audience never sees the API's messages, which name internal question keys.
 */
import { ApiError } from '../api/client.ts';

export type FeedbackProblem = 'notFound' | 'closed' | 'rateLimited' | 'invalid' | 'failed';

export function feedbackProblem(error: unknown): FeedbackProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.status === 404) return 'notFound';
  if (error.status === 429) return 'rateLimited';
  // submitFeedback's only 400 that is not about an answer (src/experiment/feedback.ts).
  if (error.status === 400) return /closed/.test(error.message) ? 'closed' : 'invalid';
  return 'failed';
}
