/**
 * Test support: pictures a post links to, served by a replay server as a web host would
 * (Content-Type and Content-Length), and a ledger kept in memory.
 */
import type { ReplayServer } from './replay-server.ts';
import type { UploadLedger } from './publisher.ts';

/** A 1×1 transparent PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Serves `bytes` at `path` on `server`; returns the picture's URL. */
export function servePicture(server: ReplayServer, base: string, path: string, bytes: Uint8Array = TINY_PNG, mimeType = 'image/png'): string {
  server.route('GET', path, () => ({ body: bytes, headers: { 'content-type': mimeType, 'content-length': String(bytes.byteLength) } }));
  return `${base}${path}`;
}

export function memoryLedger(): UploadLedger & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    find: async (key) => entries.get(key) ?? null,
    remember: async (key, remote) => void entries.set(key, remote),
    forget: async (key) => void entries.delete(key),
    forgetAll: async () => entries.clear(),
  };
}
