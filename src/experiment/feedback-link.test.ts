import { expect, it } from 'vitest';
import { feedbackFormUrl, FEEDBACK_PAGE_PREFIX } from './feedback-link.ts';

it('builds the public page address under the dashboard, not the JSON route', () => {
  const token = 'Ab-_0123456789xyzQ';
  expect(feedbackFormUrl(token, 'https://murmur.example.org')).toBe(`https://murmur.example.org/feedback/${token}`);
  // A base with a path of its own (a dashboard behind /murmur/) keeps the host, as a browser resolves it.
  expect(feedbackFormUrl(token, 'http://127.0.0.1:8080/')).toBe(`http://127.0.0.1:8080${FEEDBACK_PAGE_PREFIX}${token}`);
  expect(feedbackFormUrl(token, 'http://127.0.0.1:8080')).not.toContain('/api/');
});
