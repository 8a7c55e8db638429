/**
 * Pictures on Mastodon: POST /api/v2/media (multipart `file` + `description`, the alt text),
 * which answers 200 when the picture is ready or 202 while the instance is still
 * processing it; then GET /api/v1/media/:id answers 206 until it is ready and 200 after.
 * A status can attach only processed media. https://docs.joinmastodon.org/methods/media/
 */
import { z } from 'zod';
import { expectShape, HttpStatusError, type HttpClient } from '../http.ts';
import { downloadPicture, uploadKey, uploadOnce } from '../post-pictures.ts';
import { PermanentPublishError, type PublishRequest } from '../publisher.ts';
import { imageSizeLimit } from './mastodon-instance-limits.ts';

/** Polls of a picture still processing before this attempt gives up (the next attempt polls the same upload again). */
const MAX_POLLS = 10;
const POLL_DELAY_MS = 1000;

const attachment = z.object({ id: z.string(), url: z.string().nullish() });

/** The media ids of the request's pictures, uploaded once per item, every one processed. */
export async function mastodonMediaIds(http: HttpClient, instance: string, token: string, request: PublishRequest): Promise<string[]> {
  const ids: string[] = [];
  const pictures = request.pictures ?? [];
  for (const [index, picture] of pictures.entries()) {
    let ready = false;
    const key = uploadKey(`mastodon ${instance}`, picture);
    const upload = async () => {
      const maxBytes = await imageSizeLimit(http, instance, token);
      const file = await downloadPicture(http, picture, index, { maxBytes, network: instance });
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.fileName);
      form.append('description', picture.alt);
      // The platform's own multipart encoder, through a Request: no hand-written boundaries.
      const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
      const contentType = encoded.headers.get('content-type')!;
      try {
        const { data, response } = await http.json(new URL('/api/v2/media', instance), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: { bytes: new Uint8Array(await encoded.arrayBuffer()), contentType },
        });
        const uploaded = expectShape(attachment, data, 'POST /api/v2/media');
        ready = response.status === 200 && uploaded.url != null;
        return uploaded.id;
      } catch (error) {
        // 422: a file type or size the instance refuses; 413: too large for its proxy.
        if (error instanceof HttpStatusError && (error.status === 422 || error.status === 413)) {
          throw new PermanentPublishError(`picture ${index + 1} (${picture.url}) was refused by ${instance}: ${mastodonError(error.body) ?? `HTTP ${error.status}`}`);
        }
        throw error;
      }
    };
    let { remote: id, reused } = await uploadOnce(request.uploads, key, upload);
    try {
      if (!ready) await untilProcessed(http, instance, token, id, request.wait);
    } catch (error) {
      // An earlier attempt's upload the instance has removed (unattached media go after a day): send it again.
      if (!(reused && error instanceof HttpStatusError && error.status === 404)) throw error;
      await request.uploads?.forget(key);
      ({ remote: id, reused } = await uploadOnce(request.uploads, key, upload));
      if (!ready) await untilProcessed(http, instance, token, id, request.wait);
    }
    ids.push(id);
  }
  return ids;
}

async function untilProcessed(http: HttpClient, instance: string, token: string, id: string, wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<void> {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    if (poll > 0) await wait(POLL_DELAY_MS);
    const response = await http.request(new URL(`/api/v1/media/${encodeURIComponent(id)}`, instance), { headers: { authorization: `Bearer ${token}` } });
    await response.body?.cancel();
    if (response.status === 200) return;
  }
  throw new Error(`${instance} is still processing picture ${id}; the next attempt will check it again`);
}

function mastodonError(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : null;
  } catch {
    return null;
  }
}
