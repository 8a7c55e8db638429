import { expect, it } from 'vitest';
import { ApiError, NotAvailableError } from '../api/client.ts';
import { feedbackProblem } from './feedback-problem.ts';

it('turns each refusal of the public form into one plain problem, never the API message', () => {
  expect(feedbackProblem(new ApiError(404, 'no feedback form at this link'))).toBe('notFound');
  expect(feedbackProblem(new NotAvailableError(404, 'no route GET /api/v1/public/feedback/x'))).toBe('notFound');
  expect(feedbackProblem(new ApiError(429, 'Rate limit exceeded, retry in 1 minute'))).toBe('rateLimited');
  expect(feedbackProblem(new ApiError(400, 'this feedback form is closed'))).toBe('closed');
  expect(feedbackProblem(new ApiError(400, 'feedback: answers.useful: Too big: expected number to be <=5'))).toBe('invalid');
  expect(feedbackProblem(new ApiError(500, 'boom'))).toBe('failed');
  expect(feedbackProblem(new TypeError('Failed to fetch'))).toBe('failed');
});
