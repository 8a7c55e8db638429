import { expect, it } from 'vitest';
import { feedbackFormUrl, FEEDBACK_PAGE_PREFIX } from './feedback-link.ts';

it('builds the public page address under the dashboard, not the JSON route', () => {
  const token = 'Ab-_0123456789xyzQ';
  expect(feedbackFormUrl(token, 'https://murmur.example.org')).toBe(`https://murmur.example.org/feedback/${token}`);
  // $MURMUR_PUBLIC_URL may be written with or without its trailing slash: the same address.
  expect(feedbackFormUrl(token, 'http://127.0.0.1:8080/')).toBe(`http://127.0.0.1:8080${FEEDBACK_PAGE_PREFIX}${token}`);
  expect(feedbackFormUrl(token, 'http://127.0.0.1:8080')).not.toContain('/api/');
});
