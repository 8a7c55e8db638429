/**
 * One pino logger for the whole process. Secrets are redacted at the logger so a
 * careless `log.info({ config })` cannot leak them.
 */
import pino from 'pino';

export const REDACTED_KEYS = [
  'password',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'appPassword',
  'app_password',
  'clientSecret',
  'client_secret',
  'secret',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
];

export const log = pino({
  level: process.env.MURMUR_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  redact: {
    paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`), 'req.headers.authorization', 'req.headers.cookie'],
    censor: '[redacted]',
  },
});
