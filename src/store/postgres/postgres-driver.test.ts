import { describe, expect, it } from 'vitest';
import { redactUrl } from './postgres-driver.ts';

describe('redactUrl', () => {
  it('masks the password wherever pg would read it from', () => {
    expect(redactUrl('postgres://murmur:s3cret@db.example:5432/murmur')).toBe('postgres://murmur:***@db.example:5432/murmur');
    const masked = redactUrl('postgres://murmur@db.example/murmur?password=s3cret&sslmode=verify-full&sslpassword=k3y');
    expect(masked).not.toContain('s3cret');
    expect(masked).not.toContain('k3y');
    expect(masked).toBe('postgres://murmur@db.example/murmur?password=***&sslmode=verify-full&sslpassword=***');
    expect(redactUrl('postgres://murmur:s3cret@[bad')).toBe('postgres://(unparseable url)');
  });
});
