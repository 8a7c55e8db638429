import { expect, it } from 'vitest';
import { publicBase } from '../core/public-url.ts';
import { feedbackFormUrl, FEEDBACK_PAGE_PREFIX } from './feedback-link.ts';

it('builds the public page address under the dashboard, not the JSON route', () => {
  const token = 'Ab-_0123456789xyzQ';
  expect(feedbackFormUrl(token, publicBase(undefined, { MURMUR_PUBLIC_URL: 'https://murmur.example.org' }))).toBe(`https://murmur.example.org/feedback/${token}`);
  // $MURMUR_PUBLIC_URL may be written with or without its trailing slash: the same address.
  expect(feedbackFormUrl(token, publicBase(undefined, { MURMUR_PUBLIC_URL: 'http://127.0.0.1:8080/' }))).toBe(`http://127.0.0.1:8080${FEEDBACK_PAGE_PREFIX}${token}`);
  expect(feedbackFormUrl(token, publicBase('http://127.0.0.1:8080', {}))).not.toContain('/api/');
});
