import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { openStore } from '../store/store.ts';
import { maskUrl, serializeRequest } from './request-log.ts';
import { buildServer } from './server.ts';

describe('request log lines', () => {
  it('mask the secret part of capability links and nothing else', () => {
    expect(maskUrl('/api/v1/public/feedback/AbCdEf0123456789xyz')).toBe('/api/v1/public/feedback/[redacted]');
    expect(maskUrl('/api/v1/public/review/Rv0123456789abcdef/comments')).toBe('/api/v1/public/review/[redacted]/comments');
    expect(maskUrl('/review/Rv0123456789abcdef')).toBe('/review/[redacted]');
    expect(maskUrl('/feedback/AbCdEf0123456789xyz')).toBe('/feedback/[redacted]');
    expect(maskUrl('/api/v1/workspaces/acme/mentions')).toBe('/api/v1/workspaces/acme/mentions');
    expect(maskUrl('/api/v1/workspaces/acme/calendar/3/review-links')).toBe('/api/v1/workspaces/acme/calendar/3/review-links');
  });

  it('mask every query value, keeping the names (clients send tokens and passwords as parameters)', () => {
    expect(maskUrl('/api/v1/auth/login?token=abc123&password=hunter2&flag')).toBe('/api/v1/auth/login?token=[redacted]&password=[redacted]&flag');
    expect(maskUrl('/api/v1/public/feedback/AbCdEf0123456789xyz?x=1')).toBe('/api/v1/public/feedback/[redacted]?x=[redacted]');
    expect(maskUrl('/api/v1/workspaces/acme/mentions?q=feedback')).toBe('/api/v1/workspaces/acme/mentions?q=[redacted]');
  });

  it('never write a query value into a real request log line', async () => {
    const lines: string[] = [];
    const logger = pino({ serializers: { req: serializeRequest } }, { write: (line: string) => void lines.push(line) });
    const store = await openStore(':memory:');
    const app = await buildServer({ store, logger, webRoot: null });
    await app.inject({ method: 'GET', url: '/healthz?token=s3cr3t-t0ken&password=hunter2' });
    await app.close();
    await store.close();
    expect(lines.join('')).toContain('/healthz?token=[redacted]');
    expect(lines.join('')).not.toMatch(/s3cr3t-t0ken|hunter2/);
  });
});
