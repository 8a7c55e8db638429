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

// Logs go to stderr: stdout belongs to command results, and one warning line there
// would corrupt the output of `--json` (and of pipes like `murmur nlp - | jq`).
export const log = pino(
  {
    level: process.env.MURMUR_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`), 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  },
  pino.destination({ fd: 2, sync: true }),
);
