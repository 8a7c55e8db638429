import { describe, expect, it } from 'vitest';
import { maskUrl } from './request-log.ts';

describe('request log lines', () => {
  it('mask the secret part of capability links and nothing else', () => {
    expect(maskUrl('/api/v1/public/feedback/AbCdEf0123456789xyz?x=1')).toBe('/api/v1/public/feedback/[redacted]?x=1');
    expect(maskUrl('/api/v1/workspaces/acme/mentions?q=feedback')).toBe('/api/v1/workspaces/acme/mentions?q=feedback');
  });
});
