/**
 * Pictures on Bluesky: each is sent as a blob (com.atproto.repo.uploadBlob, the raw bytes
 * with their Content-Type), then the post record embeds them with their alt text
 * (app.bsky.embed.images). An image blob may be at most 1,000,000 bytes (the lexicon's
 * maxSize), so a larger picture is refused before anything is sent.
 * https://docs.bsky.app/docs/api/com-atproto-repo-upload-blob
 * https://docs.bsky.app/docs/advanced-guides/posts#images-embeds
 */
import { z } from 'zod';
import { expectShape, HttpStatusError, type HttpClient } from '../http.ts';
import { downloadPicture, uploadKey, uploadOnce } from '../post-pictures.ts';
import { PermanentPublishError, type PublishRequest } from '../publisher.ts';
import { xrpc, type BlueskyLogin } from './bluesky-session.ts';

export const BLUESKY_MAX_PICTURE_BYTES = 1_000_000;

const blobRef = z.object({ $type: z.literal('blob'), ref: z.object({ $link: z.string() }), mimeType: z.string(), size: z.number() });

/** The images embed of the request's pictures (each blob uploaded once per item), or null without pictures. */
export async function blueskyImagesEmbed(http: HttpClient, login: BlueskyLogin, request: PublishRequest): Promise<Record<string, unknown> | null> {
  const pictures = request.pictures ?? [];
  if (pictures.length === 0) return null;
  const images: { alt: string; image: unknown }[] = [];
  for (const [index, picture] of pictures.entries()) {
    const { remote } = await uploadOnce(request.uploads, uploadKey(`bluesky ${login.service} ${login.identifier}`, picture), async () => {
      const file = await downloadPicture(http, picture, index, { maxBytes: BLUESKY_MAX_PICTURE_BYTES, network: 'Bluesky' });
      try {
        const { data } = await xrpc(http, login, 'com.atproto.repo.uploadBlob', { method: 'POST', body: { bytes: file.bytes, contentType: file.mimeType } });
        return JSON.stringify(expectShape(z.object({ blob: blobRef }), data, 'POST com.atproto.repo.uploadBlob').blob);
      } catch (error) {
        if (error instanceof HttpStatusError && (error.status === 413 || (error.status === 400 && /BlobTooLarge|InvalidMimeType|InvalidRequest/.test(error.body)))) {
          throw new PermanentPublishError(`picture ${index + 1} (${picture.url}) was refused by Bluesky: ${error.body.slice(0, 200)}`);
        }
        throw error;
      }
    });
    images.push({ alt: picture.alt, image: JSON.parse(remote) });
  }
  return { $type: 'app.bsky.embed.images', images };
}
