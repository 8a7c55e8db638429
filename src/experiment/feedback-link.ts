/**
 * The address of an experiment's public feedback page (the dashboard's /feedback/<token>,
 * opened without an account). One builder for the CLI, the API and the dashboard, so the
 * link they show is the same page, never the JSON route behind it.
 */
export const FEEDBACK_PAGE_PREFIX = '/feedback/';

/** The page's path: the token is URL-safe by construction, encoded anyway. */
export function feedbackPagePath(token: string): string {
  return `${FEEDBACK_PAGE_PREFIX}${encodeURIComponent(token)}`;
}

/** The absolute link; `base` is where the dashboard is reachable ($MURMUR_PUBLIC_URL or the page's origin). */
export function feedbackFormUrl(token: string, base: string): string {
  return new URL(feedbackPagePath(token), base).toString();
}
