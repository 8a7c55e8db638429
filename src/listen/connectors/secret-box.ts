/**
 * Secrets at rest: AES-256-GCM with a key from MURMUR_SECRET_KEY (32 bytes, hex or
 * base64). Each value gets a fresh 12-byte IV; the auth tag makes tampering or a
 * wrong key fail loudly instead of decrypting to garbage.
 *
 * Envelope: `v1.<iv b64>.<tag b64>.<ciphertext b64>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MurmurError } from '../../core/errors.ts';

export const SECRET_KEY_ENV = 'MURMUR_SECRET_KEY';

export class SecretKeyError extends MurmurError {
  override name = 'SecretKeyError';
  constructor(message: string) {
    super('secret_key_missing', 400, message);
  }
}

const HOW_TO =
  `set ${SECRET_KEY_ENV} to 32 random bytes in hex or base64, e.g. \`export ${SECRET_KEY_ENV}=$(openssl rand -base64 32)\`, and keep it: secrets stored with it cannot be read without it`;

/** Parses a 32-byte key from hex (64 chars) or base64; throws a SecretKeyError saying how to make one. */
export function parseSecretKey(value: string | undefined): Buffer {
  if (!value) throw new SecretKeyError(`no encryption key for secrets: ${HOW_TO}`);
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretKeyError(`${SECRET_KEY_ENV} is not a 32-byte key (it decodes to ${key.length} bytes): ${HOW_TO}`);
  return key;
}

export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  return parseSecretKey(env[SECRET_KEY_ENV]);
}

/** `aad` binds the ciphertext to its owner (e.g. the network), so a blob copied elsewhere fails to open. */
export function sealSecret(plaintext: string, key: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
}

export function openSecret(envelope: string, key: Buffer, aad: string): string {
  const [version, iv, tag, ciphertext] = envelope.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new SecretKeyError('stored secret is not a v1 envelope');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(`cannot decrypt a stored secret: ${SECRET_KEY_ENV} is not the key it was stored with (or the value was altered)`);
  }
}

/** AADs of the secrets stored outside sources, each bound to its workspace (a copy elsewhere will not open). */
export const crmSecretAad = (workspaceId: number) => `murmur-crm-webhook:${workspaceId}`;
/** Alert channels are sealed whole: a webhook URL carries its token. */
export const alertChannelsAad = (workspaceId: number) => `murmur-alert-channels:${workspaceId}`;
export const digestRecipientsAad = (workspaceId: number) => `murmur-digest-recipients:${workspaceId}`;

/** True for a value stored by sealSecret; anything else predates encryption. */
export function isSealed(stored: string): boolean {
  return stored.startsWith('v1.');
}

/**
 * Opens a stored secret that may predate encryption (CRM webhook secret, alert webhook
 * URLs): an envelope is opened with the key; a plaintext value is returned as stored,
 * so an upgrade without the key breaks nothing; the next save (or the migration, run
 * with the key set) seals it.
 */
export function openStoredSecret(stored: string, aad: string, key?: Buffer): string {
  return isSealed(stored) ? openSecret(stored, key ?? secretKeyFromEnv(), aad) : stored;
}

/** What `sources list` prints instead of a secret. */
export const MASK = '••••';
