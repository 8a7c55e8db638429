/**
 * Pictures a post carries, as publishers need them: downloaded from the URL the composer
 * stored (through the connectors' HttpClient, whose default fetch is the SSRF-guarded one),
 * refused with a message naming the picture when it is not an image or is larger than the
 * network accepts, and uploaded at most once per item and account (an UploadLedger
 * remembers what each network answered, so a retry attaches the same upload).
 */
import { createHash } from 'node:crypto';
import type { MediaAttachment } from '../../core/post-rules.ts';
import { MalformedResponseError } from './connector-errors.ts';
import { HttpStatusError, RateLimitedError, type HttpClient } from './http.ts';
import { PermanentPublishError, type UploadLedger } from './publisher.ts';

export interface Picture {
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
}

/** One key per network and picture (its URL and alt text): an edited alt text is a new upload. */
export function uploadKey(network: string, picture: MediaAttachment): string {
  return `${network}:${createHash('sha256').update(`${picture.url}\n${picture.alt}`).digest('hex')}`;
}

/** The network's own answer for this picture when uploaded before, else the upload's answer (remembered). */
export async function uploadOnce(ledger: UploadLedger | undefined, key: string, upload: () => Promise<string>): Promise<{ remote: string; reused: boolean }> {
  const known = await ledger?.find(key);
  if (known) return { remote: known, reused: true };
  const remote = await upload();
  await ledger?.remember(key, remote);
  return { remote, reused: false };
}

const formatBytes = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${Math.round(n / 1000)} kB` : `${n} bytes`);

/** Downloads picture `index` (0-based) of a post, refusing anything but an image of at most `maxBytes`. */
export async function downloadPicture(http: HttpClient, picture: MediaAttachment, index: number, limit: { maxBytes: number; network: string }): Promise<Picture> {
  const name = `picture ${index + 1} (${picture.url})`;
  let response: Response;
  try {
    response = await http.request(picture.url, { headers: { accept: 'image/*' } });
  } catch (error) {
    // Gone or forbidden: retrying will not bring it back. Anything else (timeout, 5xx, 429) may pass.
    if (error instanceof HttpStatusError && error.status < 500) throw new PermanentPublishError(`${name} cannot be downloaded (HTTP ${error.status}): check its address`);
    if (error instanceof RateLimitedError) throw error;
    throw new Error(`${name} cannot be downloaded now: ${(error as Error).message}`, { cause: error });
  }
  const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!mimeType.startsWith('image/')) {
    await response.body?.cancel();
    throw new PermanentPublishError(`${name} is not a picture (the server says ${mimeType || 'nothing'} about it)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await http.bytes(response, name, limit.maxBytes);
  } catch (error) {
    if (error instanceof MalformedResponseError) throw new PermanentPublishError(`${name} is too big: ${limit.network} accepts pictures up to ${formatBytes(limit.maxBytes)}; make it smaller and try again`);
    throw error;
  }
  const fileName = decodeURIComponent(new URL(picture.url).pathname.split('/').pop() || `picture-${index + 1}`);
  return { bytes, mimeType, fileName };
}
