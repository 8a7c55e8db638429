/**
 * The address of an experiment's public feedback page (the dashboard's /feedback/<token>,
 * opened without an account). One builder for the CLI, the API and the dashboard, so the
 * link they show is the same page, never the JSON route behind it.
 */
import { publicUrl, type PublicBase } from '../core/public-url.ts';

export const FEEDBACK_PAGE_PREFIX = '/feedback/';

/** The page's path: the token is URL-safe by construction, encoded anyway. */
function feedbackPagePath(token: string): string {
  return `${FEEDBACK_PAGE_PREFIX}${encodeURIComponent(token)}`;
}

/** The absolute link under the public base URL (core/public-url.ts). */
export function feedbackFormUrl(token: string, base: PublicBase): string {
  return publicUrl(base, feedbackPagePath(token));
}

/** The JSON route behind the page, relative to the API prefix (/api/v1). */
export const FEEDBACK_API_ROUTE = '/public/feedback';

/** The JSON route's full path, as the dashboard and older scripts call it. */
export function feedbackApiPath(token: string): string {
  return `/api/v1${FEEDBACK_API_ROUTE}/${encodeURIComponent(token)}`;
}

/** Both addresses of one form: the page to share and the JSON route (kept as `formPath` for older scripts). */
export function feedbackLinks(token: string, base: PublicBase): { formUrl: string; formPath: string } {
  return { formUrl: feedbackFormUrl(token, base), formPath: feedbackApiPath(token) };
}
