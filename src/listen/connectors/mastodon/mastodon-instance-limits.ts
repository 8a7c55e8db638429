/**
 * The largest picture an instance takes, as it says in GET /api/v2/instance:
 * `configuration.media_attachments.image_size_limit`, in bytes
 * (https://docs.joinmastodon.org/entities/Instance/#image_size_limit). Instances set their
 * own (many lower Mastodon's 16 MB default), so a picture too big for this one is refused
 * before it is downloaded whole and uploaded. Read once per instance (the accounts of one
 * instance share its limit) and kept for the life of the process.
 */
import { z } from 'zod';
import { HttpStatusError, type HttpClient } from '../http.ts';

/** Mastodon's default, used only when the instance does not say (older than 4.0: no v2 endpoint). */
export const DEFAULT_IMAGE_SIZE_LIMIT = 16 * 1024 * 1024;

const InstanceLimits = z.object({
  configuration: z.object({ media_attachments: z.object({ image_size_limit: z.number().int().positive() }) }),
});

const known = new Map<string, number>();

/** Its image_size_limit; a server error or a rate limit is thrown (the publish is retried), never taken for "16 MB". */
export async function imageSizeLimit(http: HttpClient, instance: string, token: string): Promise<number> {
  const cached = known.get(instance);
  if (cached !== undefined) return cached;
  let limit = DEFAULT_IMAGE_SIZE_LIMIT;
  try {
    // The token too: instances in limited-federation mode answer the instance API to signed-in callers only.
    const { data } = await http.json(new URL('/api/v2/instance', instance), { headers: { authorization: `Bearer ${token}` } });
    const said = InstanceLimits.safeParse(data);
    if (said.success) limit = said.data.configuration.media_attachments.image_size_limit;
  } catch (error) {
    // 404 (no v2 endpoint) or another refusal: the instance does not say.
    if (!(error instanceof HttpStatusError && error.status < 500)) throw error;
  }
  known.set(instance, limit);
  return limit;
}

/** Tests start from an empty cache (each stands for a new process). */
export function forgetImageSizeLimits(): void {
  known.clear();
}
