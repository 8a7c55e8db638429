/**
 * Pictures on Bluesky: each is sent as a blob (com.atproto.repo.uploadBlob, the raw bytes
 * with their Content-Type), then the post record embeds them with their alt text
 * (app.bsky.embed.images). An image blob may be at most 1,000,000 bytes (the lexicon's
 * maxSize), so a larger picture is refused before anything is sent. A post without
 * pictures gets a card for its first link instead (one embed per post).
 * https://docs.bsky.app/docs/api/com-atproto-repo-upload-blob
 * https://docs.bsky.app/docs/advanced-guides/posts#images-embeds
 */
import { z } from 'zod';
import { expectShape, HttpStatusError, RateLimitedError, type HttpClient } from '../http.ts';
import { linksOf, type MediaAttachment } from '../../../core/post-rules.ts';
import { fetchLinkPreview } from '../link-preview.ts';
import { downloadPicture, uploadKey, uploadOnce } from '../post-pictures.ts';
import { PermanentPublishError, type PublishRequest } from '../publisher.ts';
import { xrpc, type BlueskyLogin } from './bluesky-session.ts';

const BLUESKY_MAX_PICTURE_BYTES = 1_000_000;

const blobRef = z.object({ $type: z.literal('blob'), ref: z.object({ $link: z.string() }), mimeType: z.string(), size: z.number() });

/** Uploads `picture` as a blob once per item (the ledger keeps its ref); `index` names it in errors. */
async function blobOnce(http: HttpClient, login: BlueskyLogin, request: PublishRequest, picture: MediaAttachment, index: number): Promise<unknown> {
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
  return JSON.parse(remote);
}

/** The images embed of the request's pictures (each blob uploaded once per item), or null without pictures. */
export async function blueskyImagesEmbed(http: HttpClient, login: BlueskyLogin, request: PublishRequest): Promise<Record<string, unknown> | null> {
  const pictures = request.pictures ?? [];
  if (pictures.length === 0) return null;
  const images: { alt: string; image: unknown }[] = [];
  for (const [index, picture] of pictures.entries()) images.push({ alt: picture.alt, image: await blobOnce(http, login, request, picture, index) });
  return { $type: 'app.bsky.embed.images', images };
}

/**
 * The link card of the post's first link (app.bsky.embed.external), from the page's
 * OpenGraph tags, its picture as the thumb when it can be had; null without a link or
 * when the page cannot be read: the post then goes out with its link clickable only.
 * https://docs.bsky.app/docs/advanced-guides/posts#website-card-embeds
 */
export async function blueskyLinkCardEmbed(http: HttpClient, login: BlueskyLogin, request: PublishRequest): Promise<Record<string, unknown> | null> {
  const link = linksOf(request.text)[0];
  if (!link) return null;
  const preview = await fetchLinkPreview(http, link);
  if (!preview) return null;
  const external: Record<string, unknown> = { uri: link, title: preview.title, description: preview.description };
  if (preview.image) {
    try {
      external.thumb = await blobOnce(http, login, request, { url: preview.image, alt: 'link card' }, 0);
    } catch (error) {
      // A card without its picture is still a card (the picture may be gone, too big, on a
      // refused address); a rate limit is waited out by the retry instead.
      if (error instanceof RateLimitedError) throw error;
    }
  }
  return { $type: 'app.bsky.embed.external', external };
}
