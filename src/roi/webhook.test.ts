import { describe, expect, it } from 'vitest';
import { signCrmPayload, verifyCrmWebhook } from './webhook.ts';

describe('CRM webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"events":[]}';
  const now = 1_770_000_000_000;
  const ts = now / 1000;

  it('accepts a fresh, correctly signed delivery (HMAC-SHA256 known value)', () => {
    // Computed independently: printf '1770000000.{"events":[]}' | openssl dgst -sha256 -hmac whsec_test
    expect(signCrmPayload(secret, ts, body)).toBe('sha256=810a6300c7bbc366ae49323a94c8c7545cb2b3e871ba15de17663e24cf1cbef6');
    const headers = { 'X-Murmur-Timestamp': String(ts), 'X-Murmur-Signature': signCrmPayload(secret, ts, body) };
    expect(verifyCrmWebhook(headers, body, secret, now)).toEqual({ ok: true });
  });

  it('refuses a wrong signature, a tampered body, a missing header and a replay outside the window', () => {
    const good = signCrmPayload(secret, ts, body);
    expect(verifyCrmWebhook({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signCrmPayload('other', ts, body) }, body, secret, now)).toMatchObject({ ok: false, status: 401, error: 'signature does not match' });
    expect(verifyCrmWebhook({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': good }, '{"events":[1]}', secret, now)).toMatchObject({ ok: false, status: 401 });
    expect(verifyCrmWebhook({ 'x-murmur-signature': good }, body, secret, now)).toMatchObject({ ok: false, error: 'missing x-murmur-timestamp header' });
    expect(verifyCrmWebhook({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': good }, body, secret, now + 6 * 60_000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/outside the 5-minute window/),
    });
  });
});

